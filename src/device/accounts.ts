import type { KeyWrap } from '../crypto/keyWrap';
import { RuleError } from '../domain/errors';
import { afterFailure, afterSuccess, canAttempt } from '../domain/throttle';
import { userKey } from '../domain/userKey';
import type { DeskDb, UserRecord } from './db';
import type { KeyRing } from './keyRing';
import { checkPin } from './pin';
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
 * The key-wrap code (AES-GCM, HKDF) loads when a PIN is checked, not with the login screen, and
 * what changes who holds the key (keyHolders.ts) when that happens (issue 15); the service worker
 * precaches them.
 */
const keyWrapCode = () => import('../crypto/keyWrap');
const keyHolders = () => import('./keyHolders');

export interface AccountDeps {
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
  constructor(private readonly deps: AccountDeps) {}

  async users(): Promise<SessionUser[]> {
    return sessionUsers(await this.deps.db.users.toArray());
  }

  deviceKeys(): Promise<DeviceKeys | null> {
    return deviceKeysOf(this.deps.db);
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
    return unlockedAs(db, user);
  }

  /** The recovery sheet is printed and put away: the code is no longer kept. */
  async recoveryPutAway(): Promise<void> {
    await this.deps.db.settings.delete(RECOVERY_PENDING);
  }

  private async legacyLogin(user: UserRecord, pin: string, now: number): Promise<Unlocked> {
    const ok = await checkPin(pin, user.verifier!);
    await this.afterAttempt(user, ok, now);
    if (await this.deviceKeys()) throw new RuleError('pinNeedsReset');
    const { newKeys, keySettings } = await keyHolders();
    const made = await newKeys(this.deps, user.name, user.role, pin, 'pending');
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
    return (await keyHolders()).resetPin(this.deps, actor, name, input);
  }

  /** Every PIN lost: the recovery code opens the data key, and the named user gets a new PIN. */
  async recover(input: { code: unknown; name: unknown; pin: unknown; pinAgain: unknown }): Promise<Unlocked> {
    return (await keyHolders()).recover(this.deps, input);
  }

  lock(): void {
    this.deps.keyRing.close();
  }
}

export async function deviceKeysOf(db: DeskDb): Promise<DeviceKeys | null> {
  return ((await db.settings.get(DEVICE_KEYS))?.value as DeviceKeys | undefined) ?? null;
}

/** Who is now logged in, with the recovery code if it still waits to be put away (for administrators: it is their sheet to keep). */
export async function unlockedAs(db: DeskDb, user: UserRecord): Promise<Unlocked> {
  const pending = user.role === 'admin' ? (await db.settings.get(RECOVERY_PENDING))?.value as string | undefined : undefined;
  return { name: user.name, role: user.role, ...(pending ? { recoveryCode: pending } : {}) };
}

function waitError(locked: boolean, ms: number): RuleError {
  const seconds = Math.ceil(ms / 1000);
  // `count` is what the message counts (minutes locked, or seconds to wait), so it reads in its plural.
  return new RuleError(locked ? 'accountLocked' : 'pinWait', { count: locked ? Math.ceil(seconds / 60) : seconds });
}
