import { DeskDb } from '../../../src/device/db';
import { Desk } from '../../../src/device/desk';
import { defaultLocks } from '../../../src/device/locks';
import { KeyRing } from '../../../src/device/keyRing';
import { recordKeys, searchKey, type RecordKeys } from '../../../src/crypto/sealing';
import { openPouchLog } from '../../../src/device/pouchLog';
import { storedRow } from '../../../src/device/sealedTables';
import { AT_REST } from '../../../src/domain/atRest';
import { DEFAULT_DEPARTMENTS } from '../../../src/domain/device';
import type { EventType } from '../../../src/domain/events/catalog';
import { parseEvent } from '../../../src/domain/events/envelope';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { formatSpecimenId } from '../../../src/domain/ids/specimenId';
import { DEFAULT_CATALOGUE } from '../../../src/domain/lab/defaultCatalogue';
import { formatRequestId } from '../../../src/domain/lab/requestId';
import type { Priority } from '../../../src/domain/lab/requisition';
import { PROJECTION_TABLES } from '../../../src/domain/projections/rows';
import { localDay } from '../../../src/domain/tokens/day';
import { formatToken } from '../../../src/domain/tokens/tokenNumber';
import { generatePatients, generateVisits } from '../../helpers/synthetic/generate';
import { mulberry32, weighted } from '../../helpers/synthetic/random';
import { ioCounter } from './ioCount';
import { pickOrder } from './labBench';
import { enteredEvent } from './resultBench';

/**
 * Projection throughput (issue 19), all in one run so a busy machine moves every figure alike:
 * (a) today's full rebuild through the projector, (b) a pull of another device's events in
 * batches, each batch folded as it lands, (c) the raw IndexedDB writes of the rebuild's final rows,
 * already sealed, into the same tables with the same indexes (the ceiling), and (d) sealing those
 * rows alone (CPU). Also timed: reading the log alone (the changes feed, events opened and
 * parsed), the read half of every fold. Encrypted throughout, as on a tablet.
 */
type Item = { type: EventType; data: unknown };
export type Mix = 'desk' | 'lab';

/** The pull's batches: what replication writes at a time (batch_size in eventLog.pull). */
const PULL_BATCH = 1000;
/** Rows per transaction for the raw writes: the projector's batch of events. */
const RAW_BATCH = 500;

interface Args {
  events: number;
  mix: Mix;
  status: (s: string) => void;
  /** Time the new path before today's (the order moves the figures on a loaded machine). */
  newFirst?: boolean;
  /** Around the rebuild, when the runner takes a CPU profile. */
  profile?: (what: 'start' | 'stop') => Promise<void>;
}

/**
 * Other sessions on this machine may stop the browser (SIGSTOP) while they measure: a heartbeat
 * every 50 ms, and a gap over 1.5 s (no step here holds the thread that long) is a stall, whose
 * time is taken out of the step it fell in and reported.
 */
function stallWatch() {
  let last = performance.now();
  let stalled = 0;
  const id = setInterval(() => {
    const t = performance.now();
    if (t - last > 1500) stalled += t - last - 50;
    last = t;
  }, 50);
  return {
    take: () => {
      const s = stalled;
      stalled = 0;
      return s;
    },
    stop: () => clearInterval(id),
  };
}

const stalls = stallWatch();

/** Long tasks (over 50 ms, as Chromium reports them) while a fold runs: the screens stay usable if none passes 200 ms. */
function longTasks() {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) seen.push(entry.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  return () => {
    observer.disconnect();
    // A stall shows as one long task: over 1.5 s it is the stopped browser, not the fold.
    const tasks = seen.filter((ms) => ms < 1500);
    return { max: Math.round(Math.max(0, ...tasks)), over200: tasks.filter((ms) => ms > 200).length, over50: tasks.length };
  };
}
const stallsTaken: number[] = [];

