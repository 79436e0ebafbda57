import Dexie from 'dexie';
import type { Department } from '../domain/device';
import { RuleError } from '../domain/errors';
import type { ChainReport } from '../domain/events/chain';
import { loadEveryEventFamily } from '../domain/events/families';
import type { StaffRow, DeviceRow } from '../domain/projections/rows';
import { DEFAULT_PRINTER_DPI, printerDpi } from '../domain/printer';
import { DEFAULT_IDLE_MINUTES } from '../domain/userKey';
import { Accounts, DEVICE_KEYS, type SessionUser, type Unlocked } from './accounts';
import type { DeskDb } from './db';
import type { EventLog } from './eventLog';
import type { DeviceIdentity, DeviceSettings } from './identity';
import type { KeyRing } from './keyRing';
import type { LegacyLog } from './legacyLog';
import { liveQuery } from './liveQuery';
import type { Locks } from './locks';
import type { Projector } from './projector';
import { readStorageStatus, type StorageStatus } from './storageStatus';

/*
 * The login screen reads the identity, the users and the settings, and a PIN opens the key ring;
 * the rest of this class (the projector, the event and input schemas, the chain check) is needed
 * from the login on, so it is imported where it is used: the first load stays small (issue 15,
 * `npm run size`), and the service worker precaches those chunks for offline use.
 */

export type { SessionUser, Unlocked } from './accounts';

/** How far opening the device's data has come (sealing an old log, folding the log again). */
export interface OpenProgress {
  step: 'sealLog' | 'project';
  done: number;
  total: number;
}

export interface EnrollInput {
  enrollment: unknown;
  admin: unknown;
}

/** Opens the event log for a device code (PouchDB in the app, the same with fake-indexeddb in tests). */
export type OpenLog = (device: string) => Promise<EventLog>;

export interface DeskDeps {
  db: DeskDb;
  /** The key ring `db` seals its rows with (and the log its events). */
  keyRing: KeyRing;
  openLog: OpenLog;
  /** The plaintext log of the release before sealing, on a device updated from it. */
  openLegacyLog?: () => Promise<LegacyLog>;
  locks: Locks;
  now: () => Date;
  pinIterations?: number;
}

export const IDENTITY = 'identity';
export const SETTINGS = 'settings';

/** The desk as its lazily loaded parts see it (enrollment.ts, deviceAdmin.ts). */
export interface DeskParts {
  deps: DeskDeps;
  accounts: Accounts;
  identity(): Promise<DeviceIdentity | null>;
  settings(): Promise<DeviceSettings>;
  openLog(code: string): Promise<{ log: EventLog; projector: Projector }>;
  context(): Promise<{ identity: DeviceIdentity; log: EventLog; projector: Projector }>;
  /** The departments changed: the cached identity is replaced. */
  identityChanged(next: DeviceIdentity): void;
}

/**
 * The device's use-cases: what the screens may ask for. Everything validates its input first and
 * writes nothing when the input is bad.
 */
export class Desk {
  private log: EventLog | null = null;
  private projector: Projector | null = null;
  private enrolled: DeviceIdentity | null = null;
  readonly accounts: Accounts;

  constructor(private readonly deps: DeskDeps) {
    this.accounts = new Accounts(deps);
  }

  /** Read from Dexie every time: live queries only notice the tables they actually read. */
  async identity(): Promise<DeviceIdentity | null> {
    return ((await this.deps.db.settings.get(IDENTITY))?.value as DeviceIdentity | undefined) ?? null;
  }

  /** The device's identity; its data opens only with a login (see unlocked). */
  start(): Promise<DeviceIdentity | null> {
    return this.identity();
  }

  /** The log and projector, caught up when first opened; nothing of them while locked. */
  private async openLog(code: string): Promise<{ log: EventLog; projector: Projector }> {
    if (!this.deps.keyRing.isOpen) throw new RuleError('locked');
    const fresh = this.log?.device !== code;
    const opened = await this.logOf(code);
    if (fresh) await opened.projector.catchUp();
    return opened;
  }

