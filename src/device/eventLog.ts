import type { EventRangeReader } from './idbEventRange';
import { validateData, buildEvent, eventId, eventIdRange, type AnyEvent, type ChainHead, type EventDoc } from '../domain/events/envelope';
import { loadEventFamilies } from '../domain/events/families';
import type { EventType } from '../domain/events/catalog';
import { ValidationError, type Issue } from '../domain/errors';
import type { Locks } from './locks';

export interface Change {
  seq: number | string;
  doc: unknown;
}

/** The append-only log of events, this device's and those pulled from the central store. */
/**
 * Data for an event, or a function that works it out inside the append lock — for numbers that
 * count per device (downtime IDs, tokens) and must not be handed out twice by two tabs. It is given
 * the log's sequence as read inside the lock, so it need not read it again.
 */
export type EventInput = unknown | ((seqBefore: Promise<number | string>) => Promise<unknown>);

/** An appended event, with its place in the local changes feed when the log is sure of it. */
export interface Written<T extends EventType = EventType> {
  event: EventDoc<T>;
  /** The sequence the write takes if nothing else is written in between: one past the log's before it. */
  expectedSeq: number | null;
  /**
   * The write's local sequence, read after it; null when another write may have come between
   * (then read the feed). Not awaited by append: the projector checks it while it reads its rows.
   */
  localSeq: Promise<number | null>;
}

export interface EventLog {
  readonly device: string;
  append<T extends EventType>(type: T, data: EventInput, by: string): Promise<Written<T>>;
  /** Many events in one write, all validated before anything is stored (imports, benchmarks). */
  appendMany(items: ReadonlyArray<{ type: EventType; data: unknown }>, by: string): Promise<AnyEvent[]>;
  head(): Promise<ChainHead | null>;
  /** A device's raw documents in sequence order, page by page, for verification. */
  readChain(device: string, pageSize?: number): AsyncGenerator<unknown[]>;
  /** Up to `limit` of a device's documents from sequence `fromSeq` on, with their revisions. */
  readRange(device: string, fromSeq: number, limit: number): Promise<Array<AnyEvent & { _rev: string }>>;
  /** Bring in documents from a CouchDB-compatible database (PouchDB replication, resumable). */
  pull(source: RemoteSource, onProgress: (progress: PullProgress) => void): Promise<{ docsWritten: number }>;
  changes(since: number | string, limit: number): Promise<{ results: Change[]; last: number | string }>;
  count(): Promise<number>;
  /** The sequence of the newest change, as the changes feed numbers it. */
  lastSeq(): Promise<number | string>;
  close(): Promise<void>;
  /** Store documents exactly as given, revisions included (an old log copied into this one). */
  importDocs(docs: ReadonlyArray<{ _id: string; _rev: string }>): Promise<void>;
  /**
   * Event documents changed since `since` (a local feed sequence) that hold more than one live
   * revision (a pull brought in conflicting versions), and the feed's last sequence read.
   */
  conflicted(since: number | string): Promise<{ ids: string[]; last: number | string }>;
}

export interface PullProgress {
  docsWritten: number;
  /** The remote's documents less this log's: an estimate (either side may hold some the other lacks). */
  expected: number;
}

export interface RemoteSource {
  url: string;
  username: string;
  password: string;
}

interface Deps {
  db: PouchDB.Database;
  /**
   * Opens a remote database for pulling; absent where there is nothing to pull from (tests). It
   * may load what pulling needs first (the app loads PouchDB's http adapter and replication then).
   */
  openRemote?: (source: RemoteSource) => PouchDB.Database | Promise<PouchDB.Database>;
  device: string;
  locks: Locks;
  now: () => Date;
  /** A faster way to read a run of events (see idbEventRange); PouchDB answers when it cannot. */
  rangeReader?: EventRangeReader;
}

const MAX_CONFLICT_RETRIES = 8;

