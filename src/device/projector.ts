import Dexie from 'dexie';
import { parseEvent, type AnyEvent } from '../domain/events/envelope';
import { loadEventFamilies } from '../domain/events/families';
import { project } from '../domain/projections/project';
import { PROJECTION_TABLES, type ProjectionRows, type TableName } from '../domain/projections/rows';
import { ValidationError } from '../domain/errors';
import type { DeskDb, RejectRecord } from './db';
import type { EventType } from '../domain/events/catalog';
import type { Change, EventInput, EventLog, Written } from './eventLog';
import type { Locks } from './locks';
import { AfterRead } from './afterRead';

/** Rows a projection batch wrote, by table and key. */
export type ProjectedRows = ReadonlyMap<string, ReadonlyMap<unknown, unknown>>;

/** A recorded event; `rows` are what projecting it wrote, or null when it went through the feed. */
export interface Recorded<T extends EventType> extends Written<T> {
  rows: ProjectedRows | null;
}

const CHECKPOINT = 'checkpoint';
const BATCH = 500;
const MAX_CATCH_UPS = 4;

/**
 * Folds the log into the Dexie projection tables. Each batch, its rows and the new checkpoint
 * commit in one Dexie transaction, so a crash never applies an event twice or skips one.
 * Whoever writes to the log projects: a tab its own appends (record), a pull what it brought in,
 * and every start and every numbered write catches up on anything left behind (a tab closed
 * between writing and projecting). Other tabs see the rows through live queries on the tables.
 */
export class Projector {
  private running: Promise<number> | null = null;
  /** At most one run waits behind the current one, however many changes arrive meanwhile. */
  private queued: Promise<number> | null = null;
  /** Read the log's next page while a batch is written (off only for the fold benchmark's "today"). */
  readAhead = true;
  /** Who wants to hear how far a long catch-up (a rebuild) has come. */
  private readonly progress = new Set<(applied: number) => void>();

  constructor(private readonly log: EventLog, private readonly db: DeskDb, private readonly locks: Locks) {}

  /** Apply everything new in the log; resolves with how many changes were applied. */
  catchUp(onApplied?: (applied: number) => void): Promise<number> {
    if (onApplied) this.progress.add(onApplied);
    const result = this.catchUpOnce();
    if (onApplied) void result.finally(() => this.progress.delete(onApplied)).catch(() => {});
    return result;
  }

  private catchUpOnce(): Promise<number> {
    if (this.queued) return this.queued;
    if (this.running) {
      this.queued = this.running.then(() => {
        this.queued = null;
        return this.start();
      });
      return this.queued;
    }
    return this.start();
  }

  private start(): Promise<number> {
    this.running = this.upToDate()
      .then((upToDate) => (upToDate ? 0 : this.locks.run('downtime-desk:projector', () => this.drain())))
      .finally(() => { this.running = null; });
    return this.running;
  }

  /**
   * The use-cases catch up before every numbered write (the counters live in the projection),
   * and mostly there is nothing new: two small reads settle that without the lock and the feed.
   */
  private async upToDate(): Promise<boolean> {
    const [checkpoint, last] = await Promise.all([this.checkpoint(), this.log.lastSeq()]);
    return checkpoint === last;
  }

  /**
   * Append an event and project it before resolving. A function as input runs inside the append
   * lock once every earlier event is projected, so numbers counted in the projections (downtime
   * IDs, tokens, specimens) cannot be handed out twice. It may hand back an AfterRead to finish
   * once its read transaction is over.
   */
  async record<T extends EventType>(type: T, input: EventInput, by: string): Promise<Recorded<T>> {
    const prepare = async (seqBefore: Promise<number | string>) => {
      const read = await this.afterCatchUp(input as () => Promise<unknown>, seqBefore);
      return read instanceof AfterRead ? read.finish() : read;
    };
    const written = await this.log.append(type, typeof input === 'function' ? prepare : input, by);
    return { ...written, rows: await this.projectWritten(written) };
  }

