import Dexie from 'dexie';
import { departmentList, enrollment as enrollmentSchema, type Department, type Enrollment } from '../domain/device';
import { RuleError, ValidationError, type Issue } from '../domain/errors';
import { verifyChain, type ChainReport } from '../domain/events/chain';
import type { StaffRow, DeviceRow } from '../domain/projections/rows';
import { afterFailure, afterSuccess, canAttempt } from '../domain/throttle';
import { DEFAULT_PRINTER_DPI, printerDpi } from '../domain/printer';
import { DEFAULT_IDLE_MINUTES, idleMinutes, newUser, userKey, type Role } from '../domain/users';
import { toIssues } from '../domain/validation';
import type { DeskDb, UserRecord } from './db';
import type { EventLog } from './eventLog';
import type { DeviceIdentity, DeviceSettings } from './identity';
import type { Locks } from './locks';
import { checkPin, makeVerifier } from './pin';
import { Projector } from './projector';
import { readStorageStatus, type StorageStatus } from './storageStatus';

export interface SessionUser {
  name: string;
  role: Role;
}

export interface EnrollInput {
  enrollment: unknown;
  admin: unknown;
}

/** Opens the event log for a device code (PouchDB in the app, the same with fake-indexeddb in tests). */
export type OpenLog = (device: string) => Promise<EventLog>;

export interface DeskDeps {
  db: DeskDb;
  openLog: OpenLog;
  locks: Locks;
  now: () => Date;
  pinIterations?: number;
}

const IDENTITY = 'identity';
const SETTINGS = 'settings';

/**
 * The device's use-cases: what the screens may ask for. Everything validates its input first and
 * writes nothing when the input is bad.
 */
export class Desk {
  private log: EventLog | null = null;
  private projector: Projector | null = null;
  private enrolled: DeviceIdentity | null = null;

  constructor(private readonly deps: DeskDeps) {}

  /** Read from Dexie every time: live queries only notice the tables they actually read. */
  async identity(): Promise<DeviceIdentity | null> {
    return ((await this.deps.db.settings.get(IDENTITY))?.value as DeviceIdentity | undefined) ?? null;
  }

  /** Open the log and projector of an enrolled device and bring the projections up to date. */
  async start(): Promise<DeviceIdentity | null> {
    const identity = await this.identity();
    if (identity) await this.openLog(identity.code);
    return identity;
  }

  private async openLog(code: string): Promise<{ log: EventLog; projector: Projector }> {
    if (!this.log || this.log.device !== code) {
      this.log = await this.deps.openLog(code);
      this.projector = new Projector(this.log, this.deps.db, this.deps.locks);
      await this.projector.catchUp();
    }
    return { log: this.log, projector: this.projector! };
  }