export function createPouchEventLog({ db, device, locks, now, openRemote, rangeReader }: Deps): EventLog {
  // The head is cached between appends; another tab's append shows up as a 409 on our id, and
  // then we re-read. The id is the sequence, so two writers can never both own a sequence number.
  let cachedHead: ChainHead | null | undefined;
  const lockName = `downtime-desk:append:${device}`;

  async function readHead(): Promise<ChainHead | null> {
    const { start, end } = eventIdRange(device);
    const res = await db.allDocs({ startkey: end, endkey: start, descending: true, limit: 1, include_docs: true });
    const doc = res.rows[0]?.doc as unknown as AnyEvent | undefined;
    return doc ? { seq: doc.seq, hash: doc.hash } : null;
  }

  async function append<T extends EventType>(type: T, input: EventInput, by: string): Promise<Written<T>> {
    const prepare = typeof input === 'function' ? (input as (seqBefore: Promise<number | string>) => Promise<unknown>) : null;
    await loadEventFamilies([type]);
    if (!prepare) validateData(type, input);
    const { event, before } = await locks.run(lockName, async () => {
      for (let attempt = 0; ; attempt += 1) {
        // The sequence before the write is read once, inside the lock, and handed to the
        // preparation too (the projector checks it is caught up): no extra wait.
        const seqRead = seqNow();
        const [data, before] = await Promise.all([prepare ? prepare(seqRead) : input, seqRead]);
        const head = cachedHead === undefined ? await readHead() : cachedHead;
        const event = buildEvent({ type, data, device, head, at: now().toISOString(), by });
        try {
          const res = await db.put(event);
          cachedHead = { seq: event.seq, hash: event.hash };
          return { event: { ...event, _rev: res.rev } as EventDoc<T>, before };
        } catch (err) {
          cachedHead = undefined;
          if ((err as { status?: number }).status !== 409 || attempt >= MAX_CONFLICT_RETRIES) throw err;
        }
      }
    });
    // Each write takes the next sequence, so one step up means nothing else was written between.
    const expectedSeq = typeof before === 'number' ? before + 1 : null;
    const localSeq = expectedSeq === null ? Promise.resolve(null) : seqNow().then((after) => (after === expectedSeq ? after : null), () => null);
    return { event, expectedSeq, localSeq };
  }

  async function seqNow(): Promise<number | string> {
    return (await db.info()).update_seq;
  }

  async function appendMany(items: ReadonlyArray<{ type: EventType; data: unknown }>, by: string): Promise<AnyEvent[]> {
    await loadEventFamilies(items.map((item) => item.type));
    const issues: Issue[] = [];
    items.forEach((item, i) => {
      try {
        validateData(item.type, item.data);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        issues.push(...err.issues.map((issue) => ({ ...issue, path: `${i}.${issue.path}` })));
      }
    });
    if (issues.length) throw new ValidationError(issues, items, 'events');
    if (items.length === 0) return [];
    return locks.run(lockName, async () => {
      let head = await readHead();
      const at = now().toISOString();
      const events = items.map((item) => {
        const event = buildEvent({ type: item.type, data: item.data, device, head, at, by });
        head = { seq: event.seq, hash: event.hash };
        return event as AnyEvent;
      });
      cachedHead = undefined;
      const results = await db.bulkDocs(events);
      const failed = results.filter((r) => 'error' in r && r.error);
      if (failed.length) throw new Error(`Event log refused ${failed.length} of ${events.length} events: ${JSON.stringify(failed[0])}`);
      return events;
    });
  }

  async function* readChain(ofDevice: string, pageSize = 1000): AsyncGenerator<unknown[]> {
    const { start, end } = eventIdRange(ofDevice);
    let startkey = start;
    let skip = 0;
    for (;;) {
      const res = await db.allDocs({ startkey, endkey: end, include_docs: true, limit: pageSize, skip });
      if (res.rows.length === 0) return;
      yield res.rows.map((r) => r.doc);
      startkey = res.rows[res.rows.length - 1]!.id;
      skip = 1;
    }
  }

  async function readRange(ofDevice: string, fromSeq: number, limit: number) {
    const { end } = eventIdRange(ofDevice);
    const first = eventId(ofDevice, Math.max(1, fromSeq));
    const fast = rangeReader && limit > 0 ? await rangeReader(first, end, limit) : null;
    if (fast) return fast;
    const res = await db.allDocs({ startkey: first, endkey: end, include_docs: true, limit });
    return res.rows.map((r) => r.doc as unknown as AnyEvent & { _rev: string });
  }

  async function pull(source: RemoteSource, onProgress: (progress: PullProgress) => void) {
    if (!openRemote) throw new Error('pull: no remote databases on this log');
    const remote = await openRemote(source);
    try {
      const [theirs, ours] = await Promise.all([remote.info(), db.info()]);
      const expected = Math.max(0, theirs.doc_count - ours.doc_count);
      onProgress({ docsWritten: 0, expected });
      // The replication id comes from the two databases' names, so a restarted pull resumes from
      // its checkpoint instead of starting over.
      const result = await db.replicate.from(remote, { batch_size: 1000, batches_limit: 4 })
        .on('change', (info) => onProgress({ docsWritten: info.docs_written, expected }));
      return { docsWritten: result.docs_written };
    } finally {
      await remote.close();
    }
  }

  async function changes(since: number | string, limit: number) {
    const res = await db.changes({ since, limit, include_docs: true, conflicts: true });
    const results = res.results.map((r) => ({ seq: r.seq, doc: r.deleted ? { _id: r.id, _deleted: true } : r.doc }));
    return { results, last: res.last_seq };
  }

  return {
    device,
    append,
    appendMany,
    head: () => locks.run(lockName, readHead),
    readChain,
    readRange,
    pull,
    changes,
    count: async () => (await db.info()).doc_count,
    lastSeq: seqNow,
    close: () => db.close(),
    importDocs: async (docs) => {
      const results = await db.bulkDocs(docs as Array<PouchDB.Core.PutDocument<object>>, { new_edits: false });
      const failed = (results as Array<{ error?: unknown }>).filter((r) => r.error);
      if (failed.length) throw new Error(`Event log refused ${failed.length} of ${docs.length} documents: ${JSON.stringify(failed[0])}`);
    },
    conflicted,
  };

  async function conflicted(since: number | string, pageSize = 1000) {
    const ids: string[] = [];
    let last = since;
    for (;;) {
      // `all_docs` lists every leaf revision of a change without reading the bodies; the few
      // documents with more than one are read with `conflicts` (deleted leaves are no conflict).
      const res = await db.changes({ since: last, limit: pageSize, style: 'all_docs' });
      const forked = res.results.filter((r) => r.id.startsWith('ev:') && !r.deleted && r.changes.length > 1).map((r) => r.id);
      if (forked.length > 0) {
        const docs = await db.allDocs({ keys: forked, include_docs: true, conflicts: true });
        for (const row of docs.rows) {
          const doc = 'doc' in row ? (row.doc as { _conflicts?: string[] } | null | undefined) : null;
          if (doc?._conflicts?.length) ids.push(row.key);
        }
      }
      last = res.last_seq;
      if (res.results.length < pageSize) return { ids, last };
    }
  }
}
