import PouchDB from 'pouchdb-browser';
import { createPouchEventLog } from '../../../src/device/eventLog';
import { idbEventRange } from '../../../src/device/idbEventRange';
import { defaultLocks } from '../../../src/device/locks';
import { KeyRing } from '../../../src/device/keyRing';
import { openedEvents, sealEvents } from '../../../src/device/sealedEvents';
import { generateDeviceKey } from '../../../src/crypto/headSignature';
import { CentralClient } from '../../../src/sync/centralClient';
import { Pusher } from '../../../src/sync/pusher';
import { benchPushHooks } from '../benchPushHooks';
import { findConflicts, type ConflictsChecked } from '../../../src/sync/conflictCheck';

/**
 * Resync throughput from a device's real IndexedDB log through the central gateway behind the
 * page's own origin (`/central/`, database bench_push), against, in the same run: (a) raw
 * `_bulk_docs` POSTs of the same documents prepared in advance, with and without the design
 * document (the store's ceiling), the same resync straight to the store, and (b) PouchDB
 * replication with default options. `/store/` is the benchmark server's window onto the store.
 */
export async function runPushBench(args: {
  events: number; batch: number; creds: { username: string; password: string };
  status: (s: string) => void;
}) {
  const tag = Date.now();
  // Sealed at rest as on a tablet: a resync opens every event it sends.
  const keyRing = new KeyRing();
  await keyRing.open(crypto.getRandomValues(new Uint8Array(32)));
  const db = sealEvents(new PouchDB(`bench-push-${tag}`), keyRing);
  const log = createPouchEventLog({ db, device: 'BP', locks: defaultLocks(), now: () => new Date(), rangeReader: idbEventRange(`bench-push-${tag}`, openedEvents(keyRing)) });
  // The same log read through PouchDB's allDocs alone, for the row that compares the two.
  const slowLog = createPouchEventLog({ db, device: 'BP', locks: defaultLocks(), now: () => new Date() });
  for (let start = 0; start < args.events; start += 2000) {
    const n = Math.min(2000, args.events - start);
    await log.appendMany(Array.from({ length: n }, (_, i) => ({
      type: 'departments.updated' as const,
      data: { departments: [{ code: 'MED', name: `General Medicine ${start + i}`, nameHi: 'सामान्य चिकित्सा' }, { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग' }] },
    })), 'bench');
    if (start % 20_000 === 0) args.status(`stored ${start + n}`);
  }

  // (a) the ceiling: bodies prepared beforehand, POSTed back to back to a fresh database.
  // Reading the device's log alone, batch by batch as the resync does: the device's own ceiling.
  const bodies: string[] = [];
  const tr = performance.now();
  for (let seq = 1; seq <= args.events; seq += args.batch) bodies.push(JSON.stringify(await log.readRange('BP', seq, args.batch)));
  const readMs = performance.now() - tr;
  const read = { ms: readMs, perSec: (args.events / readMs) * 1000 };
  const ts = performance.now();
  for (let seq = 1; seq <= args.events; seq += args.batch) await slowLog.readRange('BP', seq, args.batch);
  const readAllDocs = { ms: performance.now() - ts, perSec: (args.events / (performance.now() - ts)) * 1000 };
  // The same documents as the replication protocol writes them: their own revisions, new_edits false.
  const kept = bodies.map((body) => JSON.stringify({ docs: JSON.parse(body) as unknown[], new_edits: false }));
  bodies.forEach((body, i) => { bodies[i] = JSON.stringify({ docs: (JSON.parse(body) as Array<{ _rev?: string }>).map(({ _rev: _r, ...d }) => d) }); });
  const rawRate = async (db: string, sent = bodies) => {
    const t0 = performance.now();
    for (const body of sent) {
      // Sent as a Blob, as the resync sends: a string body is several times slower in Chromium.
      const res = await fetch(`/store/${db}/_bulk_docs`, { method: 'POST', body: new Blob([body], { type: 'application/json' }), headers: { 'content-type': 'application/json' } });
      if (res.status !== 201) throw new Error(`raw _bulk_docs answered ${res.status}`);
    }
    const ms = performance.now() - t0;
    return { ms, perSec: (args.events / ms) * 1000 };
  };

  /** Two runs of the same thing as one rate: all events over all their time. */
  const bothRuns = (a: { ms: number }, b: { ms: number }) => ({ ms: (a.ms + b.ms) / 2, perSec: ((2 * args.events) / (a.ms + b.ms)) * 1000, runs: [a, b].map((r) => (args.events / r.ms) * 1000) });
  // Our resync: read, _revs_diff, _bulk_docs new_edits=false, confirm, final verification.
  const key = await generateDeviceKey();
  const resync = async (dbUrl: string) => {
    const client = new CentralClient({ dbUrl, ...args.creds }, 300_000);
    await client.registerKey('BP', key.publicKey, new Date().toISOString());
    const hooks = benchPushHooks(key.privateKey, 'BP');
    const pusher = () => new Pusher(log, client, hooks, Math.random, args.batch);
    const t1 = performance.now();
    const pushed = await pusher().run();
    const ms = performance.now() - t1;
    // The resync's conflict check after each push (Resync.requireNoConflicts), timed apart.
    let checked: ConflictsChecked | null = null;
    const check = async (run: { from: number; total: number }) => {
      const found = await findConflicts(client, 'BP', { from: run.from, upTo: run.total }, checked);
      if (found.seqs.length) throw new Error(`conflicts at ${found.seqs.join(', ')}`);
      checked = found.checked;
    };
    const tc = performance.now();
    await check(pushed);
    const checkMs = performance.now() - tc;
    const t2 = performance.now();
    const again = await pusher().run();
    await check(again);
    return { ms, perSec: (args.events / ms) * 1000, confirmed: pushed.confirmed, checkMs, rerun: { ms: performance.now() - t2, sent: again.sent, confirmed: again.confirmed } };
  };
  // The ceiling and the resync straight to the store run once before and once after the resync
  // through the gateway (the gateway serves one database), each into a fresh database: the
  // store's background work after a run (LevelDB compaction) slows whichever runs next.
  // Each also waits until the store's process is quiet.
  let unsettled = 0;
  const settled = async () => { if (!(await (window as unknown as { storeSettled: () => Promise<boolean> }).storeSettled())) unsettled += 1; };
  await settled();
  const { rerun: _directRerun, ...direct1 } = await resync('/store/bench_direct');
  await settled();
  const raw1 = await rawRate('bench_raw');
  await settled();
  const { rerun, ...push } = await resync('/central/bench_push');
  await settled();
  const raw2 = await rawRate('bench_raw2');
  await settled();
  const { rerun: _directRerun2, ...direct2 } = await resync('/store/bench_direct2');
  await settled();
  const raw = bothRuns(raw1, raw2);
  const direct = { ...bothRuns(direct1, direct2), confirmed: Math.min(direct1.confirmed, direct2.confirmed) };
  const rawBare = await rawRate('bench_raw_bare');
  const rawKept = await rawRate('bench_raw_kept', kept);
  args.status('push done');

  // (b) PouchDB replication, default options, to a fresh database.
  const remote = new PouchDB(new URL('/store/bench_repl', location.href).href, { skip_setup: true });
  const t3 = performance.now();
  const replicated = await db.replicate.to(remote);
  const replMs = performance.now() - t3;
  return {
    events: args.events, unsettled, batch: args.batch, read, readAllDocs, raw, rawRuns: raw.runs, rawBare, rawKept, push, direct, rerun,
    replication: { ms: replMs, perSec: (replicated.docs_written / replMs) * 1000, written: replicated.docs_written },
  };
}