  private async logOf(code: string): Promise<{ log: EventLog; projector: Projector }> {
    if (this.log?.device !== code) {
      const [log, { Projector }] = await Promise.all([this.deps.openLog(code), import('./projector')]);
      this.log = log;
      this.projector = new Projector(this.log, this.deps.db, this.deps.locks);
    }
    return { log: this.log, projector: this.projector! };
  }

  /** Log in with a PIN: the key ring opens, then the device's data (see unlocked). */
  login(name: string, pin: string, onProgress?: (p: OpenProgress) => void): Promise<Unlocked> {
    return this.openWith(() => this.accounts.login(name, pin), onProgress);
  }

  /** Every PIN lost: the recovery code opens the data and gives the named user a new PIN. */
  recover(input: Parameters<Accounts['recover']>[0], onProgress?: (p: OpenProgress) => void): Promise<Unlocked> {
    return this.openWith(() => this.accounts.recover(input), onProgress);
  }

  /** A login that fails after the key ring opened (opening the data) leaves the key in no one's hands. */
  private async openWith(unlock: () => Promise<Unlocked>, onProgress?: (p: OpenProgress) => void): Promise<Unlocked> {
    const result = await unlock();
    try {
      await this.unlocked(onProgress);
    } catch (err) {
      this.lock();
      throw err;
    }
    return result;
  }

  /** Lock or log out: the key leaves memory, and with it every way to the data. */
  lock(): void {
    this.accounts.lock();
  }

  /**
   * With the key ring open: seal what an update left in plaintext (resumable: each step can run
   * again), then bring the projections up to the log.
   */
  private async unlocked(onProgress: (p: OpenProgress) => void = () => {}): Promise<void> {
    const keys = await this.accounts.deviceKeys();
    const identity = await this.identity();
    if (!identity) return;
    const { log, projector } = await this.logOf(identity.code);
    if (keys?.legacyLog === 'pending' && this.deps.openLegacyLog) {
      const { sealLegacyLog } = await import('./legacyLog');
      await sealLegacyLog(await this.deps.openLegacyLog(), log, this.deps.db, (done, total) => onProgress({ step: 'sealLog', done, total }));
      await this.deps.db.settings.put({ key: DEVICE_KEYS, value: { ...keys, legacyLog: 'none' } });
    }
    const total = await log.count();
    await projector.catchUp((done) => onProgress({ step: 'project', done, total }));
  }

  /** Enroll and log the administrator in, with the recovery code to show (see RECOVERY_PENDING). */
  async enroll(input: EnrollInput, options: { restore?: (log: EventLog) => Promise<void> } = {}): Promise<SessionUser & { recoveryCode: string }> {
    return (await import('./enrollment')).enroll(this.parts(), input, options);
  }

  /**
   * The departments as they stand now, read afresh: unlike the rest of the identity they can be
   * edited (updateDepartments), possibly in another tab since this one cached its identity.
   */
  async departments(): Promise<Department[]> {
    return (await this.identity())?.departments ?? [];
  }

  /** Replace the OPD departments and whom each sees: one event, then this device's identity. */
  async updateDepartments(actor: SessionUser, input: unknown): Promise<Department[]> {
    return (await import('./deviceAdmin')).updateDepartments(this.parts(), actor, input);
  }

  async addUser(actor: SessionUser, input: unknown): Promise<SessionUser> {
    return (await import('./deviceAdmin')).addUser(this.parts(), actor, input);
  }

  users(): Promise<SessionUser[]> {
    return this.accounts.users();
  }

  async settings(): Promise<DeviceSettings> {
    const stored = (await this.deps.db.settings.get(SETTINGS))?.value as Partial<DeviceSettings> | undefined;
    return {
      idleMinutes: stored?.idleMinutes ?? DEFAULT_IDLE_MINUTES,
      paper: stored?.paper ?? '80mm',
      // Devices set up before the setting existed print for the commoner, coarser head.
      printerDpi: printerDpi(stored?.printerDpi) ?? DEFAULT_PRINTER_DPI,
    };
  }

  async setPrinterDpi(actor: SessionUser, value: unknown): Promise<DeviceSettings> {
    return (await import('./deviceAdmin')).setPrinterDpi(this.parts(), actor, value);
  }