  async enroll(input: EnrollInput): Promise<SessionUser> {
    const issues: Issue[] = [];
    const e = enrollmentSchema.safeParse(input.enrollment);
    if (!e.success) issues.push(...toIssues(e.error).map((i) => ({ ...i, path: `enrollment.${i.path}` })));
    const a = newUser.safeParse({ ...(input.admin as object), role: 'admin' });
    if (!a.success) issues.push(...toIssues(a.error).map((i) => ({ ...i, path: `admin.${i.path}` })));
    if (issues.length || !e.success || !a.success) throw new ValidationError(issues, input, 'enrollment');
    if (await this.identity()) throw new RuleError('alreadyEnrolled');

    const enrollment: Enrollment = e.data;
    const admin = a.data;
    const verifier = await makeVerifier(admin.pin, this.deps.pinIterations);
    const { log, projector } = await this.openLog(enrollment.code);
    await log.appendMany([
      { type: 'device.enrolled', data: enrollment },
      { type: 'user.added', data: { name: admin.name, role: 'admin' } },
    ], admin.name);
    const now = this.deps.now().toISOString();
    const identity: DeviceIdentity = { ...enrollment, enrolledAt: now };
    await this.deps.db.transaction('rw', this.deps.db.settings, this.deps.db.users, async () => {
      await this.deps.db.settings.put({ key: IDENTITY, value: identity });
      await this.deps.db.users.put(this.userRecord(admin.name, 'admin', verifier, now));
    });
    await projector.catchUp();
    return { name: admin.name, role: 'admin' };
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
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const parsed = departmentList.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError(toIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `departments.${i.path}` : 'departments' })), input, 'departments');
    }
    const { identity, projector } = await this.context();
    await projector.record('departments.updated', { departments: parsed.data }, actor.name);
    const next: DeviceIdentity = { ...((await this.identity()) ?? identity), departments: parsed.data };
    await this.deps.db.settings.put({ key: IDENTITY, value: next });
    this.enrolled = next;
    return parsed.data;
  }

  async addUser(actor: SessionUser, input: unknown): Promise<SessionUser> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const parsed = newUser.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'user');
    const user = parsed.data;
    if (await this.deps.db.users.get(userKey(user.name))) {
      throw new ValidationError([{ path: 'name', code: 'duplicateUser' }], input, 'user');
    }
    const { projector } = await this.requireLog();
    const verifier = await makeVerifier(user.pin, this.deps.pinIterations);
    await projector.record('user.added', { name: user.name, role: user.role }, actor.name);
    await this.deps.db.users.put(this.userRecord(user.name, user.role, verifier, this.deps.now().toISOString()));
    return { name: user.name, role: user.role };
  }

  async users(): Promise<SessionUser[]> {
    const all = await this.deps.db.users.toArray();
    return all.map((u) => ({ name: u.name, role: u.role })).sort((x, y) => x.name.localeCompare(y.name));
  }

  /** Check a PIN offline, slowing down and then locking after repeated mistakes. */
  async login(name: string, pin: string): Promise<SessionUser> {
    const { db } = this.deps;
    const user = await db.users.get(userKey(name));
    if (!user) throw new RuleError('unknownUser');
    const now = this.deps.now().getTime();
    const decision = canAttempt(user, now);
    if (!decision.allowed) throw waitError(decision.locked, decision.retryAt - now);
    const ok = await checkPin(pin, user.verifier);
    const record = ok ? afterSuccess() : afterFailure(user, now);
    await db.users.update(user.key, record);
    if (!ok) {
      const next = canAttempt(record, now);
      if (!next.allowed) throw waitError(next.locked, next.retryAt - now);
      throw new RuleError('wrongPin');
    }
    return { name: user.name, role: user.role };
  }

  async settings(): Promise<DeviceSettings> {
    const stored = (await this.deps.db.settings.get(SETTINGS))?.value as Partial<DeviceSettings> | undefined;
    return {
      idleMinutes: stored?.idleMinutes ?? DEFAULT_IDLE_MINUTES,
      paper: stored?.paper ?? '80mm',
      // Devices set up before the setting existed print for the commoner, coarser head.
      printerDpi: printerDpi(stored?.printerDpi) ?? DEFAULT_PRINTER_DPI,
      displayInitials: stored?.displayInitials === true,
    };
  }

  async setDisplayInitials(actor: SessionUser, value: unknown): Promise<DeviceSettings> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    if (typeof value !== 'boolean') throw new ValidationError([{ path: 'displayInitials', code: 'notAllowed' }], value, 'settings');
    const next: DeviceSettings = { ...(await this.settings()), displayInitials: value };
    await this.deps.db.settings.put({ key: SETTINGS, value: next });
    return next;
  }

  async setPrinterDpi(actor: SessionUser, value: unknown): Promise<DeviceSettings> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const dpi = printerDpi(value);
    if (dpi === null) throw new ValidationError([{ path: 'printerDpi', code: 'notAllowed' }], value, 'settings');
    const next: DeviceSettings = { ...(await this.settings()), printerDpi: dpi };
    await this.deps.db.settings.put({ key: SETTINGS, value: next });
    return next;
  }

  async setPaper(actor: SessionUser, paper: unknown): Promise<DeviceSettings> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    if (paper !== '80mm' && paper !== 'A6') throw new ValidationError([{ path: 'paper', code: 'notAllowed' }], paper, 'settings');
    const next: DeviceSettings = { ...(await this.settings()), paper };
    await this.deps.db.settings.put({ key: SETTINGS, value: next });
    return next;
  }

  async setIdleMinutes(actor: SessionUser, value: unknown): Promise<DeviceSettings> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const parsed = idleMinutes.safeParse(value);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error).map((i) => ({ ...i, path: 'idleMinutes' })), value, 'settings');
    const next = { ...(await this.settings()), idleMinutes: parsed.data };
    await this.deps.db.settings.put({ key: SETTINGS, value: next });
    return next;
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
    let stopped = false;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const value = await query();
        if (!stopped) onValue(value);
      } catch (err) {
        if (!stopped) onError(err);
      } finally {
        running = false;
        if (again && !stopped) {
          again = false;
          void run();
        }
      }
    };
    const onMutated = (parts: Record<string, unknown>) => {
      if (stopped || timer !== null || !Object.keys(parts).some((k) => k.startsWith(prefix))) return;
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, 100);
    };
    Dexie.on('storagemutated', onMutated);
    void run();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      Dexie.on.storagemutated.unsubscribe(onMutated);
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

  now(): Date {
    return this.deps.now();
  }

  private userRecord(name: string, role: Role, verifier: UserRecord['verifier'], createdAt: string): UserRecord {
    return { key: userKey(name), name, role, verifier, failures: 0, lastFailureAt: null, createdAt };
  }
}

function waitError(locked: boolean, ms: number): RuleError {
  const seconds = Math.ceil(ms / 1000);
  // `count` is what the message counts (minutes locked, or seconds to wait), so it reads in its plural.
  return new RuleError(locked ? 'accountLocked' : 'pinWait', { count: locked ? Math.ceil(seconds / 60) : seconds });
}
