import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthHeader } from '../../src/central/credentials';
import { startEmbeddedStore } from '../../src/central/embeddedStore';
import type { ExportFormat } from '../../src/central/export/exportCentral';
import { syntheticEvents } from '../helpers/synthetic/events';
import { freePort } from '../helpers/freePort';

/**
 * The HIS export against the embedded central store holding `events` events of two desks and a
 * lab: resources/s and peak JS heap, beside a plain paged `_all_docs` read of the same store
 * (the ceiling: the export reads exactly that and maps it). Targets are reported, not asserted.
 */
export async function exportSuite(events: number, formats: ExportFormat[], heapCapMb = 300) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-bench-export-'));
  const store = await startEmbeddedStore({ port: await freePort(), dataDir, adminPassword: null, log: (line) => { if (process.env.BENCH_VERBOSE) console.log(line); } });
  void store.crashed.then((how) => console.log(`the central store stopped: ${how}`));
  const db = 'bench_export';
  const auth = basicAuthHeader(store.auth);
  const call = async (path: string, init: RequestInit = {}, attempt = 1): Promise<Record<string, unknown>> => {
    // The store closes a connection left idle while the next batch is generated: send again.
    const res = await fetch(new URL(path, store.url), { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...(init.headers ?? {}) } })
      .catch((err: unknown) => { if (attempt >= 3) throw err; return null; });
    if (res === null) return call(path, init, attempt + 1);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  try {
    await call(db, { method: 'PUT' });
    console.log(`loading: ${events} events into the embedded store…`);
    const t0 = performance.now();
    const gen = syntheticEvents({ seed: 2026, patients: Number.MAX_SAFE_INTEGER, desks: ['K7', 'K8'], lab: 'L1' });
    let loaded = 0;
    while (loaded < events) {
      const docs = [];
      const want = Math.min(5000, events - loaded);
      while (docs.length < want) {
        const r = gen.next();
        if (r.done) break;
        docs.push(r.value);
      }
      await call(`${db}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs }) });
      loaded += docs.length;
    }
    console.log(`loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // The ceiling: every event document, paged as the export pages, parsed and dropped.
    const r0 = performance.now();
    let read = 0;
    let startkey = JSON.stringify('ev:');
    let skip = 0;
    for (;;) {
      const page = await call(`${db}/_all_docs?include_docs=true&limit=2000&skip=${skip}&startkey=${encodeURIComponent(startkey)}&endkey=${encodeURIComponent(JSON.stringify('ev:\ufff0'))}`);
      const rows = page.rows as Array<{ id: string }>;
      if (rows.length === 0) break;
      read += rows.length;
      startkey = JSON.stringify(rows[rows.length - 1]!.id);
      skip = 1;
    }
    const readMs = performance.now() - r0;

    const results = [];
    for (const format of formats) {
      const out = join(dataDir, `out-${format}`);
      console.log(`running: export --format ${format} in a process whose heap is capped at ${heapCapMb} MB…`);
      const child = spawnSync(process.execPath, [`--max-old-space-size=${heapCapMb}`, '--import', 'tsx', 'tests/bench/exportChild.ts'], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', EXPORT_URL: store.url, EXPORT_DB: db, EXPORT_USER: store.auth.username, EXPORT_PASSWORD: store.auth.password, EXPORT_FORMAT: format, EXPORT_OUT: out },
        maxBuffer: 16 * 1024 * 1024,
      });
      rmSync(out, { recursive: true, force: true });
      if (child.status !== 0) {
        console.log(`export --format ${format} did not finish within a ${heapCapMb} MB heap (exit ${child.status ?? child.signal}): ${child.stderr.slice(-600)}`);
        results.push({ format, ms: NaN, resources: 0, perSec: 0, eventsPerSec: 0, peakHeap: NaN, problems: -1, state: null, finished: false });
        continue;
      }
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; resources: number; events: number; peakHeap: number; problems: number; state: unknown };
      results.push({ format, ms: r.ms, resources: r.resources, perSec: r.resources / (r.ms / 1000), eventsPerSec: r.events / (r.ms / 1000), peakHeap: r.peakHeap, problems: r.problems, state: r.state, finished: true });
    }
    const readPerSec = read / (readMs / 1000);
    console.table([
      { what: 'plain paged _all_docs read (ceiling)', 'events/s': Math.round(readPerSec), 'resources/s': '—', seconds: (readMs / 1000).toFixed(1), 'peak heap': '—', ratio: '1.00' },
      ...results.map((r) => ({
        what: `export --format ${r.format}`, 'events/s': Math.round(r.eventsPerSec), 'resources/s': Math.round(r.perSec), seconds: (r.ms / 1000).toFixed(1),
        'peak heap': r.finished ? `${(r.peakHeap / 1024 / 1024).toFixed(0)} MB (cap ${heapCapMb})` : `over ${heapCapMb} MB`, ratio: (r.eventsPerSec / readPerSec).toFixed(2),
      })),
    ]);
    console.log(`${read} events; targets at 1,000,000 events: ≥ 5,000 resources/s, peak heap < 300 MB (each export runs in a process capped at that heap). ratio = export events/s ÷ plain read events/s. ` +
      `Held at the end: ${JSON.stringify(results[0]?.state)}; problems: ${results.map((r) => r.problems).join('/')}`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/export.json', `${JSON.stringify({ when: new Date().toISOString(), events: read, readMs, readPerSec, results }, null, 2)}\n`);
    console.log('written: bench-results/export.json');
  } catch (err) {
    const { readFileSync, existsSync } = await import('node:fs');
    const log = join(dataDir, 'log.txt');
    if (existsSync(log)) console.log(readFileSync(log, 'utf8').slice(-3000));
    throw err;
  } finally {
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