/** Events per second over `ms`, less any stall since the last call. */
const rate = (events: number, ms: number) => {
  const stalled = stalls.take();
  if (stalled > 0) stallsTaken.push(stalled);
  return { ms: ms - stalled, perSec: (events / (ms - stalled)) * 1000, stalledMs: Math.round(stalled) };
};
const yieldNow = () => new Promise((r) => setTimeout(r, 0));

/**
 * The device's key ring, with today's search keys at the flip of `today`: the one-shot HMAC of
 * src/crypto/sealing.ts, its key derived once, no cache. The same keys either way (a unit test
 * says so), so one database serves both.
 */
class TodayRing extends KeyRing {
  today = false;
  private derived: { from: Uint8Array; keys: RecordKeys } | null = null;

  override searchKey(kind: string, value: string): string {
    if (!this.today) return super.searchKey(kind, value);
    const dataKey = this.requireDataKey();
    if (this.derived?.from !== dataKey) this.derived = { from: dataKey, keys: recordKeys(dataKey) };
    return searchKey(this.derived.keys, kind, value);
  }
}

async function newDesk(name: string, code: string, now: () => Date) {
  const locks = defaultLocks();
  const keyRing = new TodayRing();
  const desk = new Desk({ db: new DeskDb(name, keyRing), keyRing, locks, now, openLog: (d) => openPouchLog(d, locks, now, keyRing, `${name}-log`) });
  const admin = await desk.enroll({
    enrollment: { hospital: 'Bench Hospital', code, departments: DEFAULT_DEPARTMENTS.map((d) => ({ ...d })), timeZone: 'Asia/Kolkata' },
    admin: { name: 'Bench Admin', pin: '482913', pinAgain: '482913' },
  });
  return { desk, admin, keyRing, ...(await desk.context()) };
}

/** The desk's mix: registrations and their tokens, a third of them called and done. */
function* deskMix(code: string, events: number): Generator<Item[]> {
  const patients = Math.ceil(events / (2 + 2 / 3));
  const people = generatePatients(20261203, patients);
  const depts = generateVisits(20261203, patients, DEFAULT_DEPARTMENTS.map((d) => d.code));
  const dayOf = (i: number) => localDay(new Date(Date.now() - (13 - (i % 14)) * 86_400_000), 'Asia/Kolkata');
  const counters = new Map<string, number>();
  let items: Item[] = [];
  for (let i = 0; i < patients; i += 1) {
    const patient = formatDowntimeId(code, i + 1);
    const day = dayOf(i);
    const key = `${depts[i]}/${day}`;
    const number = (counters.get(key) ?? 0) + 1;
    counters.set(key, number);
    const token = formatToken(depts[i]!, code, number);
    items.push({ type: 'patient.registered', data: { patient, fields: people[i], day } });
    items.push({ type: 'token.issued', data: { token, patient, dept: depts[i], day, number } });
    if (i % 3 === 0) items.push({ type: 'token.called', data: { token, day } }, { type: 'token.done', data: { token, day } });
    if (items.length >= 2000) {
      yield items;
      items = [];
    }
  }
  if (items.length) yield items;
}


/**
 * The lab's mix, shaped as the lab bench's tablet (labBench.ts): a sixth of the events register
 * patients; then requisitions of three tubes, collected in rounds, received and reported in racks,
 * some rejected, a third of the CBC tubes released through result entry and verification.
 */
