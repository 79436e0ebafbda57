/**
 * `npm run bench`: builds the benchmark page, runs it in headless Chromium on real IndexedDB,
 * prints a table and writes bench-results/foundation.json. Targets are reported, never asserted.
 */
import { DEFAULT_BATCH } from '../../src/sync/pusher';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDevice } from '../../src/central/devices';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/central/embeddedStore';
import { setupCentral } from '../../src/central/setup';
import { declareAllClear } from '../../src/central/allClear';
import { createAppServer } from '../../src/server/appServer';
import { createUpstream } from '../../src/server/gateway/upstream';
import { basicAuthHeader } from '../../src/central/credentials';
import { makeProfile } from '../helpers/browser';
import { freePort } from '../helpers/freePort';
import { exportSuite } from './exportBench';
import { bundleSuite } from './bundleBench';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const ADAPTERS = (process.env.BENCH_ADAPTERS ?? 'idb,indexeddb').split(',');
const SUITES = (process.env.BENCH_SUITES ?? 'foundation,desk,push,lab,wards').split(',');
const OCCUPIED = Number(process.env.BENCH_OCCUPIED ?? 2000);
const PAST_ADMISSIONS = Number(process.env.BENCH_PAST_ADMISSIONS ?? 50_000);
const PUSH_EVENTS = Number(process.env.BENCH_PUSH_EVENTS ?? 200_000);
/** Events per batch, for the resync and the raw writes alike (the app's default unless set). */
const PUSH_BATCH = Number(process.env.BENCH_PUSH_BATCH ?? DEFAULT_BATCH);
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 200_000);
const SPECIMENS = Number(process.env.BENCH_SPECIMENS ?? 700_000);
/** Events per mix for the fold suite (issue 19): BENCH_FOLD_MIXES=desk,lab. */
const FOLD_EVENTS = Number(process.env.BENCH_FOLD_EVENTS ?? 50_000);
const FOLD_MIXES = (process.env.BENCH_FOLD_MIXES ?? 'desk,lab').split(',');
/** BENCH_FOLD_PROFILE=1: a CPU profile of each rebuild, summarised and written beside the results. */
const FOLD_PROFILE = process.env.BENCH_FOLD_PROFILE === '1';
/** BENCH_DESK_PROFILE=1: a CPU profile of the paced registrations of each desk run. */
const DESK_PROFILE = process.env.BENCH_DESK_PROFILE === '1';
/** A suite's modes from `variable` (true: encrypted), default both; the encrypted one is required. */
function modes(variable: string): boolean[] {
  const list = (process.env[variable] ?? 'clear,encrypted').split(',').map((m) => m === 'encrypted');
  if (!list.includes(true)) throw new Error(`${variable}: the encrypted run is the one the targets are for; include it`);
  return list;
}
/** BENCH_DESK_MODES=encrypted: about ten minutes a mode at 200,000 patients. */
const DESK_MODES = modes('BENCH_DESK_MODES');
/** BENCH_LAB_MODES=encrypted: the 700,000-specimen lab suite takes about 25 minutes a mode. */
const LAB_MODES = modes('BENCH_LAB_MODES');
const HIS_ROWS = Number(process.env.BENCH_HIS_ROWS ?? 1_000_000);

/** Events in the tablet's log that the browser's bundle bench (BENCH_SUITES=bundlemake) makes a bundle of. */
const BUNDLE_EVENTS = Number(process.env.BENCH_BUNDLE_EVENTS ?? 100_000);

const EXPORT_EVENTS = Number(process.env.BENCH_EXPORT_EVENTS ?? 1_000_000);
const EXPORT_FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'fhir,ndjson,csv').split(',') as Array<'fhir' | 'ndjson' | 'csv'>;

// Backup bundles are sealed and opened in Node, as the CLI does: no page, no browser.
if (SUITES.includes('bundle')) await bundleSuite(BUNDLE_EVENTS);
if (SUITES.every((s) => s === 'bundle')) process.exit(0);
// The export runs in Node against the central store: no page, no browser.
if (SUITES.includes('export')) await exportSuite(EXPORT_EVENTS, EXPORT_FORMATS, Number(process.env.BENCH_EXPORT_HEAP_MB ?? 300));
if (SUITES.every((s) => s === 'export')) process.exit(0);

