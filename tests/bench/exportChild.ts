/**
 * One export in a Node process of its own, started with a capped heap by exportBench.ts: when
 * the export needs more than the cap, V8 stops it, so "finished" proves the bound whatever the
 * garbage collector's mood. Prints one JSON line.
 */
import { exportCentral, type ExportFormat } from '../../src/central/export/exportCentral';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
let peak = process.memoryUsage().heapUsed;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 20);
const t0 = performance.now();
const report = await exportCentral(
  { url: env('EXPORT_URL'), db: env('EXPORT_DB'), auth: { username: env('EXPORT_USER'), password: env('EXPORT_PASSWORD') } },
  { format: env('EXPORT_FORMAT') as ExportFormat, outDir: env('EXPORT_OUT'), since: null, systems: DEFAULT_SYSTEMS },
);
const ms = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().heapUsed);
console.log(JSON.stringify({ ms, resources: report.resources, events: report.eventsRead, peakHeap: peak, problems: report.problems.length, state: report.state }));