function* labMix(code: string, events: number): Generator<Item[]> {
  const random = mulberry32(20261203);
  const patients = Math.max(100, Math.round(events / 6));
  const people = generatePatients(20261203, patients);
  for (let start = 0; start < patients; start += 2000) {
    yield people.slice(start, start + 2000).map((fields, i) => ({
      type: 'patient.registered' as const, data: { patient: formatDowntimeId(code, start + i + 1), fields, day: '2026-11-20' },
    }));
  }
  let made = patients;
  let request = 0;
  let specimenNo = 0;
  const at = new Date(Date.now() - 86_400_000).toISOString();
  while (made < events) {
    const requested: Item[] = [];
    const tubes: string[] = [];
    const tubeTests: string[][] = [];
    const depts = generateVisits(request + 1, 200, DEFAULT_DEPARTMENTS.map((d) => d.code));
    for (let r = 0; r < 200; r += 1) {
      const { codes, groups } = pickOrder(random);
      const ids = groups.map(() => formatSpecimenId(code, ++specimenNo));
      tubes.push(...ids);
      tubeTests.push(...groups.map((g) => g.tests));
      request += 1;
      requested.push({
        type: 'lab.requested',
        data: {
          request: formatRequestId(code, request), patient: formatDowntimeId(code, 1 + Math.floor(random() * patients)),
          catalogueVersion: DEFAULT_CATALOGUE.version, tests: codes, priority: weighted<Priority>(random, [['routine', 80], ['urgent', 15], ['stat', 5]]),
          dept: depts[r], clinician: 'Dr. Bench', specimens: groups.map((g, i) => ({ specimen: ids[i], ...g })),
        },
      });
    }
    const moves: Item[] = [];
    const group = (list: string[], size: number, make: (chunk: string[]) => unknown, type: EventType) => {
      for (let i = 0; i < list.length; i += size) moves.push({ type, data: make(list.slice(i, i + size)) });
    };
    const rejected = new Set(tubes.filter((_, i) => i % 50 === 0));
    const reported = tubes.filter((s) => !rejected.has(s));
    group(tubes, 60, (chunk) => ({ specimens: chunk, collectedAt: at, collectedBy: 'Sister Bench' }), 'specimen.collected');
    group(tubes, 150, (chunk) => ({ specimens: chunk }), 'specimen.received');
    for (const s of rejected) moves.push({ type: 'specimen.rejected', data: { specimen: s, reason: 'haemolysed' } });
    group(reported, 150, (chunk) => ({ specimens: chunk }), 'specimen.reported');
    const withResults = tubes.flatMap((s, i) => (i % 3 === 0 && tubeTests[i]!.includes('CBC') && !rejected.has(s) ? [i] : []));
    const entered = withResults.map((i) => enteredEvent(tubes[i]!, tubeTests[i]!));
    made += requested.length + moves.length + 2 * entered.length;
    yield requested;
    yield moves;
    // Verification names the entered event's id: the runner appends those after the entries (see load).
    if (entered.length) yield entered;
  }
}

/** Appends a mix's events; a result entered is verified by the next append, as a pathologist would. */
async function load(desk: Awaited<ReturnType<typeof newDesk>>, mix: Mix, events: number, status: (s: string) => void) {
  const code = (await desk.desk.identity())!.code;
  let n = 0;
  for (const items of (mix === 'desk' ? deskMix : labMix)(code, events)) {
    const written = await desk.log.appendMany(items, 'Bench Tech');
    n += written.length;
    const entered = written.filter((e) => e.type === 'result.entered');
    if (entered.length) {
      await desk.log.appendMany(entered.map((e) => ({ type: 'result.verified' as const, data: { specimen: (e.data as { specimen: string }).specimen, version: e._id } })), 'Dr. Bench Pathologist');
      n += entered.length;
    }
    status(`stored ${n} events (${mix})`);
  }
}

