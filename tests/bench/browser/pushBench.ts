import PouchDB from 'pouchdb-browser';
import { createPouchEventLog } from '../../../src/device/eventLog';
import { defaultLocks } from '../../../src/device/locks';
import { CentralClient } from '../../../src/sync/centralClient';
import { Pusher, type PushCheckpoint } from '../../../src/sync/pusher';

/**
 * Resync throughput from a device's real IndexedDB log to the central store behind the page's own
 * origin, against (a) raw `_bulk_docs` POSTs of the same documents prepared in advance (the
 * server's ceiling) and (b) PouchDB replication with default options, in the same run.
 */
export async function runPushBench(args: {
  events: number; batch: number; creds: { username: string; password: string }; admin: { username: string; password: string };
  status: (s: string) => void;
}) {
  const tag = Date.now();
  const db = new PouchDB(`bench-push-${tag}`);
  const log = createPouchEventLog({ db, device: 'BP', locks: defaultLocks(), now: () => new Date() });
  for (let start = 0; start < args.events; start += 2000) {
    const n = Math.min(2000, args.events - start);
    await log.appendMany(Array.from({ length: n }, (_, i) => ({
      type: 'departments.updated' as const,
      data: { departments: [{ code: 'MED', name: `General Medicine ${start + i}`, nameHi: 'सामान्य चिकित्सा' }, { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग' }] },
    })), 'bench');
    if (start % 20_000 === 0) args.status(`stored ${start + n}`);
  }

  // (a) the ceiling: bodies prepared beforehand, POSTed back to back to a fresh database.
  const bodies: string[] = [];
  for (let seq = 1; seq <= args.events; seq += args.batch) {
    const docs = await log.readRange('BP', seq, args.batch);
    bodies.push(JSON.stringify({ docs: docs.map(({ _rev: _r, ...d }) => d) }));
  }
  const auth = (c: { username: string; password: string }) => `Basic ${btoa(`${c.username}:${c.password}`)}`;
  const t0 = performance.now();
  for (const body of bodies) {
    const res = await fetch('/central/bench_raw/_bulk_docs', { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: auth(args.admin) } });
    if (res.status !== 201) throw new Error(`raw _bulk_docs answered ${res.status}`);
  }
  const rawMs = performance.now() - t0;
  args.status('raw done');

  // Our resync: read, _revs_diff, _bulk_docs new_edits=false, confirm, final verification.
  let checkpoint: PushCheckpoint = { confirmedSeq: 0 };
  const client = new CentralClient({ dbUrl: '/central/bench_push', ...args.creds }, 300_000);
  const pusher = () => new Pusher(log, client, {
    loadCheckpoint: async () => checkpoint,
    saveCheckpoint: async (c) => { checkpoint = c; },
    refused: async (doc, reason) => { throw new Error(`refused ${doc._id}: ${reason}`); },
    progress: () => {},
    gate: async () => {},
  });
  const t1 = performance.now();
  const pushed = await pusher().run();
  const pushMs = performance.now() - t1;
  const t2 = performance.now();
  const again = await pusher().run();
  const againMs = performance.now() - t2;
  args.status('push done');

  // (b) PouchDB replication, default options, to a fresh database.
  const remote = new PouchDB(new URL('/central/bench_repl', location.href).href, { auth: args.admin, skip_setup: true });
  const t3 = performance.now();
  const replicated = await db.replicate.to(remote);
  const replMs = performance.now() - t3;
  return {
    events: args.events, batch: args.batch,
    raw: { ms: rawMs, perSec: (args.events / rawMs) * 1000 },
    push: { ms: pushMs, perSec: (args.events / pushMs) * 1000, confirmed: pushed.confirmed },
    rerun: { ms: againMs, sent: again.sent, confirmed: again.confirmed },
    replication: { ms: replMs, perSec: (replicated.docs_written / replMs) * 1000, written: replicated.docs_written },
  };
}