const root = resolve('tests/bench/browser');
// A profiled run's page is not minified, so the profile names functions as the source does.
// BENCH_OUT_DIR: a worktree whose node_modules is shared must not overwrite another run's page.
const outDir = resolve(process.env.BENCH_OUT_DIR ?? 'node_modules/.cache/downtime-bench');
await build({ root, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022', minify: !FOLD_PROFILE } });
const port = await freePort();
// The embedded central store, behind the page's own origin as `npm start` serves it.
const storeDir = mkdtempSync(join(tmpdir(), 'dd-bench-store-'));
const store: EmbeddedStore | null = SUITES.includes('push')
  ? await startEmbeddedStore({ port: await freePort(), dataDir: storeDir, adminPassword: null, log: () => {} })
  : null;
// The page is served as `npm start` serves the app: the app server with its gateway in front of
// the store (database bench_push). `/store/` is the benchmark's own window straight onto the store,
// for the ceilings the gateway is compared with; nothing like it exists in the product.
const upstream = store ? createUpstream(store.url) : null;
const server = await createAppServer({
  distDir: outDir,
  gateway: store && upstream ? { upstream, db: 'bench_push', admin: store.auth, corsOrigins: [] } : null,
});
if (store && upstream) {
  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scope.all('/store/*', async (req, reply) => {
      const headers: Record<string, string> = { accept: 'application/json', authorization: basicAuthHeader(store.auth) };
      if (req.headers['content-type']) headers['content-type'] = String(req.headers['content-type']);
      const answer = await upstream.send(req.method, req.raw.url!.slice('/store/'.length), headers, typeof req.body === 'string' && req.body !== '' ? req.body : undefined);
      return reply.status(answer.status).header('content-type', answer.contentType ?? 'application/json').send(answer.body);
    });
  });
}
await server.listen({ host: '127.0.0.1', port });
const profile = makeProfile();
// The HIS import's peak heap needs Chromium's exact figures (else rounded into coarse buckets) and a GC before the baseline.
const context = await profile.launch(SUITES.includes('hisimport') || SUITES.includes('bundlemake') ? { args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] } : {});
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
  mkdirSync('bench-results', { recursive: true });
  // A suite's load takes minutes: its progress ("stored 40000 patients", "projected") is printed as the page says it.
  await page.exposeFunction('benchProgress', (text: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${text}`));
  // A load of hundreds of MB leaves IndexedDB's LevelDB compacting for minutes: the timings
  // start once the browser is quiet, as on a tablet whose data came in over two weeks.
  await page.exposeFunction('browserSettled', () => (browserPids().length > 0 ? quiet(browserPids, 10 * 60_000) : null));
  await page.evaluate(() => {
    const status = document.getElementById('status')!;
    new MutationObserver(() => void (window as unknown as { benchProgress: (t: string) => void }).benchProgress(status.textContent ?? ''))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
  const chromium = context.browser()?.version() ?? null;
  if (SUITES.includes('foundation')) await foundation(page, chromium);
  if (SUITES.includes('desk')) await deskSuite(page, chromium);
  if (SUITES.includes('lab')) await labSuite(page, chromium);
  if (SUITES.includes('wards')) await wardSuite(page, chromium);
  if (SUITES.includes('hisimport')) await hisSuite(page, chromium);
  if (SUITES.includes('bundlemake')) await bundleMakeSuite(page, chromium);
  if (SUITES.includes('fold')) await foldSuite(page, chromium);
  if (store) await pushSuite(page, chromium, store);
} finally {
  await context.close();
  profile.remove();
  await server.close();
  await upstream?.close();
  await store?.stop();
  rmSync(storeDir, { recursive: true, force: true });
}

type Page = Awaited<ReturnType<typeof context.newPage>>;

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

/** Self time by function (and by script), heaviest first: where a profiled step spent its CPU. */
function profileSummary(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, top: number) {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0;
    total += ms;
    const file = node.callFrame.url.split('/').pop() || '(native)';
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const rows = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).slice(0, top).map(([what, ms]) => ({ what, ms: Math.round(ms), share: `${((ms / total) * 100).toFixed(1)}%` }));
  return { totalMs: Math.round(total), functions: rows(fns), scripts: rows(files) };
}

/** The page's window.benchProfile('start' | 'stop'): each stop adds a CPU profile to the list returned. */
async function profiler(page: Page): Promise<unknown[]> {
  const profiled: unknown[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await page.exposeFunction('benchProfile', async (what: string) => {
    if (what === 'start') await cdp.send('Profiler.start');
    else profiled.push((await cdp.send('Profiler.stop')).profile);
  });
  return profiled;
}

/** Writes a profile beside the results and prints where its CPU went. */
function reportProfile(profile: unknown, name: string, what: string) {
  writeFileSync(`bench-results/${name}.cpuprofile`, JSON.stringify(profile));
  const summary = profileSummary(profile as Parameters<typeof profileSummary>[0], 25);
  console.log(`CPU profile of ${what}: ${summary.totalMs} ms sampled (bench-results/${name}.cpuprofile)`);
  console.table(summary.scripts.slice(0, 12));
  console.table(summary.functions);
  return summary;
}

async function foldSuite(page: Page, chromium: string | null) {
  const profiled = FOLD_PROFILE ? await profiler(page) : [];
  type Rate = { ms: number; perSec: number; stalledMs: number };
  type Tasks = { max: number; over200: number; over50: number };
  type Pull = { fold: Rate; withWrites: Rate; stalledMs: number; rows: number; longTasks: Tasks };
  type R = { mix: string; events: number; pulled: number; rows: number; pulledRows: number; rowsByTable: Record<string, number>; read: Rate;
    rebuildToday: Rate & { io: { transactions: number; requests: number }; longTasks: Tasks }; rebuild: Rate & { io: { transactions: number; requests: number }; longTasks: Tasks };
    pullToday: Pull; pull: Pull; raw: Rate; sealingToday: Rate; sealing: Rate; sealMs: Record<string, number>; searchKeys: number };
  const runs: R[] = [];
  const profiles: Record<string, unknown> = {};
  for (const mix of FOLD_MIXES) {
    console.log(`running: fold of ${FOLD_EVENTS} events, ${mix} mix, encrypted (loading first)…`);
    profiled.length = 0;
    const r = await page.evaluate((args) => (window as unknown as { runFoldBench: (a: unknown) => Promise<unknown> }).runFoldBench(args),
      { events: FOLD_EVENTS, mix, profile: FOLD_PROFILE, newFirst: process.env.BENCH_FOLD_NEW_FIRST === '1' }) as R;
    runs.push(r);
    if (profiled[0]) profiles[mix] = reportProfile(profiled[0], `fold-${mix}`, `the ${mix} rebuild`);
  }
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const rows: Array<Record<string, string>> = [];
  for (const r of runs) {
    const row = (what: string, today: Rate | null, now: Rate, note = '') => rows.push({
      mix: r.mix, what, 'today ev/s': today ? n(today.perSec) : '', 'new ev/s': n(now.perSec), 'new ÷ today': today ? (now.perSec / today.perSec).toFixed(2) : '',
      'new ÷ raw': (now.perSec / r.raw.perSec).toFixed(2), stalled: [today?.stalledMs, now.stalledMs].filter((x) => x).map((x) => `${Math.round(x! / 1000)} s`).join(' / '), note,
    });
    const tasks = (t: Tasks) => `longest task ${t.max} ms, ${t.over200} over 200 ms`;
    row('(a) full rebuild', r.rebuildToday, r.rebuild, `${tasks(r.rebuildToday.longTasks)} / ${tasks(r.rebuild.longTasks)}`);
    row('(b) pull, fold of each batch', r.pullToday.fold, r.pull.fold, `${tasks(r.pullToday.longTasks)} / ${tasks(r.pull.longTasks)}`);
    row('    the same with the log writes', r.pullToday.withWrites, r.pull.withWrites);
    row('(c) raw IndexedDB put of the final rows (ceiling)', null, r.raw, `${r.rows} rows, sealed`);
    row('(d) sealing the final rows alone (CPU)', r.sealingToday, r.sealing, `${(r.searchKeys / Math.max(1, r.rows)).toFixed(1)} search keys a row`);
    row('reading the log alone (feed, opened, parsed)', null, r.read);
  }
  console.table(rows);
  for (const r of runs) {
    console.log(`${r.mix}: rebuild per event ${r.rebuild.io.transactions} transactions, ${r.rebuild.io.requests} requests; ${r.events} events, rows ${JSON.stringify(r.rowsByTable)}; sealing ms by table ${JSON.stringify(Object.fromEntries(Object.entries(r.sealMs).map(([t, ms]) => [t, Math.round(ms)])))}; pulled rows ${r.pullToday.rows} / ${r.pull.rows}`);
  }
  console.log('target: (a) and (b) ≥ 5,000 events/s for both mixes; (c) is the ceiling of writing the same rows');
  writeFileSync('bench-results/fold.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, events: FOLD_EVENTS, runs, profiles }, null, 2)}\n`);
  console.log('written: bench-results/fold.json');
}

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