/** Every row of a Dexie database's table as IndexedDB holds it (sealed), read past Dexie. */
function rawRows(dbName: string, tables: readonly string[]): Promise<Map<string, unknown[]>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction([...tables], 'readonly');
      const out = new Map<string, unknown[]>();
      for (const t of tables) {
        const req = tx.objectStore(t).getAll();
        req.onsuccess = () => out.set(t, req.result);
      }
      tx.oncomplete = () => {
        db.close();
        resolve(out);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Rows put straight into IndexedDB, RAW_BATCH per transaction, tables one after another. */
function rawPut(dbName: string, rows: Map<string, unknown[]>): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = async () => {
      const db = open.result;
      const t0 = performance.now();
      try {
        for (const [table, list] of rows) {
          for (let start = 0; start < list.length; start += RAW_BATCH) {
            await new Promise<void>((done, fail) => {
              const tx = db.transaction(table, 'readwrite');
              const store = tx.objectStore(table);
              for (const row of list.slice(start, start + RAW_BATCH)) store.put(row);
              tx.oncomplete = () => done();
              tx.onerror = () => fail(tx.error);
            });
          }
        }
      } catch (err) {
        reject(err);
        return;
      }
      const ms = performance.now() - t0;
      db.close();
      resolve(ms);
    };
  });
}

/** Steps one after another, their results in order. */
async function sequence<T>(steps: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const out: T[] = [];
  for (const step of steps) out.push(await step());
  return out;
}

