import * as z from 'zod/mini';
import { RuleError, ValidationError } from '../domain/errors';
import { ALL_CLEAR_ID, gateDecision } from '../domain/sync/gate';
import { backoffMs, idleProgress, withPulled, withRate, type SyncProgress } from '../domain/sync/progress';
import { text } from '../domain/text';
import { toIssues } from '../domain/validation';
import type { SyncRunRecord } from '../device/db';
import type { Desk, SessionUser } from '../device/desk';
import { DeviceKey } from '../device/deviceKey';
import { BackupDesk } from '../device/backupDesk';
import { BACKUP_KEY_DOC_ID } from '../domain/backup/publicKeyText';
import type { EventLog } from '../device/eventLog';
import { CentralClient } from './centralClient';
import { findConflicts, type ConflictsChecked } from './conflictCheck';
import { Pusher, type PushCheckpoint } from './pusher';
import { isTransient, SyncError } from './syncError';
import { GATE, PULL_CHECKED } from './gateSettings';

/** Same origin, behind the app's own server (`npm start` proxies it to the central store). */
export const DEFAULT_CENTRAL_URL = '/central/downtime';

export const gateInput = z.strictObject({
  url: text(300).check(z.refine((u) => /^(https?:\/\/|\/)/.test(u), 'url')),
  username: text(100),
  password: z.string().check(z.minLength(1, 'required'), z.maxLength(200, 'tooLong')),
  declaredClean: z.literal(true, { error: 'declaredClean' }),
  pull: z.boolean(),
});

export interface GateConfig {
  open: boolean;
  url: string;
  username: string;
  password: string;
  pull: boolean;
  openedAt: string;
  openedBy: string;
  /** The all-clear of the last verified sync since the gate was opened (see gateDecision). */
  syncedUnderMarkerAt?: string | null;
}

const CHECKPOINT = 'syncCheckpoint';
const MAX_ATTEMPTS = 8;
const LISTED = 10;
/** The device's ConflictsChecked: how far its events were found clean on the central store. */
const CONFLICTS_CHECKED = 'centralConflictsCheckedTo';

export interface ResyncOptions {
  /** How many older events each run reads back for conflicts (CONFLICT_SAMPLE). */
  conflictSample?: number;
  random?: () => number;
}

/** The first few of a list, for a message: "2, 5, 9 (+3 more)". */
const listed = (items: readonly string[]) =>
  items.slice(0, LISTED).join(', ') + (items.length > LISTED ? ` (+${items.length - LISTED})` : '');

/** Tries of a pull whose connection dropped before giving up as unreachable. */
const PULL_ATTEMPTS = 3;

/**
 * The administrator's resync: closed by default, so a device never talks to a server until the
 * network has been declared clean; when opened, pushes this device's events and proves they
 * arrived, pulls the others' if this is an administrator's device, and keeps a history.
 */
export class Resync {
  private progress: SyncProgress = idleProgress();
  private readonly listeners = new Set<(p: SyncProgress) => void>();
  private paused = false;
  private resumeWaiters: Array<() => void> = [];
  private running: Promise<SyncRunRecord> | null = null;

  private readonly key: DeviceKey;

  constructor(private readonly desk: Desk, private readonly sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    private readonly options: ResyncOptions = {}) {
    this.key = new DeviceKey(desk.db);
  }

  async gate(): Promise<GateConfig | null> {
    return ((await this.desk.db.settings.get(GATE))?.value as GateConfig | undefined) ?? null;
  }