type Stat = { p50: number; p95: number; max: number; samples: number };

/** One row per measurement: without encryption and encrypted, side by side from the same run. */
/** A suite's runs by mode (modes()): `c` without encryption, absent when left out; `e` encrypted. */
function byMode<R>(runs: R[], list: boolean[]): { c: R | undefined; e: R } {
  return { c: list.includes(false) ? runs[list.indexOf(false)] : undefined, e: runs[list.indexOf(true)]! };
}

/** `clear` is absent when the suite ran encrypted only (BENCH_DESK_MODES, BENCH_LAB_MODES). */
function sideBySide(what: string, clear: Stat | undefined, sealed: Stat, target: string) {
  return {
    what, 'p50 (ms)': clear?.p50.toFixed(2) ?? '—', 'p95 (ms)': clear?.p95.toFixed(2) ?? '—',
    'encrypted p50': sealed.p50.toFixed(2), 'encrypted p95': sealed.p95.toFixed(2), 'encrypted max': sealed.max.toFixed(2), target,
  };
}

type Settle = { settled: boolean; ms: number } | null;

/** How long the timings waited for the browser to be quiet after the load (settleAfterLoad). */
function settled(s: Settle): string {
  if (!s) return 'browser not found, not waited for';
  return `${s.settled ? 'browser quiet after' : 'browser still busy after'} ${(s.ms / 1000).toFixed(0)} s`;
}

