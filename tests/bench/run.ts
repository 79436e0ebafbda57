/**
 * `npm run bench`: builds the benchmark page, runs it in headless Chromium on real IndexedDB,
 * prints a table and writes bench-results/foundation.json. Targets are reported, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import { makeProfile } from '../helpers/browser';
import { freePort } from '../helpers/freePort';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const ADAPTERS = (process.env.BENCH_ADAPTERS ?? 'idb,indexeddb').split(',');

const root = resolve('tests/bench/browser');
const outDir = resolve('node_modules/.cache/downtime-bench');
await build({ root, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } });
const port = await freePort();
const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
const profile = makeProfile();
const context = await profile.launch();
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
  const results = [];
  for (const adapter of ADAPTERS) {
    console.log(`running: ${EVENTS} events, adapter ${adapter}…`);
    results.push(await page.evaluate((args) => (window as unknown as { runBench: (a: unknown) => Promise<unknown> }).runBench(args),
      { events: EVENTS, batch: BATCH, samples: SAMPLES, adapter }));
  }
  type R = { adapter: string; appendLatencyEmpty: { p50: number; p95: number }; appendLatencyFull: { p50: number; p95: number };
    bulk: { logPerSec: number; rawPerSec: number; pouchPerSec: number; ratio: number; pouchRatio: number } };
  const rows = (results as R[]).map((r) => ({
    adapter: r.adapter,
    'append p50 @0 (ms)': r.appendLatencyEmpty.p50.toFixed(2),
    'append p95 @0 (ms)': r.appendLatencyEmpty.p95.toFixed(2),
    [`append p50 @${EVENTS} (ms)`]: r.appendLatencyFull.p50.toFixed(2),
    [`append p95 @${EVENTS} (ms)`]: r.appendLatencyFull.p95.toFixed(2),
    'bulk events/s': Math.round(r.bulk.logPerSec),
    'raw IDB puts/s': Math.round(r.bulk.rawPerSec),
    'bare PouchDB/s': Math.round(r.bulk.pouchPerSec),
    'bulk ratio': r.bulk.ratio.toFixed(2),
    'bare PouchDB ratio': r.bulk.pouchRatio.toFixed(2),
  }));
  console.table(rows);
  console.log('targets: append p95 at 100,000 events ≤ 15 ms; bulk ratio (log ÷ raw IndexedDB) ≥ 0.5');
console.log("'bare PouchDB' writes the same documents with bulkDocs and nothing else: the adapter's own ceiling.");
  mkdirSync('bench-results', { recursive: true });
  const out = { when: new Date().toISOString(), events: EVENTS, samples: SAMPLES, batch: BATCH, chromium: context.browser()?.version() ?? null, results };
  writeFileSync('bench-results/foundation.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log('written: bench-results/foundation.json');
} finally {
  await context.close();
  profile.remove();
  await new Promise<void>((done) => server.httpServer.close(() => done()));
}