  async setPaper(actor: SessionUser, paper: unknown): Promise<DeviceSettings> {
    return (await import('./deviceAdmin')).setPaper(this.parts(), actor, paper);
  }

  async setIdleMinutes(actor: SessionUser, value: unknown): Promise<DeviceSettings> {
    return (await import('./deviceAdmin')).setIdleMinutes(this.parts(), actor, value);
  }

  async eventCount(): Promise<number> {
    return (await this.requireLog()).log.count();
  }

  /** Walk this device's own hash chain in the local log. */
  async verifyOwnChain(): Promise<ChainReport> {
    return this.verifyChainOf((await this.requireLog()).log.device);
  }

  /** Walk any device's chain as held here (an administrator's device holds them all after a pull). */
  async verifyChainOf(device: string): Promise<ChainReport> {
    const { log } = await this.requireLog();
    const docs: unknown[] = [];
    for await (const page of log.readChain(device)) docs.push(...page);
    const [{ verifyChain }] = await Promise.all([import('../domain/events/chain'), loadEveryEventFamily()]);
    return verifyChain(device, docs);
  }

  storageStatus(): Promise<StorageStatus> {
    return readStorageStatus();
  }

  staff(): Promise<StaffRow[]> {
    return this.deps.db.staff.toArray();
  }

  rejectCount(): Promise<number> {
    return this.deps.db.rejects.count();
  }

  devices(): Promise<DeviceRow[]> {
    return this.deps.db.devices.toArray();
  }

  /**
   * Re-run `query` whenever this device's tables change, in this tab or another. Dexie's own
   * liveQuery tracks only reads it can follow through awaits; use-cases that await other async
   * code (the clock, the identity) would go stale, so any write to our database re-runs them,
   * at most once per 100 ms.
   */
  observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (err: unknown) => void = console.error): () => void {
    const prefix = `idb://${this.deps.db.name}/`;
    // Locked: the screen keeps what it showed, and the query runs again once unlocked.
    const reported = (err: unknown) => { if (!(err instanceof RuleError && err.code === 'locked')) onError(err); };
    return liveQuery(query, onValue, reported, (rerun) => {
      const onMutated = (parts: Record<string, unknown>) => {
        if (Object.keys(parts).some((k) => k.startsWith(prefix))) rerun.soon();
      };
      Dexie.on('storagemutated', onMutated);
      const stopWatchingKeys = this.deps.keyRing.onChange((open) => { if (open) rerun.now(); });
      return () => {
        Dexie.on.storagemutated.unsubscribe(onMutated);
        stopWatchingKeys();
      };
    });
  }

  /** What enrolment and the administrator's changes (loaded when used) work on. */
  private parts(): DeskParts {
    return {
      deps: this.deps,
      accounts: this.accounts,
      identity: () => this.identity(),
      settings: () => this.settings(),
      openLog: (code) => this.openLog(code),
      context: () => this.context(),
      identityChanged: (next) => { this.enrolled = next; },
    };
  }

  get eventLog(): EventLog | null {
    return this.log;
  }

  get projections(): Projector | null {
    return this.projector;
  }

  private async requireLog() {
    return (await this.context());
  }

  /**
   * The enrolled device's identity, log and projector, for the use-cases built on them. Code,
   * hospital and time zone never change once written: writes need not read them again (queries
   * still do). Departments can: read them with departments().
   */
  async context(): Promise<{ identity: DeviceIdentity; log: EventLog; projector: Projector }> {
    this.enrolled ??= await this.identity();
    if (!this.enrolled) throw new RuleError('notEnrolled');
    return { identity: this.enrolled, ...(await this.openLog(this.enrolled.code)) };
  }

  get db(): DeskDb {
    return this.deps.db;
  }

  /** The keyed hash an index holds for `value` (kind: the index's name, domain/atRest.ts). */
  searchKey(kind: string, value: string): string {
    return this.deps.keyRing.searchKey(kind, value);
  }

  get isUnlocked(): boolean {
    return this.deps.keyRing.isOpen;
  }

  now(): Date {
    return this.deps.now();
  }
}