function mb(b: number | null): string {
  return b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MB`;
}

async function deskSuite(page: Page, chromium: string | null) {
  type R = {
    patients: number; events: number; loadMs: number; projectMs: number; medTokensToday: number;
    settle: Settle; register: Stat; registerBackToBack: Stat; registerParts: Record<string, Stat>; search: Record<string, Stat>; slowNames: Array<{ query: string; ms: number }>; duplicates: Stat; queue: Stat; jsHeapBytes: number | null; storageUsageBytes: number | null;
  };
  const runs: R[] = [];
  const profiled = DESK_PROFILE ? await profiler(page) : [];
  for (const encrypted of DESK_MODES) {
    console.log(`running: ward clerk desk with ${PATIENTS} patients and their tokens, ${encrypted ? 'encrypted' : 'without encryption'} (loading takes minutes)…`);
    profiled.length = 0;
    runs.push(await page.evaluate((args) => (window as unknown as { runDeskBench: (a: unknown) => Promise<unknown> }).runDeskBench(args),
      { patients: PATIENTS, samples: SAMPLES, encrypted, profile: DESK_PROFILE }) as R);
    const mode = encrypted ? 'encrypted' : 'clear';
    if (profiled[0]) reportProfile(profiled[0], `desk-register-${mode}`, `${SAMPLES} paced registrations, ${mode}`);
  }
  // The encrypted run is the product's; without encryption is the comparison, and can be left out.
  const { c, e } = byMode(runs, DESK_MODES);
  // Written before the table is printed: a long run's figures survive a mistake in printing them.
  writeFileSync('bench-results/desk.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, clear: c ?? null, encrypted: e }, null, 2)}\n`);
  console.table([
    sideBySide('register → stored and visible', c?.register, e.register, 'p95 ≤ 25 ms'),
    sideBySide('  the same, back to back', c?.registerBackToBack, e.registerBackToBack, '(no pause between)'),
    ...Object.keys(e.registerParts).map((part) => sideBySide(`  of which ${part}`, c?.registerParts[part], e.registerParts[part]!, '(steps timed apart)')),
    ...Object.keys(e.search).map((kind) => sideBySide(`search by ${kind}`, c?.search[kind], e.search[kind]!, 'p95 ≤ 30 ms')),
    sideBySide('possible duplicates (while typing)', c?.duplicates, e.duplicates, '—'),
    sideBySide(`open MED queue (${e.medTokensToday} tokens today)`, c?.queue, e.queue, '≤ 100 ms'),
  ]);
  for (const [label, r] of [['without encryption', c], ['encrypted', e]] as const) {
    if (!r) continue;
    console.log(`${label}: slowest name-prefix searches ${r.slowNames.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms`).join(', ')}; ` +
      `loaded ${r.patients} patients + tokens (${r.events} events) in ${(r.loadMs / 1000).toFixed(0)} s, projected in ${(r.projectMs / 1000).toFixed(0)} s, ${settled(r.settle)}; JS heap ${mb(r.jsHeapBytes)}, IndexedDB usage ${mb(r.storageUsageBytes)}`);
  }
  console.log('written: bench-results/desk.json');
}

/** /proc/<pid>/stat's fields after the command name (state first), null for a process that has gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU time (ms) these processes have used so far, every thread (0 for one that has gone). */
function cpuMs(pids: readonly number[]): number {
  let ms = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ms += (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return ms;
}

/**
 * Resolves once the processes have used under 5% of a core for a second, with whether they did
 * before `limitMs` and how long that took. Asked again each second: processes come and go.
 */
async function quiet(pids: () => number[], limitMs: number): Promise<{ settled: boolean; ms: number }> {
  const start = Date.now();
  let before = cpuMs(pids());
  while (Date.now() - start < limitMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pids());
    if (now - before < 50) return { settled: true, ms: Date.now() - start };
    before = now;
  }
  return { settled: false, ms: Date.now() - start };
}

/**
 * True once the store has used under 5% of a core for a second (LevelDB compacts in the
 * background after a run's writes and would slow the next run); false if it is still busy after
 * a minute (or cannot be watched), which the results then say.
 */
async function storeSettled(pid: number | undefined): Promise<boolean> {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return false;
  return (await quiet(() => [pid], 60_000)).settled;
}

/** The browser launched on this run's profile folder and every process under it (renderers, IndexedDB's). */
function browserPids(): number[] {
  const parents = new Map<number, number>();
  let root: number | undefined;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (!fields) continue;
    parents.set(pid, Number(fields[1]));
    if (root !== undefined) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--user-data-dir=${profile.dir}`) && !args.some((a) => a.startsWith('--type='))) root = pid;
    } catch {
      // gone meanwhile
    }
  }
  if (root === undefined) return [];
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) if (!tree.has(pid) && tree.has(parent)) { tree.add(pid); grew = true; }
  }
  return [...tree];
}