export async function runFoldBench({ events: wanted, mix, status, profile, newFirst = false }: Args) {
  const tag = `${mix}-${Date.now()}`;
  const now = () => new Date();
  const a = await newDesk(`bench-fold-a-${tag}`, mix === 'desk' ? 'FD' : 'FL', now);
  await load(a, mix, wanted, status);
  const events = await a.log.count();
  const tables = PROJECTION_TABLES;

  // The log read alone: the changes feed page by page, events opened (the log's sealing) and parsed.
  status('reading the log');
  stalls.take();
  const tRead = performance.now();
  let since: number | string = 0;
  for (;;) {
    const { results, last } = await a.log.changes(since, 500);
    if (results.length === 0) break;
    for (const change of results) if ((change.doc as { _id: string })._id.startsWith('ev:')) parseEvent(change.doc);
    since = last;
  }
  const read = rate(events, performance.now() - tRead);

  // (a) Today's full rebuild, then the new one, with their IndexedDB transactions and requests counted.
  const rebuilt = async (today: boolean) => {
    status(`rebuilding (${today ? 'today' : 'new'})`);
    a.keyRing.today = today;
    a.projector.readAhead = !today;
    const tasks = longTasks();
    const counter = ioCounter();
    await profile?.('start');
    stalls.take();
    const t0 = performance.now();
    await counter.during(() => a.projector.rebuild());
    const result = rate(events, performance.now() - t0);
    await profile?.('stop');
    counter.restore();
    a.keyRing.today = false;
    a.projector.readAhead = true;
    return { ...result, io: counter.per(events), longTasks: tasks() };
  };
  // The second rebuild follows a clear of the first's rows, which IndexedDB is still compacting:
  // newFirst swaps the order, to see how much the order itself moves the figures.
  const [rebuildToday, rebuild] = (newFirst ? (await sequence([() => rebuilt(false), () => rebuilt(true)])).reverse() : await sequence([() => rebuilt(true), () => rebuilt(false)])) as [Awaited<ReturnType<typeof rebuilt>>, Awaited<ReturnType<typeof rebuilt>>];

  // The final rows, as stored (sealed) and as read (opened).
  const stored = await rawRows(a.desk.db.name, tables);
  const rowCount = [...stored.values()].reduce((n, list) => n + list.length, 0);
  const opened = new Map<string, Array<Record<string, unknown>>>();
  for (const t of tables) opened.set(t, await a.desk.db.table(t).toArray());

  // (c) The ceiling: those rows, sealed, put into a fresh database of the same schema.
  status('raw writes');
  const rawName = `bench-fold-raw-${tag}`;
  const schemaOnly = new DeskDb(rawName, new KeyRing());
  await schemaOnly.open();
  schemaOnly.close();
  stalls.take();
  const raw = rate(events, await rawPut(rawName, stored));

  // (d) Sealing alone: each final row once, as the middleware does on its way into IndexedDB.
  status('sealing alone');
  const sealMs: Record<string, number> = {};
  let searchKeys = 0;
  const ring = a.keyRing;
  const countedKey = ring.searchKey.bind(ring);
  ring.searchKey = (kind, value) => {
    searchKeys += 1;
    return countedKey(kind, value);
  };
  const sealAll = async (today: boolean) => {
    ring.today = today;
    for (const [table, rows] of opened) {
      const spec = AT_REST[table];
      if (!spec) continue;
      const keyPath = a.desk.db.table(table).schema.primKey.keyPath as string;
      let ms = 0;
      // In chunks, so the heartbeat runs between them: a stall is not taken for sealing.
      for (let start = 0; start < rows.length; start += 200) {
        const c0 = performance.now();
        for (const row of rows.slice(start, start + 200)) storedRow(spec, ring, (r) => `${table}:${String(r[keyPath])}`, row);
        ms += performance.now() - c0;
        await yieldNow();
      }
      sealMs[`${table}${today ? ' (today)' : ''}`] = ms;
    }
    ring.today = false;
    stalls.take();
    return rate(events, Object.entries(sealMs).filter(([t]) => t.endsWith(' (today)') === today).reduce((x, [, y]) => x + y, 0));
  };
  const sealingToday = await sealAll(true);
  searchKeys = 0;
  const sealing = await sealAll(false);
  ring.searchKey = countedKey;

  // (b) A pull: device B receives A's events a batch at a time, each folded as it lands.
  const docs: Array<{ _id: string; _rev: string }> = [];
  for await (const page of a.log.readChain((await a.desk.identity())!.code, 2000)) docs.push(...(page as Array<{ _id: string; _rev: string }>));
  const [pullToday, pull] = (newFirst
    ? (await sequence([() => pulled(`bench-fold-b1-${tag}`, false), () => pulled(`bench-fold-b0-${tag}`, true)])).reverse()
    : await sequence([() => pulled(`bench-fold-b0-${tag}`, true), () => pulled(`bench-fold-b1-${tag}`, false)])) as [PullResult, PullResult];
  await a.log.close();
  a.desk.db.close();
  return {
    mix, events, pulled: docs.length, rows: rowCount, pulledRows: pull.rows,
    rowsByTable: Object.fromEntries([...stored].map(([t, list]) => [t, list.length]).filter(([, n]) => n)),
    read, rebuildToday, rebuild, pullToday, pull, raw, sealingToday, sealing,
    sealMs: Object.fromEntries(Object.entries(sealMs).filter(([, ms]) => ms > 0.5)), searchKeys,
  };

  type PullResult = Awaited<ReturnType<typeof pulled>>;
  async function pulled(name: string, today: boolean) {
    status(`pull (${today ? 'today' : 'new'})`);
    const b = await newDesk(name, mix === 'desk' ? 'GD' : 'GL', now);
    b.keyRing.today = today;
    b.projector.readAhead = !today;
    const tasks = longTasks();
    let importMs = 0;
    let foldMs = 0;
    let pullStalled = 0;
    for (let start = 0; start < docs.length; start += PULL_BATCH) {
      stalls.take();
      const t0 = performance.now();
      await b.log.importDocs(docs.slice(start, start + PULL_BATCH));
      const t1 = performance.now();
      const s1 = stalls.take();
      await b.projector.catchUp();
      const s2 = stalls.take();
      importMs += t1 - t0 - s1;
      foldMs += performance.now() - t1 - s2;
      pullStalled += s1 + s2;
      status(`pulled ${Math.min(docs.length, start + PULL_BATCH)} of ${docs.length}`);
    }
    const result = { fold: rate(docs.length, foldMs), withWrites: rate(docs.length, foldMs + importMs), stalledMs: Math.round(pullStalled),
      longTasks: tasks(), rows: await b.desk.db.table(mix === 'desk' ? 'patients' : 'specimens').count() };
    await b.log.close();
    b.desk.db.close();
    return result;
  }
}
