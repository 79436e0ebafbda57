/**
 * `npm run bench`: builds the benchmark page, runs it in headless Chromium on real IndexedDB,
 * prints a table and writes bench-results/foundation.json. Targets are reported, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDevice } from '../../src/central/devices';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/central/embeddedStore';
import { setupCentral } from '../../src/central/setup';
import { makeProfile } from '../helpers/browser';
import { freePort } from '../helpers/freePort';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const ADAPTERS = (process.env.BENCH_ADAPTERS ?? 'idb,indexeddb').split(',');
const SUITES = (process.env.BENCH_SUITES ?? 'foundation,desk,push,lab').split(',');
const PUSH_EVENTS = Number(process.env.BENCH_PUSH_EVENTS ?? 200_000);
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 200_000);
const SPECIMENS = Number(process.env.BENCH_SPECIMENS ?? 700_000);

const root = resolve('tests/bench/browser');
const outDir = resolve('node_modules/.cache/downtime-bench');
await build({ root, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } });
const port = await freePort();
// The embedded central store, behind the page's own origin as `npm start` serves it.
const storeDir = mkdtempSync(join(tmpdir(), 'dd-bench-store-'));
const store: EmbeddedStore | null = SUITES.includes('push')
  ? await startEmbeddedStore({ port: await freePort(), dataDir: storeDir, adminPassword: null, log: () => {} })
  : null;
const server = await preview({
  root, configFile: false, logLevel: 'warn', build: { outDir },
  preview: {
    host: '127.0.0.1', port, strictPort: true,
    proxy: store ? { '/central': { target: store.url, changeOrigin: true, rewrite: (p) => p.replace(/^\/central/, '') } } : {},
  },
});
const profile = makeProfile();
const context = await profile.launch();
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
  mkdirSync('bench-results', { recursive: true });
  const chromium = context.browser()?.version() ?? null;
  if (SUITES.includes('foundation')) await foundation(page, chromium);
  if (SUITES.includes('desk')) await deskSuite(page, chromium);
  if (SUITES.includes('lab')) await labSuite(page, chromium);
  if (store) await pushSuite(page, chromium, store);
} finally {
  await context.close();
  profile.remove();
  await new Promise<void>((done) => server.httpServer.close(() => done()));
  await store?.stop();
  rmSync(storeDir, { recursive: true, force: true });
}

type Page = Awaited<ReturnType<typeof context.newPage>>;

async function foundation(page: Page, chromium: string | null) {
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
  const out = { when: new Date().toISOString(), events: EVENTS, samples: SAMPLES, batch: BATCH, chromium, results };
  writeFileSync('bench-results/foundation.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log('written: bench-results/foundation.json');
}

async function deskSuite(page: Page, chromium: string | null) {
  console.log(`running: ward clerk desk with ${PATIENTS} patients and their tokens (loading takes minutes)…`);
  type Stat = { p50: number; p95: number; max: number; samples: number };
  const r = await page.evaluate((args) => (window as unknown as { runDeskBench: (a: unknown) => Promise<unknown> }).runDeskBench(args),
    { patients: PATIENTS, samples: SAMPLES }) as {
      patients: number; events: number; loadMs: number; projectMs: number; medTokensToday: number;
      register: Stat; registerBackToBack: Stat; registerParts: Record<string, Stat>; search: Record<string, Stat>; slowNames: Array<{ query: string; ms: number }>; duplicates: Stat; queue: Stat; jsHeapBytes: number | null; storageUsageBytes: number | null;
    };
  const row = (what: string, s: Stat, target: string) => ({ what, 'p50 (ms)': s.p50.toFixed(2), 'p95 (ms)': s.p95.toFixed(2), 'max (ms)': s.max.toFixed(2), target });
  console.table([
    row('register → stored and visible', r.register, 'p95 ≤ 25 ms'),
    row('  the same, back to back', r.registerBackToBack, '(no pause between)'),
    ...Object.entries(r.registerParts).map(([part, s]) => row(`  of which ${part}`, s, '(steps timed apart)')),
    ...Object.entries(r.search).map(([kind, s]) => row(`search by ${kind}`, s, 'p95 ≤ 30 ms')),
    row('possible duplicates (while typing)', r.duplicates, '—'),
    row(`open MED queue (${r.medTokensToday} tokens today)`, r.queue, '≤ 100 ms'),
  ]);
  console.log(`slowest name-prefix searches: ${r.slowNames.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms`).join(', ')}`);
  const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MB`);
  console.log(`loaded ${r.patients} patients + tokens (${r.events} events) in ${(r.loadMs / 1000).toFixed(0)} s, projected in ${(r.projectMs / 1000).toFixed(0)} s; JS heap ${mb(r.jsHeapBytes)}, IndexedDB usage ${mb(r.storageUsageBytes)}`);
  writeFileSync('bench-results/desk.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, ...r }, null, 2)}\n`);
  console.log('written: bench-results/desk.json');
}

async function pushSuite(page: Page, chromium: string | null, central: EmbeddedStore) {
  for (const db of ['bench_push', 'bench_raw', 'bench_repl']) await setupCentral({ url: central.url, db, auth: central.auth });
  const creds = await addDevice({ url: central.url, auth: central.auth }, 'BP');
  console.log(`running: resync of ${PUSH_EVENTS} events to the embedded store (loading, then three pushes)…`);
  type R = { events: number; raw: { perSec: number; ms: number }; push: { perSec: number; ms: number; confirmed: number };
    rerun: { ms: number; sent: number }; replication: { perSec: number; ms: number; written: number } };
  const r = await page.evaluate((args) => (window as unknown as { runPushBench: (a: unknown) => Promise<unknown> }).runPushBench(args),
    { events: PUSH_EVENTS, batch: 2000, creds, admin: central.auth }) as R;
  console.table([
    { what: '(a) raw _bulk_docs, bodies prepared (ceiling)', 'events/s': Math.round(r.raw.perSec), 'seconds': (r.raw.ms / 1000).toFixed(1) },
    { what: 'resync push until all confirmed', 'events/s': Math.round(r.push.perSec), 'seconds': (r.push.ms / 1000).toFixed(1) },
    { what: '(b) PouchDB replication, default options', 'events/s': Math.round(r.replication.perSec), 'seconds': (r.replication.ms / 1000).toFixed(1) },
  ]);
  console.log(`resync ÷ raw = ${(r.push.perSec / r.raw.perSec).toFixed(2)} (target ≥ 0.7); resync ÷ replication = ${(r.push.perSec / r.replication.perSec).toFixed(2)} (target ≥ 3); ` +
    `re-run with nothing new: ${(r.rerun.ms / 1000).toFixed(2)} s, ${r.rerun.sent} sent (target < 2 s)`);
  writeFileSync('bench-results/push.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, ...r }, null, 2)}\n`);
  console.log('written: bench-results/push.json');
}

async function labSuite(page: Page, chromium: string | null) {
  console.log(`running: lab with ${SPECIMENS} specimens over two weeks (loading takes minutes)…`);
  type Stat = { p50: number; p95: number; max: number; samples: number };
  const r = await page.evaluate((args) => (window as unknown as { runLabBench: (a: unknown) => Promise<unknown> }).runLabBench(args),
    { specimens: SPECIMENS, samples: SAMPLES }) as {
      specimens: number; requests: number; events: number; loadMs: number; projectMs: number; byStatus: Record<string, number>;
      openWorklist: Record<string, Stat>; lookup: Stat; openScanned: Stat; renderLabel: Stat; request: Stat;
      jsHeapBytes: number | null; storageUsageBytes: number | null;
    };
  const row = (what: string, s: Stat, target: string) => ({ what, 'p50 (ms)': s.p50.toFixed(2), 'p95 (ms)': s.p95.toFixed(2), 'max (ms)': s.max.toFixed(2), target });
  console.table([
    ...Object.entries(r.openWorklist).map(([filter, s]) => row(`open worklist (${filter})`, s, '≤ 150 ms')),
    row('lookup by specimen ID', r.lookup, 'p95 ≤ 20 ms'),
    row('open a scanned specimen (with request and patient)', r.openScanned, '—'),
    row('render one label ready to print', r.renderLabel, '≤ 50 ms'),
    row('new requisition → stored and visible', r.request, '—'),
  ]);
  const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MB`);
  console.log(`loaded ${r.specimens} specimens in ${r.requests} requisitions (${r.events} events) in ${(r.loadMs / 1000).toFixed(0)} s, projected in ${(r.projectMs / 1000).toFixed(0)} s; ` +
    `by status ${JSON.stringify(r.byStatus)}; JS heap ${mb(r.jsHeapBytes)}, IndexedDB usage ${mb(r.storageUsageBytes)}`);
  writeFileSync('bench-results/lab.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, ...r }, null, 2)}\n`);
  console.log('written: bench-results/lab.json');
}
