import type { KeyWrap } from '../crypto/keyWrap';
import { RuleError, ValidationError } from '../domain/errors';
import { afterFailure, afterSuccess, canAttempt } from '../domain/throttle';
import { userKey } from '../domain/userKey';
import type { NewUser, Role } from '../domain/users';
import { toIssues } from '../domain/validation';
import type { DeskDb, SettingRecord, UserRecord } from './db';
import type { KeyRing } from './keyRing';
import { checkPin, PIN_ITERATIONS } from './pin';
import { sessionUsers, type SessionUser } from './userList';

export type { SessionUser } from './userList';

/** A login; `recoveryCode` only when it made the device's keys (enrollment, or the first login after the update). */
export type Unlocked = SessionUser & { recoveryCode?: string };

/** The device's key material at rest: the recovery wrap, and whether a plaintext log awaits sealing. */
export interface DeviceKeys {
  recovery: KeyWrap;
  createdAt: string;
  /** 'pending' on a device updated from the release before sealing, until its old log is sealed and gone. */
  legacyLog: 'pending' | 'none';
}

export const DEVICE_KEYS = 'deviceKeys';
/**
 * A recovery code nobody has confirmed putting away yet, sealed under the data key: shown at every
 * login until someone does, so a tab closed before the sheet was printed does not lose it.
 */
export const RECOVERY_PENDING = 'recoveryPending';

/**
 * The key-wrap code (AES-GCM, HKDF) and the recovery code's format load when a PIN or code is
 * checked, not with the login screen (issue 15); the service worker precaches them.
 */
const keyWrapCode = () => import('../crypto/keyWrap');
const recoveryCodeFormat = () => import('../domain/keys/recoveryCode');

interface Deps {
  db: DeskDb;
  keyRing: KeyRing;
  now: () => Date;
  pinIterations?: number;
}

/**
 * Users, their PINs and the device's data key: every PIN (and the recovery code) wraps the one
 * data key, so logging in is unwrapping it, and a PIN reset or a new user re-wraps it from the
 * key of whoever is logged in.
 */
export class Accounts {
  constructor(private readonly deps: Deps) {}

  private get iterations() {
    return this.deps.pinIterations ?? PIN_ITERATIONS;
  }

  async users(): Promise<SessionUser[]> {
    return sessionUsers(await this.deps.db.users.toArray());
  }

  async deviceKeys(): Promise<DeviceKeys | null> {
    return ((await this.deps.db.settings.get(DEVICE_KEYS))?.value as DeviceKeys | undefined) ?? null;
  }

  /**
   * A new data key, wrapped for its first user and for a new recovery code. Nothing is stored or
   * opened: the caller opens the key ring and stores `user`, `keys` and the pending code with
   * whatever else must be written alongside.
   */
  async newKeys(name: string, role: Role, pin: string, legacyLog: DeviceKeys['legacyLog']): Promise<{ user: UserRecord; keys: DeviceKeys; recoveryCode: string; dataKey: Uint8Array }> {
    const [{ newDataKey, wrapWithPin, wrapWithRecovery }, { formatRecoveryCode, RECOVERY_BYTES }] = await Promise.all([keyWrapCode(), recoveryCodeFormat()]);
    const dataKey = newDataKey();
    const code = crypto.getRandomValues(new Uint8Array(RECOVERY_BYTES));
    const now = this.deps.now().toISOString();
    const user: UserRecord = { ...this.userRecord(name, role, now), keyWrap: await wrapWithPin(dataKey, pin, this.iterations) };
    const keys: DeviceKeys = { recovery: wrapWithRecovery(dataKey, code), createdAt: now, legacyLog };
    return { user, keys, recoveryCode: formatRecoveryCode(code), dataKey };
  }