  /**
   * Usually nothing is new: then `read`'s reads and the checkpoint come from one snapshot, taken
   * while the log's last sequence is read, and no round trip waits for another. Otherwise catch
   * up and look again, so the rows read are never older than the log (a rebuild in another tab
   * may empty the tables at any moment); what `read` threw on rows that were behind is dropped.
   */
  private async afterCatchUp<T>(read: () => Promise<T>, seqBefore: Promise<number | string>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const [[checkpoint, result], last] = await Promise.all([
        this.db.transaction('r', this.db.tables, () => Promise.all([this.checkpoint(), read().then((value) => ({ value }), (error: unknown) => ({ error }))])),
        attempt === 1 ? seqBefore : this.log.lastSeq(),
      ]);
      // A log whose newest sequence the feed never reports would otherwise keep this looping.
      if (checkpoint === last || attempt === MAX_CATCH_UPS) {
        if ('error' in result) throw result.error;
        return result.value;
      }
      await this.catchUp();
    }
  }

  /** A row as recording an event left it: from the rows it projected when it has them, else read. */
  async rowAfter<T extends TableName>({ rows }: Recorded<EventType>, table: T, key: string): Promise<ProjectionRows[T] | undefined> {
    const written = rows?.get(table);
    return (written?.has(key) ? written.get(key) : await this.db.table(table).get(key)) as ProjectionRows[T] | undefined;
  }

  /**
   * Project an event this tab has just appended. When it directly follows the checkpoint, the
   * document in hand is applied (no lock, no feed read: a registration waits for one transaction);
   * otherwise everything new is read from the feed.
   */
  async projectWritten({ event, expectedSeq, localSeq }: Written): Promise<ProjectedRows | null> {
    // Built and checked by the log a moment ago: it needs no parsing back. Whether the write took
    // the expected sequence is read while the rows are: one round trip less.
    // If that wait fails (Dexie.waitFor gives up after a minute), the event is stored all the
    // same: the feed projects it, and the caller is not told a stored write failed.
    const rows = expectedSeq === null ? null
      : await this.applyBatch(expectedSeq - 1, [event as AnyEvent], [], expectedSeq, localSeq.then((seq) => seq === expectedSeq)).catch(() => null);
    if (!rows) await this.catchUp();
    return rows;
  }

  /** Throw the projections away and fold the whole log again, in the log's own order. */
  async rebuild(): Promise<number> {
    await this.locks.run('downtime-desk:projector', () =>
      this.db.transaction('rw', [...PROJECTION_TABLES.map((t) => this.db.table(t)), this.db.rejects, this.db.projectionMeta], async () => {
        await Promise.all([...PROJECTION_TABLES.map((t) => this.db.table(t).clear()), this.db.rejects.clear(), this.db.projectionMeta.clear()]);
      }));
    return this.catchUp();
  }

  async checkpoint(): Promise<number | string> {
    return ((await this.db.projectionMeta.get(CHECKPOINT))?.value as number | string | undefined) ?? 0;
  }

  private async drain(): Promise<number> {
    let applied = 0;
    type Page = Promise<{ results: Change[]; last: number | string }>;
    let ahead: { since: number | string; read: Page } | null = null;
    for (;;) {
      const since = await this.checkpoint();
      // A page read ahead is used only if it starts where the checkpoint now stands.
      const read: Page = ahead?.since === since ? ahead.read : this.log.changes(since, BATCH);
      ahead = null;
      const { results, last } = await read;
      if (results.length === 0) return applied;
      // The next page is read while this one is written: the log and the projections are two
      // databases, and a long fold waited on each in turn (issue 19). A page read for nothing
      // (another tab moved the checkpoint, or this batch failed) is dropped, its error with it.
      if (this.readAhead && results.length === BATCH) {
        ahead = { since: last, read: this.log.changes(last, BATCH) };
        ahead.read.catch(() => undefined);
      }
      await this.applyChanges(since, results, last);
      applied += results.length;
      for (const listener of this.progress) listener(applied);
    }
  }

  /** Events are parsed here: the log also holds pulled documents, garbage among them perhaps. */
  private async applyChanges(since: number | string, changes: Change[], last: number | string): Promise<ProjectedRows | null> {
    await loadEventFamilies(changes.map((change) => (change.doc as { type?: unknown } | null)?.type));
    const events: AnyEvent[] = [];
    const rejects: RejectRecord[] = [];
    for (const change of changes) {
      // Pulled databases also hold the all-clear marker and device status documents: not events.
      const id = (change.doc as { _id?: unknown } | null)?._id;
      if (typeof id === 'string' && !id.startsWith('ev:')) continue;
      // Two live versions of one event (a store admin wrote a second one; a pull brought both):
      // neither is folded while they conflict, and the pull names the event. A version folded
      // before the conflict arrived stays as it was: the changed winner is not applied again.
      const conflicts = (change.doc as { _conflicts?: unknown } | null)?._conflicts;
      if (Array.isArray(conflicts) && conflicts.length > 0) {
        rejects.push({ id: String(id), seq: String(change.seq), reason: `conflicting revisions (${conflicts.length + 1} versions of this event): not folded`, at: new Date().toISOString() });
        continue;
      }
      try {
        events.push(parseEvent(change.doc));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        rejects.push({ id: String(id ?? `seq-${change.seq}`), seq: String(change.seq), reason: err.message, at: new Date().toISOString() });
      }
    }
    return this.applyBatch(since, events, rejects, last);
  }

  /** Resolves null (and writes nothing) when the checkpoint is no longer `since`. */
  private async applyBatch(since: number | string, events: readonly AnyEvent[], rejects: RejectRecord[], last: number | string, confirmed?: Promise<boolean>): Promise<ProjectedRows | null> {
    const updates = events.flatMap(project);
    const tables = [...new Set(updates.map((u) => u.table))];
    let committed: ProjectedRows | null = null;
    const keysOf = new Map(tables.map((t) => [t, [...new Set(updates.filter((u) => u.table === t).map((u) => u.key))]]));
    const answer = confirmed ? settledValue(confirmed) : null;
    await this.db.transaction('rw', [...tables.map((t) => this.db.table(t)), this.db.projectionMeta, this.db.rejects], async () => {
      // Every read, then every write, issued at once: IndexedDB queues them in order, and a batch
      // of one event (a registration) waits for two round trips instead of six.
      const [current, ...found] = await Promise.all([
        this.db.projectionMeta.get(CHECKPOINT),
        ...tables.map((t) => this.db.table(t).bulkGet(keysOf.get(t)!)),
      ]);
      // `confirmed` (read from the log as these rows were) has mostly come by now. It is no
      // IndexedDB request: waiting for it here would commit the transaction, so Dexie.waitFor keeps
      // it open, by asking IndexedDB for nothing over and over. Those requests queue with the
      // log's and every other write of this tab's, so they are made only when the answer is late.
      const alone = !answer || (answer.settled ? answer.value() : await Dexie.waitFor(confirmed!));
      if (!alone) return; // another write came between: the feed has both, in order
      if (((current?.value as number | string | undefined) ?? 0) !== since) return; // another tab got here first
      const rows = new Map(tables.map((t, i) => [t, new Map(keysOf.get(t)!.map((k, j) => [k, (found[i] as unknown[])[j]]))]));
      for (const u of updates) {
        const tableRows = rows.get(u.table)!;
        tableRows.set(u.key, (u.update as (prev: unknown) => unknown)(tableRows.get(u.key)));
      }
      const writes: Array<Promise<unknown>> = [];
      for (const [table, tableRows] of rows) {
        const keep = [...tableRows.values()].filter((r) => r !== undefined);
        const gone = [...tableRows.entries()].filter(([, r]) => r === undefined).map(([k]) => k);
        if (keep.length) writes.push(this.db.table(table).bulkPut(keep));
        if (gone.length) writes.push(this.db.table(table).bulkDelete(gone));
      }
      if (rejects.length) writes.push(this.db.rejects.bulkPut(rejects));
      writes.push(this.db.projectionMeta.put({ key: CHECKPOINT, value: last }));
      await Promise.all(writes);
      committed = rows;
    });
    return committed;
  }
}

/** A promise's outcome, readable without waiting once it has come (a rejection is thrown by value()). */
function settledValue<T>(promise: Promise<T>): { readonly settled: boolean; value(): T } {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
  promise.then((value) => { outcome = { ok: true, value }; }, (error: unknown) => { outcome = { ok: false, error }; });
  return {
    get settled() {
      return outcome !== null;
    },
    value() {
      if (!outcome) throw new Error('not settled yet');
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  };
}
