import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvChunk, csvLayoutOf, CSV_FILES } from '../../domain/export/csv';
import { Batch, transactionBundle } from '../../domain/export/bundle';
import { formatExportId, parseExportId, type Heads } from '../../domain/export/exportId';
import { ExportMapper, type Change, type ExportProblem } from '../../domain/export/mapper';
import type { ExportSystems } from '../../domain/export/systems';
import { StartupError } from '../errors';
import type { SetupTarget } from '../setup';
import { mergedEvents, readHeads } from './readEvents';

export const FORMATS = ['fhir', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  outDir: string;
  since: string | null;
  systems: ExportSystems;
  /** Events per batch: one transaction Bundle, one flush of every file. */
  batchEvents?: number;
  pageSize?: number;
  now?: () => Date;
}

export interface ExportReport {
  exportId: string;
  since: string | null;
  format: ExportFormat;
  startedAt: string;
  finishedAt: string;
  heads: Heads;
  eventsRead: number;
  /** Records per resource type: `new` ones (conditional creates) and `updated` ones. */
  counts: Record<string, { new: number; updated: number }>;
  resources: number;
  /** Events that could not be handed over, each with why. */
  problems: ExportProblem[];
  /** What the mapper held at the end (records per kind), the memory the export needed. */
  state: ReturnType<ExportMapper['stateSize']>;
  files: string[];
}

/** Writes one format's files as batches arrive; nothing of an earlier batch stays in memory. */
function writerFor(format: ExportFormat, dir: string, systems: ExportSystems, stamp: string) {
  const files = new Set<string>();
  let bundleNo = 0;
  const append = (file: string, text: string) => {
    appendFileSync(join(dir, file), text);
    files.add(file);
  };
  return {
    files,
    write(changes: Change[]) {
      if (changes.length === 0) return;
      if (format === 'fhir') {
        bundleNo += 1;
        const name = `bundle-${String(bundleNo).padStart(6, '0')}.json`;
        writeFileSync(join(dir, name), JSON.stringify(transactionBundle(changes, `downtime-export-${bundleNo}`, stamp)));
        files.add(name);
        return;
      }
      // NDJSON is one file per resource type; CSV one per record layout (admissions apart from OPD visits).
      const byFile = new Map<string, Change[]>();
      for (const c of changes) {
        const key = format === 'ndjson' ? c.resourceType : csvLayoutOf(c);
        const list = byFile.get(key);
        if (list) list.push(c); else byFile.set(key, [c]);
      }
      for (const [key, list] of byFile) {
        if (format === 'ndjson') append(`${key}.ndjson`, list.map((c) => `${JSON.stringify(c.resource)}\n`).join(''));
        else {
          const file = CSV_FILES[key]!.file;
          append(file, csvChunk(key, list, systems, !files.has(file)));
        }
      }
    },
  };
}

/**
 * Export the central store for the HIS: every device's events, merged by time, mapped batch by
 * batch and written as they come. With `since` (an earlier export's id), the events up to those
 * heads only build the mapper's state; what is written is what changed after them.
 */
export async function exportCentral(target: SetupTarget, options: ExportOptions): Promise<ExportReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const since = options.since === null ? null : parseExportId(options.since);
  const heads = await readHeads(target);
  if (since) {
    const behind = Object.keys(since).filter((d) => (heads[d] ?? 0) < since[d]!);
    if (behind.length) throw new StartupError(`Export ${options.since} covered more events of ${behind.join(', ')} than this store holds: is it another store's export?`);
  }
  const exportId = formatExportId(heads);
  if (existsSync(options.outDir) && readdirSync(options.outDir).length > 0) {
    throw new StartupError(`${options.outDir} is not empty: export into a new folder, so that no earlier export's files are mixed in.`);
  }
  // Written aside and moved into place at the end: an export that fails half-way leaves no
  // folder that looks like a complete one.
  const work = `${options.outDir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const report = await writeExport(target, options, { since, heads, exportId, startedAt, now, dir: work });
    rmSync(options.outDir, { recursive: true, force: true });
    renameSync(work, options.outDir);
    return report;
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

async function writeExport(target: SetupTarget, options: ExportOptions, run: { since: Heads | null; heads: Heads; exportId: string; startedAt: string; now: () => Date; dir: string }): Promise<ExportReport> {
  const { since, heads, exportId, startedAt, now } = run;
  const mapper = new ExportMapper(options.systems, since);
  const writer = writerFor(options.format, run.dir, options.systems, startedAt);
  const counts: ExportReport['counts'] = {};
  let resources = 0;
  const batch = new Batch();
  const flush = () => {
    const changes = batch.drain();
    for (const c of changes) {
      const n = (counts[c.resourceType] ??= { new: 0, updated: 0 });
      if (c.create) n.new += 1; else n.updated += 1;
    }
    resources += changes.length;
    writer.write(changes);
  };
  const batchEvents = options.batchEvents ?? 2000;
  let inBatch = 0;
  const bad: ExportProblem[] = [];
  for await (const event of mergedEvents(target, heads, options.pageSize ?? 2000, (b) => bad.push({ event: b.id, type: 'unreadable', reason: b.reason }))) {
    batch.add(mapper.take(event));
    if (++inBatch >= batchEvents) { flush(); inBatch = 0; }
  }
  batch.add(mapper.finish());
  flush();
  const report: ExportReport = {
    exportId, since: options.since, format: options.format, startedAt, finishedAt: now().toISOString(), heads,
    eventsRead: mapper.eventsRead, counts, resources, problems: [...bad, ...mapper.problems], state: mapper.stateSize(),
    files: [...writer.files].sort(),
  };
  writeFileSync(join(run.dir, 'export-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