  /** Check a new user (nothing is written) while the key ring is open: the caller records the event and stores wrapForNewUser's record. */
  async checkNewUser(actor: SessionUser, input: unknown): Promise<NewUser> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    // The schemas (zod) load on first use: a login needs none of them (issue 15).
    const { newUser } = await import('../domain/users');
    const parsed = newUser.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'user');
    if (await this.deps.db.users.get(userKey(parsed.data.name))) {
      throw new ValidationError([{ path: 'name', code: 'duplicateUser' }], input, 'user');
    }
    this.deps.keyRing.requireDataKey();
    return parsed.data;
  }

  async wrapForNewUser(user: NewUser): Promise<UserRecord> {
    const { wrapWithPin } = await keyWrapCode();
    const keyWrap = await wrapWithPin(this.deps.keyRing.requireDataKey(), user.pin, this.iterations);
    return { ...this.userRecord(user.name, user.role, this.deps.now().toISOString()), keyWrap };
  }

  /**
   * Check a PIN offline, slowing down and then locking after repeated mistakes; a right PIN opens
   * the key ring. A user from before sealing proves the PIN with the old verifier: the first of
   * them makes the device's keys; the others need an administrator to set their PIN again.
   */
  async login(name: string, pin: string): Promise<Unlocked> {
    const { db, keyRing } = this.deps;
    const since = keyRing.mark();
    const user = await db.users.get(userKey(name));
    if (!user) throw new RuleError('unknownUser');
    const now = this.deps.now().getTime();
    const decision = canAttempt(user, now);
    if (!decision.allowed) throw waitError(decision.locked, decision.retryAt - now);
    if (!user.keyWrap && user.verifier) return this.legacyLogin(user, pin, now);
    const { unwrap } = await keyWrapCode();
    const dataKey = user.keyWrap ? await unwrap(user.keyWrap, pin) : null;
    await this.afterAttempt(user, dataKey !== null, now);
    await keyRing.open(dataKey!, since);
    return this.unlockedAs(user);
  }

  /** Who is now logged in, with the recovery code if it still waits to be put away (for administrators: it is their sheet to keep). */
  private async unlockedAs(user: UserRecord): Promise<Unlocked> {
    const pending = user.role === 'admin' ? (await this.deps.db.settings.get(RECOVERY_PENDING))?.value as string | undefined : undefined;
    return { name: user.name, role: user.role, ...(pending ? { recoveryCode: pending } : {}) };
  }

  /** The recovery sheet is printed and put away: the code is no longer kept. */
  async recoveryPutAway(): Promise<void> {
    await this.deps.db.settings.delete(RECOVERY_PENDING);
  }

  private async legacyLogin(user: UserRecord, pin: string, now: number): Promise<Unlocked> {
    const ok = await checkPin(pin, user.verifier!);
    await this.afterAttempt(user, ok, now);
    if (await this.deviceKeys()) throw new RuleError('pinNeedsReset');
    const made = await this.newKeys(user.name, user.role, pin, 'pending');
    const { db } = this.deps;
    await this.deps.keyRing.open(made.dataKey);
    await db.transaction('rw', db.settings, db.users, async () => {
      // Another tab may have made the keys meanwhile: then this user is one of the others.
      if (await db.settings.get(DEVICE_KEYS)) throw new RuleError('pinNeedsReset');
      await db.settings.bulkPut(keySettings(made));
      await db.users.put({ ...made.user, createdAt: user.createdAt });
    }).catch((err: unknown) => {
      this.deps.keyRing.close();
      throw err;
    });
    return { name: user.name, role: user.role, recoveryCode: made.recoveryCode };
  }

  /** Counts the attempt; a wrong one throws (after the count is stored). */
  private async afterAttempt(user: UserRecord, ok: boolean, now: number): Promise<void> {
    const record = ok ? afterSuccess() : afterFailure(user, now);
    await this.deps.db.users.update(user.key, record);
    if (ok) return;
    const next = canAttempt(record, now);
    if (!next.allowed) throw waitError(next.locked, next.retryAt - now);
    throw new RuleError('wrongPin');
  }

  /** An administrator sets another user's PIN: the data key they hold is wrapped afresh. */
  async resetPin(actor: SessionUser, name: string, input: unknown): Promise<void> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const { newPin } = await import('../domain/users');
    const parsed = newPin.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'pin');
    const user = await this.deps.db.users.get(userKey(name));
    if (!user) throw new RuleError('unknownUser');
    const { wrapWithPin } = await keyWrapCode();
    const keyWrap = await wrapWithPin(this.deps.keyRing.requireDataKey(), parsed.data.pin, this.iterations);
    await this.deps.db.users.put(withKeyWrap(user, keyWrap));
  }

  /**
   * Every PIN lost: the recovery code opens the data key, and the named user gets a new PIN. The
   * code is checked by its check character first, so a typo reads as one, not as a wrong code.
   */
  async recover(input: { code: unknown; name: unknown; pin: unknown; pinAgain: unknown }): Promise<Unlocked> {
    const since = this.deps.keyRing.mark();
    const pinInput = { pin: input.pin, pinAgain: input.pinAgain };
    const [{ newPin }, { parseRecoveryCode }, { unwrap, wrapWithPin }] = await Promise.all([import('../domain/users'), recoveryCodeFormat(), keyWrapCode()]);
    const parsedPin = newPin.safeParse(pinInput);
    const code = typeof input.code === 'string' ? parseRecoveryCode(input.code) : { ok: false as const, code: 'recoveryFormat' as const };
    const issues = [
      ...(code.ok ? [] : [{ path: 'code', code: code.code }]),
      ...(parsedPin.success ? [] : toIssues(parsedPin.error)),
    ];
    if (issues.length || !code.ok || !parsedPin.success) throw new ValidationError(issues, input, 'recovery');
    const user = typeof input.name === 'string' ? await this.deps.db.users.get(userKey(input.name)) : undefined;
    if (!user) throw new RuleError('unknownUser');
    const keys = await this.deviceKeys();
    const dataKey = keys ? await unwrap(keys.recovery, code.bytes) : null;
    if (!dataKey) throw new ValidationError([{ path: 'code', code: 'recoveryWrong' }], input, 'recovery');
    const keyWrap = await wrapWithPin(dataKey, parsedPin.data.pin, this.iterations);
    await this.deps.db.users.put(withKeyWrap(user, keyWrap));
    await this.deps.keyRing.open(dataKey, since);
    return this.unlockedAs(user);
  }

  lock(): void {
    this.deps.keyRing.close();
  }

  private userRecord(name: string, role: Role, createdAt: string): UserRecord {
    return { key: userKey(name), name, role, failures: 0, lastFailureAt: null, createdAt };
  }
}

/** The settings that store new keys: their wraps, and the code until its sheet is put away. */
export function keySettings(made: { keys: DeviceKeys; recoveryCode: string }): SettingRecord[] {
  return [{ key: DEVICE_KEYS, value: made.keys }, { key: RECOVERY_PENDING, value: made.recoveryCode }];
}

/** A user's record with a new wrap of the data key: the old verifier, if any, and past failures go. */
function withKeyWrap({ verifier: _old, ...user }: UserRecord, keyWrap: KeyWrap): UserRecord {
  return { ...user, keyWrap, ...afterSuccess() };
}

function waitError(locked: boolean, ms: number): RuleError {
  const seconds = Math.ceil(ms / 1000);
  // `count` is what the message counts (minutes locked, or seconds to wait), so it reads in its plural.
  return new RuleError(locked ? 'accountLocked' : 'pinWait', { count: locked ? Math.ceil(seconds / 60) : seconds });
}
