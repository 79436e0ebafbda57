import PouchDB from 'pouchdb-browser';
import IndexeddbAdapter from 'pouchdb-adapter-indexeddb';
import { createPouchEventLog, type EventLog } from '../../../src/device/eventLog';
import { defaultLocks } from '../../../src/device/locks';
import { runBundleMakeBench } from './bundleMakeBench';
import { runDeskBench } from './deskBench';
import { runFoldBench, type Mix } from './foldBench';
import { runHisBench } from './hisBench';
import { runLabBench } from './labBench';
import { runPushBench } from './pushBench';
import { runWardBench } from './wardBench';
import type { AnyEvent } from '../../../src/domain/events/envelope';

PouchDB.plugin(IndexeddbAdapter);

/**
 * Runs inside headless Chromium on real IndexedDB. Everything measured here is compared with
 * something measured in the same run, so a noisy shared machine moves both sides.
 */
const locks = defaultLocks();
const now = () => new Date();
const userData = (i: number) => ({ name: `Clerk ${i.toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`, role: 'clerk' as const });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(log: EventLog, samples: number, offset: number) {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const t0 = performance.now();
    await log.append('user.added', userData(offset + i), 'bench');
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { samples, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]! };
}

function rawPut(dbName: string, docs: AnyEvent[], batch: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('docs', { keyPath: '_id' });
    open.onerror = () => reject(open.error);
    open.onsuccess = async () => {
      const db = open.result;
      const t0 = performance.now();
      for (let start = 0; start < docs.length; start += batch) {
        await new Promise<void>((done, fail) => {
          const tx = db.transaction('docs', 'readwrite');
          const store = tx.objectStore('docs');
          for (const doc of docs.slice(start, start + batch)) store.put(doc);
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        });
      }
      const ms = performance.now() - t0;
      db.close();
      resolve(ms);
    };
  });
}

async function run({ events, batch, samples, adapter }: { events: number; batch: number; samples: number; adapter: string }) {
  const tag = `${adapter}-${Date.now()}`;
  const log = createPouchEventLog({ db: new PouchDB(`bench-log-${tag}`, { adapter }), device: 'BX', locks, now });
  await latency(log, 20, 0); // warm-up: JIT, adapter set-up
  const empty = await latency(log, samples, 20);

  const written: AnyEvent[] = [];
  const t0 = performance.now();
  for (let start = 0; start < events; start += batch) {
    const items = Array.from({ length: Math.min(batch, events - start) }, (_, i) => ({ type: 'user.added' as const, data: userData(100_000 + start + i) }));
    written.push(...await log.appendMany(items, 'bench'));
  }
  const logMs = performance.now() - t0;
  const rawMs = await rawPut(`bench-raw-${tag}`, written, batch);
  // PouchDB alone, same documents, no validation or chaining: separates our cost from the adapter's.
  const bare = new PouchDB(`bench-bare-${tag}`, { adapter });
  const t1 = performance.now();
  for (let start = 0; start < written.length; start += batch) await bare.bulkDocs(written.slice(start, start + batch));
  const pouchMs = performance.now() - t1;
  await bare.close();
  const full = await latency(log, samples, 1_000_000);
  const stored = await log.count();
  await log.close();
  return {
    adapter, events, batch, stored,
    appendLatencyEmpty: empty,
    appendLatencyFull: full,
    bulk: { logMs, rawMs, pouchMs, logPerSec: (events / logMs) * 1000, rawPerSec: (events / rawMs) * 1000, pouchPerSec: (events / pouchMs) * 1000, ratio: rawMs / logMs, pouchRatio: rawMs / pouchMs },
  };
}

Object.assign(window, {
  runBench: run,
  runPushBench: (args: Omit<Parameters<typeof runPushBench>[0], 'status'>) =>
    runPushBench({ ...args, status: (s) => { document.getElementById('status')!.textContent = s; } }),
  runDeskBench: (args: { patients: number; samples: number; encrypted: boolean; profile: boolean }) => runDeskBench({
    ...args,
    status: (s) => { document.getElementById('status')!.textContent = s; },
    profile: args.profile ? (what) => (window as unknown as { benchProfile: (w: string) => Promise<void> }).benchProfile(what) : undefined,
  }),
  runHisBench: (args: { rows: number; encrypted: boolean }) =>
    runHisBench({ ...args, status: (s) => { document.getElementById('status')!.textContent = s; } }),
  runLabBench: (args: { specimens: number; samples: number; encrypted: boolean }) =>
    runLabBench({ ...args, status: (s) => { document.getElementById('status')!.textContent = s; } }),
  runWardBench: (args: { occupied: number; past: number; samples: number; encrypted: boolean }) =>
    runWardBench({ ...args, status: (s) => { document.getElementById('status')!.textContent = s; } }),
  runFoldBench: (args: { events: number; mix: Mix; profile: boolean; newFirst: boolean }) => runFoldBench({
    ...args,
    status: (s) => { document.getElementById('status')!.textContent = s; },
    profile: args.profile ? (what) => (window as unknown as { benchProfile: (w: string) => Promise<void> }).benchProfile(what) : undefined,
  }),
  runBundleMakeBench: (args: { events: number; encrypted: boolean }) =>
    runBundleMakeBench({ ...args, status: (s) => { document.getElementById('status')!.textContent = s; } }),
});
document.getElementById('status')!.textContent = 'loaded';