/**
 * The store's process and this one (the gateway) at `priority` (a nice value), for the push suite:
 * in a hospital the tablet is another machine, here the three share two cores, so the central side
 * goes ahead of the browser, as a server of its own would have it, for every row of the suite
 * alike (Chromium renices its own processes, so the browser cannot be the one moved). Raising a
 * priority takes root. What was set, 0 when not (BENCH_SERVER_PRIORITY=0: compete as equals).
 */
function centralFirst(storePid: number, priority: number): number {
  if (priority === 0) return 0;
  try {
    // Linux keeps a nice value per thread: every thread of both (LevelDB's and libuv's workers too).
    for (const pid of [storePid, process.pid]) for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), priority);
    return priority;
  } catch (err) {
    console.log(`NOTE: the store and the gateway stay at the usual priority (${(err as Error).message}): they compete with the browser as equals.`);
    return 0;
  }
}

async function pushSuite(page: Page, chromium: string | null, central: EmbeddedStore) {
  await page.exposeFunction('storeSettled', () => storeSettled(central.pid));
  const serverPriority = central.pid ? centralFirst(central.pid, Number(process.env.BENCH_SERVER_PRIORITY ?? -10)) : 0;
  const dbs = ['bench_push', 'bench_direct', 'bench_direct2', 'bench_raw', 'bench_raw2', 'bench_raw_kept', 'bench_repl'];
  for (const db of dbs) await setupCentral({ url: central.url, db, auth: central.auth });
  await fetch(new URL('bench_raw_bare', central.url), { method: 'PUT', headers: { authorization: basicAuthHeader(central.auth) } });
  for (const db of ['bench_push', 'bench_direct', 'bench_direct2']) await declareAllClear({ url: central.url, db, auth: central.auth }, 'Benchmark');
  const creds = await addDevice({ url: central.url, auth: central.auth }, 'BP');
  console.log(`running: resync of ${PUSH_EVENTS} events to the embedded store (loading, then the pushes)…`);
  type Rate = { perSec: number; ms: number; runs?: number[] };
  type R = { events: number; unsettled: number; read: Rate; readAllDocs: Rate; raw: Rate; rawBare: Rate; rawKept: Rate; push: Rate & { confirmed: number; checkMs: number }; direct: Rate & { confirmed: number };
    rerun: { ms: number; sent: number }; replication: Rate & { written: number } };
  const r = await page.evaluate((args) => (window as unknown as { runPushBench: (a: unknown) => Promise<unknown> }).runPushBench(args),
    { events: PUSH_EVENTS, batch: PUSH_BATCH, creds }) as R;
  const row = (what: string, rate: Rate & { runs?: number[] }) => ({ what, 'events/s': Math.round(rate.perSec), seconds: (rate.ms / 1000).toFixed(1), 'each run': rate.runs?.map(Math.round).join(' / ') ?? '' });
  console.table([
    row('(a) raw _bulk_docs, bodies prepared, with the design document (ceiling; two runs)', r.raw),
    row('    the same without the design document', r.rawBare),
    row('    the same with their own revisions (new_edits: false, as a push writes)', r.rawKept),
    row('resync push through the gateway until all confirmed (between the two)', r.push),
    row('    the same straight to the store, no gateway (two runs)', r.direct),
    row('(b) PouchDB replication, default options', r.replication),
    row("reading the device's log alone, batch by batch (the device's ceiling)", r.read),
    row('    the same through PouchDB allDocs only', r.readAllDocs),
  ]);
  if (r.unsettled > 0) console.log(`NOTE: the store was still busy before ${r.unsettled} of the runs: their rates are low.`);
  console.log(serverPriority ? `the store and the gateway ran at nice ${serverPriority}, ahead of the browser (the tablet)` : 'the store, the gateway and the browser competed as equals');
  console.log(`gateway resync ÷ raw = ${(r.push.perSec / r.raw.perSec).toFixed(2)} (target ≥ 0.7); gateway resync ÷ replication = ${(r.push.perSec / r.replication.perSec).toFixed(2)} (target ≥ 3); ` +
    `gateway ÷ raw with the revisions kept = ${(r.push.perSec / r.rawKept.perSec).toFixed(2)}; gateway ÷ straight to the store = ${(r.push.perSec / r.direct.perSec).toFixed(2)}; design document costs raw writes ${(1 - r.raw.perSec / r.rawBare.perSec).toFixed(2)} of their rate; ` +
    `re-run with nothing new (push and conflict check): ${(r.rerun.ms / 1000).toFixed(2)} s, ${r.rerun.sent} sent (target < 2 s); ` +
    `conflict check after the first push (not in its rate): ${(r.push.checkMs / 1000).toFixed(2)} s`);
  writeFileSync('bench-results/push.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, serverPriority, ...r }, null, 2)}\n`);
  console.log('written: bench-results/push.json');
}

/** The HIS patient index import (issue 13): a generated CSV, without encryption and sealed, in the same run. */
async function hisSuite(page: Page, chromium: string | null) {
  type R = { rows: number; fileBytes: number; good: number; bad: number; stored: number; stageMs: number; confirmMs: number; rowsPerSec: number;
    heapBaselineBytes: number | null; heapPeakBytes: number | null; heapRetainedBytes: number | null; storageUsageBytes: number | null };
  const runs: R[] = [];
  for (const encrypted of [false, true]) {
    console.log(`running: HIS index import of ${HIS_ROWS} CSV rows, ${encrypted ? 'encrypted' : 'without encryption'}…`);
    runs.push(await page.evaluate((args) => (window as unknown as { runHisBench: (a: unknown) => Promise<unknown> }).runHisBench(args),
      { rows: HIS_ROWS, encrypted }) as R);
  }
  writeFileSync('bench-results/hisimport.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, runs }, null, 2)}\n`);
  console.table(runs.map((r, i) => ({
    what: i === 0 ? 'without encryption' : 'encrypted', rows: r.rows, file: mb(r.fileBytes), good: r.good, bad: r.bad,
    'read + staged (s)': (r.stageMs / 1000).toFixed(1), 'rows/s': Math.round(r.rowsPerSec), 'confirm (s)': (r.confirmMs / 1000).toFixed(1),
    'heap before': mb(r.heapBaselineBytes), 'heap peak': mb(r.heapPeakBytes), 'heap after GC': mb(r.heapRetainedBytes), storage: mb(r.storageUsageBytes),
  })));
  console.log('target: 1,000,000 rows import on a tablet-class browser without running out of memory (peak JS heap, garbage included, and what stays after a GC)');
  console.log('written: bench-results/hisimport.json');
}

/** Making a backup bundle in the browser, from a sealed device log into a File System Access writable (issue 16). */
async function bundleMakeSuite(page: Page, chromium: string | null) {
  console.log(`running: a backup bundle of a tablet log of ${BUNDLE_EVENTS} events, encrypted at rest (loading the log first takes a while)…`);
  type R = { events: number; loadMs: number; makeMs: number; eventsPerSec: number; bytes: number; heapBaselineBytes: number | null; heapPeakBytes: number | null; liveOverBaselineBytes: number | null };
  const r = await page.evaluate((args) => (window as unknown as { runBundleMakeBench: (a: unknown) => Promise<unknown> }).runBundleMakeBench(args),
    { events: BUNDLE_EVENTS, encrypted: true }) as R;
  writeFileSync('bench-results/bundlemake.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, ...r }, null, 2)}\n`);
  const at100k = (r.makeMs / r.events) * 100_000;
  console.table([{
    events: r.events, 'make (s)': (r.makeMs / 1000).toFixed(1), 'events/s': Math.round(r.eventsPerSec), file: mb(r.bytes),
    'heap before': mb(r.heapBaselineBytes), 'heap peak': mb(r.heapPeakBytes),
    'peak over before': r.heapPeakBytes === null || r.heapBaselineBytes === null ? 'n/a' : mb(r.heapPeakBytes - r.heapBaselineBytes),
    'held after GC (max)': r.liveOverBaselineBytes === null ? 'n/a' : `${(r.liveOverBaselineBytes / 1024 / 1024).toFixed(1)} MB`,
  }]);
  console.log("'heap peak' includes garbage not yet collected; 'held after GC' is what making the bundle keeps (a second run, collecting every 10 frames): bounded means flat whatever the events.");
  console.log(`target: 100,000 events in ≤ 30 s with a bounded heap${r.events === 100_000 ? '' : `; at this rate 100,000 would take ${(at100k / 1000).toFixed(1)} s (extrapolated from ${r.events}, not measured)`}; log loaded in ${(r.loadMs / 1000).toFixed(0)} s (not timed)`);
  console.log('written: bench-results/bundlemake.json');
}

async function labSuite(page: Page, chromium: string | null) {
  type R = {
    specimens: number; requests: number; events: number; loadMs: number; projectMs: number; byStatus: Record<string, number>;
    openWorklist: Record<string, Stat>; lookup: Stat; openScanned: Stat; renderLabel: Stat; request: Stat; releasedLoaded: number;
    results: { openGrid: Stat; openGridWithEarlier: number; releaseStep: Stat; releaseStepIo: Record<string, number>; release: Stat; releaseParts: Record<'enter' | 'callOut' | 'verifyVisible', Stat>; renderReport: Stat };
    settle: Settle; jsHeapBytes: number | null; storageUsageBytes: number | null;
  };
  const runs: R[] = [];
  for (const encrypted of LAB_MODES) {
    console.log(`running: lab with ${SPECIMENS} specimens over two weeks, ${encrypted ? 'encrypted' : 'without encryption'} (loading takes minutes)…`);
    runs.push(await page.evaluate((args) => (window as unknown as { runLabBench: (a: unknown) => Promise<unknown> }).runLabBench(args),
      { specimens: SPECIMENS, samples: SAMPLES, encrypted }) as R);
  }
  // The encrypted run is the product's; without encryption is the comparison, and can be left out.
  const { c, e } = byMode(runs, LAB_MODES);
  // Written before the table is printed: a long run's figures survive a mistake in printing them.
  writeFileSync('bench-results/lab.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, clear: c ?? null, encrypted: e }, null, 2)}\n`);
  console.table([
    ...Object.keys(e.openWorklist).map((filter) => sideBySide(`open worklist (${filter})`, c?.openWorklist[filter], e.openWorklist[filter]!, '≤ 150 ms')),
    sideBySide('lookup by specimen ID', c?.lookup, e.lookup, 'p95 ≤ 20 ms'),
    sideBySide('open a scanned specimen (with request and patient)', c?.openScanned, e.openScanned, '—'),
    sideBySide('render one label ready to print', c?.renderLabel, e.renderLabel, '≤ 50 ms'),
    sideBySide('new requisition → stored and visible', c?.request, e.request, '—'),
    sideBySide('open the result grid of a CBC (+ESR, HbA1c)', c?.results.openGrid, e.results.openGrid, 'p95 ≤ 50 ms'),
    sideBySide('release a 20-analyte report: verification saved → row reads released', c?.results.releaseStep, e.results.releaseStep, 'p95 ≤ 50 ms'),
    sideBySide('whole sequence: entry, call-out (1 in 5), release', c?.results.release, e.results.release, '—'),
    sideBySide('  of which entry', c?.results.releaseParts.enter, e.results.releaseParts.enter, '(steps timed apart)'),
    sideBySide('  of which call-out (1 report in 5)', c?.results.releaseParts.callOut, e.results.releaseParts.callOut, '(steps timed apart)'),
    sideBySide('render the A4 report (data, render, layout)', c?.results.renderReport, e.results.renderReport, '≤ 100 ms'),
  ]);
  for (const [label, r] of ([['without encryption', c], ['encrypted', e]] as Array<[string, R | undefined]>).filter((x): x is [string, R] => x[1] !== undefined)) {
    console.log(`${label}: loaded ${r.specimens} specimens in ${r.requests} requisitions (${r.events} events) in ${(r.loadMs / 1000).toFixed(0)} s, projected in ${(r.projectMs / 1000).toFixed(0)} s, ${settled(r.settle)}; ` +
      `by status ${JSON.stringify(r.byStatus)}; ${r.releasedLoaded} reports loaded as released results; ` +
      `${r.results.openGridWithEarlier} of ${r.results.openGrid.samples} grids opened with earlier results beside them; JS heap ${mb(r.jsHeapBytes)}, IndexedDB usage ${mb(r.storageUsageBytes)}`);
    console.log(`${label}: one release step asks on average ${JSON.stringify(r.results.releaseStepIo)} (IndexedDB transactions and requests)`);
  }
  console.log('written: bench-results/lab.json');
}

async function wardSuite(page: Page, chromium: string | null) {
  type R = { occupied: number; past: number; wards: number; events: number; loadMs: number; projectMs: number; settle: Settle; admit: Stat; admitParts: Record<string, Stat>; board: Stat; census: Stat; list: Stat; listByBoards: Stat; storageUsageBytes: number | null };
  const runs: R[] = [];
  for (const encrypted of [false, true]) {
    console.log(`running: wards with ${OCCUPIED} occupied beds and ${PAST_ADMISSIONS} past admissions, ${encrypted ? 'encrypted' : 'without encryption'}…`);
    runs.push(await page.evaluate((args) => (window as unknown as { runWardBench: (a: unknown) => Promise<unknown> }).runWardBench(args),
      { occupied: OCCUPIED, past: PAST_ADMISSIONS, samples: SAMPLES, encrypted }) as R);
  }
  const [c, e] = runs as [R, R];
  console.table([
    sideBySide('admit → stored and visible', c.admit, e.admit, 'p95 ≤ 25 ms'),
    ...Object.keys(e.admitParts).map((part) => sideBySide(`  of which ${part}`, c.admitParts[part]!, e.admitParts[part]!, '(steps timed apart)')),
    sideBySide('bed board of a 60-bed ward', c.board, e.board, '≤ 50 ms'),
    sideBySide('census rows of a 60-bed ward', c.census, e.census, '—'),
    sideBySide('ward list, every ward (summaries)', c.list, e.list, '—'),
    sideBySide('ward list, every ward (a board each, before)', c.listByBoards, e.listByBoards, '—'),
  ]);
  for (const [label, r] of [['without encryption', c], ['encrypted', e]] as const) {
    console.log(`${label}: ${r.wards} wards, loaded ${r.events} events in ${(r.loadMs / 1000).toFixed(0)} s, projected in ${(r.projectMs / 1000).toFixed(0)} s, ${settled(r.settle)}; IndexedDB usage ${mb(r.storageUsageBytes)}`);
  }
  writeFileSync('bench-results/wards.json', `${JSON.stringify({ when: new Date().toISOString(), chromium, clear: c, encrypted: e }, null, 2)}\n`);
  console.log('written: bench-results/wards.json');
}