  /** Check the server and the credentials before saving anything; nothing is sent yet. */
  async openGate(actor: SessionUser, input: unknown): Promise<GateConfig> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const parsed = gateInput.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'gate');
    const { url, username, password, pull } = parsed.data;
    const client = new CentralClient({ dbUrl: url, username, password });
    await client.check();
    const { log } = await this.desk.context();
    await requireNotBehindStore(client, log);
    // The one thing sent before the all-clear: the public half of this device's key, not patient
    // data (with a replacement's signed statement, which retires the lost tablet's key).
    await this.registerKey(client, log.device);
    // The hospital's backup key, if the central store has one: a public key, for backup bundles.
    const { identity } = await this.desk.context();
    await new BackupDesk(this.desk).adoptCentralKey(await client.getDoc(BACKUP_KEY_DOC_ID).catch(() => null), identity.hospital);
    const gate: GateConfig = { open: true, url, username, password, pull, openedAt: this.desk.now().toISOString(), openedBy: actor.name, syncedUnderMarkerAt: null };
    await this.desk.db.settings.put({ key: GATE, value: gate });
    return gate;
  }

  private async registerKey(client: CentralClient, device: string) {
    const replacement = await new BackupDesk(this.desk).replacementStatement();
    await client.registerKey(device, await this.key.publicKey(), this.desk.now().toISOString(), replacement);
  }

  async closeGate(actor: SessionUser): Promise<void> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    this.pause();
    const gate = await this.gate();
    if (gate) await this.desk.db.settings.put({ key: GATE, value: { ...gate, open: false } });
  }

  subscribe(listener: (p: SyncProgress) => void): () => void {
    this.listeners.add(listener);
    listener(this.progress);
    return () => this.listeners.delete(listener);
  }

  current(): SyncProgress {
    return this.progress;
  }

  pause(): void {
    this.paused = true;
    if (this.running) this.set({ phase: 'paused' });
  }

  resume(): void {
    this.paused = false;
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    waiters.forEach((w) => w());
  }

  run(actor: SessionUser): Promise<SyncRunRecord> {
    if (actor.role !== 'admin') return Promise.reject(new RuleError('adminOnly'));
    this.running ??= this.execute(actor).finally(() => { this.running = null; });
    return this.running;
  }

  private set(patch: Partial<SyncProgress>) {
    this.progress = withRate({ ...this.progress, ...patch }, Date.now());
    this.listeners.forEach((l) => l(this.progress));
  }

  private async waitWhilePaused() {
    while (this.paused) {
      this.set({ phase: 'paused' });
      await new Promise<void>((r) => this.resumeWaiters.push(r));
    }
  }

  private async execute(actor: SessionUser): Promise<SyncRunRecord> {
    const startedAt = this.desk.now().toISOString();
    this.paused = false;
    this.progress = { ...idleProgress(), phase: 'checking', startedAt: Date.now() };
    this.set({});
    const record = (outcome: SyncRunRecord['outcome'], message?: string): SyncRunRecord => ({
      startedAt, endedAt: this.desk.now().toISOString(), by: actor.name, outcome, message,
      sent: this.progress.sent, confirmed: this.progress.confirmed, refused: this.progress.refused, pulled: this.progress.pulled, total: this.progress.total,
    });
    try {
      const gate = await this.gate();
      if (!gate?.open) throw new SyncError('gateClosed');
      const client = new CentralClient({ dbUrl: gate.url, username: gate.username, password: gate.password });
      const { log } = await this.desk.context();
      // Known before the server is asked anything, so a refused run still says what it holds.
      this.set({ total: (await log.head())?.seq ?? 0 });
      let attempt = 0;
      for (;;) {
        try {
          await client.check();
          // Again at every run: a central store restored from a backup may have lost the key. Before
          // the check below: a tablet whose key a replacement retired is told that, the true reason
          // (its replacement may well have pushed beyond it too).
          await this.registerKey(client, log.device);
          await requireNotBehindStore(client, log);
          const marker = await this.checkAllClear(client, gate);
          const known = await this.desk.db.syncRefusals.toCollection().primaryKeys();
          const pusher = new Pusher(log, client, {
            loadCheckpoint: async () => ((await this.desk.db.settings.get(CHECKPOINT))?.value as PushCheckpoint | undefined) ?? { confirmedSeq: 0 },
            saveCheckpoint: async (c) => { await this.desk.db.settings.put({ key: CHECKPOINT, value: c }); },
            refused: async (doc, reason) => { await this.desk.db.syncRefusals.put({ id: doc._id, seq: doc.seq, reason, at: this.desk.now().toISOString() }); },
            progress: (p) => this.set({ ...p, retryAt: null, message: null }),
            gate: () => this.waitWhilePaused(),
            signHead: (seq, hash) => this.key.sign(log.device, seq, hash),
            sleep: this.sleep,
          }).knownRefusals(known);
          const pushed = await pusher.run();
          if (pushed.degraded) {
            // Accepted by fewer copies than the cluster needs: not synced, no status written,
            // and the checkpoint still before it, so the next run asks about it again.
            this.set({ phase: 'done', message: { code: 'degraded', params: { count: pushed.confirmed } } });
            break;
          }
          // Read back what was confirmed: a conflicting revision (written past the gateway by a
          // store admin) means the store no longer holds one version of this device's chain.
          await this.requireNoConflicts(client, log.device, pushed);
          await this.reportStatus(client, log, pushed);
          await this.desk.db.settings.put({ key: GATE, value: { ...gate, syncedUnderMarkerAt: marker.at } });
          // The push is done and confirmed whatever happens to the pull: report them apart.
          const pullError = gate.pull ? await this.pull(gate) : null;
          this.set({
            phase: 'done',
            message: { code: pushed.refused ? 'confirmedWithRefusals' : 'allConfirmed', params: { count: pushed.confirmed, refused: pushed.refused } },
            pullError,
          });
          break;
        } catch (err) {
          if (!isTransient(err) || attempt >= MAX_ATTEMPTS) throw err;
          const wait = backoffMs(attempt);
          attempt += 1;
          this.set({ phase: 'waiting', retryAt: Date.now() + wait, message: { code: (err as SyncError).code } });
          await this.sleep(wait);
          await this.waitWhilePaused();
        }
      }
      const { pullError, message } = this.progress;
      const done = message?.code === 'degraded'
        ? record('degraded', 'degraded: the central store accepted the push without storing enough copies (HTTP 202)')
        : record('confirmed', pullError ? `${pullError.code} ${JSON.stringify(pullError.params ?? {})}` : undefined);
      await this.desk.db.syncHistory.add(done);
      return done;
    } catch (err) {
      const code = err instanceof SyncError || err instanceof RuleError ? err.code : 'unexpected';
      const params = err instanceof SyncError || err instanceof RuleError ? err.params : { message: String(err) };
      this.set({ phase: 'failed', message: { code, params } });
      const failed = record('failed', `${code} ${JSON.stringify(params)}`);
      await this.desk.db.syncHistory.add(failed);
      throw err;
    }
  }

  private async pull(gate: GateConfig): Promise<SyncProgress['pullError']> {
    this.set({ phase: 'pulling' });
    try {
      const { log, projector } = await this.desk.context();
      const checkedTo = ((await this.desk.db.settings.get(PULL_CHECKED))?.value as number | string | undefined) ?? 0;
      // Projected as the batches arrive (catch-ups coalesce), so the desk fills while the pull runs.
      const pullOnce = () => log.pull({ url: gate.url, username: gate.username, password: gate.password }, (p) => {
        this.set(withPulled(p.docsWritten, p.expected));
        if (p.docsWritten > 0) projector.catchUp().catch(() => undefined); // the last catch-up reports
      });
      // A connection dropped mid-pull (no HTTP answer at all) is tried again a few times: the
      // replication resumes from its checkpoint, so nothing is fetched twice. An answer with a
      // status (refused, server error) is reported at once.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await pullOnce();
          break;
        } catch (err) {
          if ((err as { status?: number }).status !== undefined || attempt === PULL_ATTEMPTS) throw err;
        }
      }
      await projector.catchUp();
      // Replication brings every live revision of a document. An event held in two versions is
      // refused: the log keeps both (its winner is the one CouchDB serves, by the same rule:
      // longest history, then the highest revision id), the projection folds neither (Projector),
      // and the pull names the events until the store admin resolves them. The log is read from
      // the last point found clean, so an unresolved conflict is named again at every pull.
      const conflicted = await log.conflicted(checkedTo);
      if (conflicted.ids.length > 0) return { code: 'pullConflicts', params: { count: conflicted.ids.length, ids: listed(conflicted.ids) } };
      await this.desk.db.settings.put({ key: PULL_CHECKED, value: conflicted.last });
      return null;
    } catch (err) {
      const status = (err as { status?: number }).status;
      return { code: status === 401 ? 'unauthorized' : status === undefined ? 'unreachable' : 'serverError', params: { status: status ?? 0, user: gate.username, url: gate.url } };
    }
  }

  /**
   * Tell the central store this device is synced, with its head signed: what `verify` later holds
   * the stored chain against. A server that refuses it refuses nothing else.
   */
  private async reportStatus(client: CentralClient, log: EventLog, pushed: { total: number; refused: number }) {
    // The last event this run pushed, not the log's head: the desk may have written more meanwhile.
    const [head] = pushed.total > 0 ? await log.readRange(log.device, pushed.total, 1) : [];
    try {
      await client.putDoc({
        _id: `device:${log.device}`, type: 'device-status', device: log.device,
        confirmedSeq: pushed.total, refused: pushed.refused, syncedAt: this.desk.now().toISOString(),
        ...(head ? { head: await this.key.sign(log.device, head.seq, head.hash) } : {}),
      });
    } catch (err) {
      if (!(err instanceof SyncError && err.code === 'forbidden')) throw err;
    }
  }

  /**
   * Fails the run, before any status is written, when the store holds a conflicting revision of
   * what this run confirmed or of a sample of the older events (findConflicts).
   */
  private async requireNoConflicts(client: CentralClient, device: string, pushed: { total: number; from: number }) {
    if (pushed.total === 0) return;
    const saved = ((await this.desk.db.settings.get(CONFLICTS_CHECKED))?.value as ConflictsChecked | undefined) ?? null;
    const { seqs, checked } = await findConflicts(client, device, { from: pushed.from, upTo: pushed.total }, saved,
      { sample: this.options.conflictSample, random: this.options.random });
    await this.desk.db.settings.put({ key: CONFLICTS_CHECKED, value: checked });
    if (seqs.length > 0) throw new SyncError('centralConflict', { count: seqs.length, seqs: listed(seqs.map(String)) });
  }

  private async checkAllClear(client: CentralClient, gate: GateConfig) {
    const { log } = await this.desk.context();
    const checkpoint = ((await this.desk.db.settings.get(CHECKPOINT))?.value as PushCheckpoint | undefined) ?? { confirmedSeq: 0 };
    const [oldestUnsent] = await log.readRange(log.device, checkpoint.confirmedSeq + 1, 1);
    const decision = gateDecision(await client.getDoc(ALL_CLEAR_ID), oldestUnsent?.at ?? null,
      { syncedUnderMarkerAt: gate.syncedUnderMarkerAt ?? null });
    if (!decision.ok) throw new SyncError(decision.code, decision.params);
    return decision.marker;
  }
}

/**
 * Only this device's code writes its events, so the store holding a sequence this tablet lacks (one
 * above its head, or its own newest stored number in another version) means another tablet wrote
 * under the code: the lost tablet resynced after the bundle this replacement was restored from.
 * This tablet's numbers would then repeat the stored ones (other IDs and tokens, the same event
 * ids): nothing is sent, ever, into that.
 */
async function requireNotBehindStore(client: CentralClient, log: EventLog): Promise<void> {
  const [stored, head] = await Promise.all([client.highestSeq(log.device), log.head()]);
  const own = head?.seq ?? 0;
  if (stored === 0) return;
  const [mine] = stored <= own ? await log.readRange(log.device, stored, 1) : [];
  const held = mine?.seq === stored && !(await client.revsDiff({ [mine._id]: [mine._rev] })).has(mine._id);
  if (!held) throw new SyncError('behindStore', { device: log.device, stored, head: own });
}
