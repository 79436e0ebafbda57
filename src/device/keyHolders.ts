import { newDataKey, unwrap, wrapWithPin, wrapWithRecovery, type KeyWrap } from '../crypto/keyWrap';
import { RuleError, ValidationError } from '../domain/errors';
import { formatRecoveryCode, parseRecoveryCode, RECOVERY_BYTES } from '../domain/keys/recoveryCode';
import { afterSuccess } from '../domain/throttle';
import { userKey } from '../domain/userKey';
import { newPin, newUser, type NewUser, type Role } from '../domain/users';
import { toIssues } from '../domain/validation';
import { DEVICE_KEYS, deviceKeysOf, RECOVERY_PENDING, unlockedAs, type AccountDeps, type DeviceKeys, type SessionUser, type Unlocked } from './accounts';
import type { SettingRecord, UserRecord } from './db';
import { PIN_ITERATIONS } from './pin';

/*
 * Who holds the data key: new keys (enrolment, a device's first login after the update that
 * sealed it), new users, PIN resets and the recovery code. Accounts loads this when one of them
 * happens, so a login downloads none of it (issue 15).
 */

const iterationsOf = (deps: AccountDeps) => deps.pinIterations ?? PIN_ITERATIONS;

/**
 * A new data key, wrapped for its first user and for a new recovery code. Nothing is stored or
 * opened: the caller opens the key ring and stores `user`, `keys` and the pending code with
 * whatever else must be written alongside.
 */
export async function newKeys(deps: AccountDeps, name: string, role: Role, pin: string, legacyLog: DeviceKeys['legacyLog']): Promise<{ user: UserRecord; keys: DeviceKeys; recoveryCode: string; dataKey: Uint8Array }> {
  const dataKey = newDataKey();
  const code = crypto.getRandomValues(new Uint8Array(RECOVERY_BYTES));
  const now = deps.now().toISOString();
  const user: UserRecord = { ...userRecord(name, role, now), keyWrap: await wrapWithPin(dataKey, pin, iterationsOf(deps)) };
  const keys: DeviceKeys = { recovery: wrapWithRecovery(dataKey, code), createdAt: now, legacyLog };
  return { user, keys, recoveryCode: formatRecoveryCode(code), dataKey };
}

/** Check a new user (nothing is written) while the key ring is open: the caller records the event and stores wrapForNewUser's record. */
export async function checkNewUser(deps: AccountDeps, actor: SessionUser, input: unknown): Promise<NewUser> {
  if (actor.role !== 'admin') throw new RuleError('adminOnly');
  const parsed = newUser.safeParse(input);
  if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'user');
  if (await deps.db.users.get(userKey(parsed.data.name))) {
    throw new ValidationError([{ path: 'name', code: 'duplicateUser' }], input, 'user');
  }
  deps.keyRing.requireDataKey();
  return parsed.data;
}

export async function wrapForNewUser(deps: AccountDeps, user: NewUser): Promise<UserRecord> {
  const keyWrap = await wrapWithPin(deps.keyRing.requireDataKey(), user.pin, iterationsOf(deps));
  return { ...userRecord(user.name, user.role, deps.now().toISOString()), keyWrap };
}

/** An administrator sets another user's PIN: the data key they hold is wrapped afresh. */
export async function resetPin(deps: AccountDeps, actor: SessionUser, name: string, input: unknown): Promise<void> {
  if (actor.role !== 'admin') throw new RuleError('adminOnly');
  const parsed = newPin.safeParse(input);
  if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'pin');
  const user = await deps.db.users.get(userKey(name));
  if (!user) throw new RuleError('unknownUser');
  const keyWrap = await wrapWithPin(deps.keyRing.requireDataKey(), parsed.data.pin, iterationsOf(deps));
  await deps.db.users.put(withKeyWrap(user, keyWrap));
}

/**
 * Every PIN lost: the recovery code opens the data key, and the named user gets a new PIN. The
 * code is checked by its check character first, so a typo reads as one, not as a wrong code.
 */
export async function recover(deps: AccountDeps, input: { code: unknown; name: unknown; pin: unknown; pinAgain: unknown }): Promise<Unlocked> {
  const since = deps.keyRing.mark();
  const pinInput = { pin: input.pin, pinAgain: input.pinAgain };
  const parsedPin = newPin.safeParse(pinInput);
  const code = typeof input.code === 'string' ? parseRecoveryCode(input.code) : { ok: false as const, code: 'recoveryFormat' as const };
  const issues = [
    ...(code.ok ? [] : [{ path: 'code', code: code.code }]),
    ...(parsedPin.success ? [] : toIssues(parsedPin.error)),
  ];
  if (issues.length || !code.ok || !parsedPin.success) throw new ValidationError(issues, input, 'recovery');
  const user = typeof input.name === 'string' ? await deps.db.users.get(userKey(input.name)) : undefined;
  if (!user) throw new RuleError('unknownUser');
  const keys = await deviceKeysOf(deps.db);
  const dataKey = keys ? await unwrap(keys.recovery, code.bytes) : null;
  if (!dataKey) throw new ValidationError([{ path: 'code', code: 'recoveryWrong' }], input, 'recovery');
  const keyWrap = await wrapWithPin(dataKey, parsedPin.data.pin, iterationsOf(deps));
  await deps.db.users.put(withKeyWrap(user, keyWrap));
  await deps.keyRing.open(dataKey, since);
  return unlockedAs(deps.db, user);
}

function userRecord(name: string, role: Role, createdAt: string): UserRecord {
  return { key: userKey(name), name, role, failures: 0, lastFailureAt: null, createdAt };
}

/** The settings that store new keys: their wraps, and the code until its sheet is put away. */
export function keySettings(made: { keys: DeviceKeys; recoveryCode: string }): SettingRecord[] {
  return [{ key: DEVICE_KEYS, value: made.keys }, { key: RECOVERY_PENDING, value: made.recoveryCode }];
}

/** A user's record with a new wrap of the data key: the old verifier, if any, and past failures go. */
function withKeyWrap({ verifier: _old, ...user }: UserRecord, keyWrap: KeyWrap): UserRecord {
  return { ...user, keyWrap, ...afterSuccess() };
}
