import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemsFrom } from '../../domain/export/systems';
import { StartupError } from '../errors';
import type { SetupTarget } from '../setup';
import { exportCentral, FORMATS, type ExportFormat } from './exportCentral';

function option(args: string[], name: string): string | null {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new StartupError(`${name} needs a value.`);
  return v;
}

/** `npm run central -- export …`: prints the export id, the counts and every problem; exits 1 when there were problems. */
export async function exportCommand(target: SetupTarget, args: string[]): Promise<number> {
  const known = new Set(['--format', '--since', '--out', '--systems']);
  for (let i = 0; i < args.length; i += 2) {
    if (!known.has(args[i]!)) throw new StartupError(`Unknown option ${args[i]}: use --format, --since, --out or --systems.`);
  }
  const format = option(args, '--format');
  if (!FORMATS.includes(format as ExportFormat)) throw new StartupError(`--format must be one of ${FORMATS.join(', ')}.`);
  const systemsFile = option(args, '--systems');
  let systems;
  try {
    systems = systemsFrom(systemsFile ? JSON.parse(readFileSync(systemsFile, 'utf8')) : undefined);
  } catch (err) {
    throw new StartupError(`${systemsFile}: ${(err as Error).message}`);
  }
  const since = option(args, '--since');
  const outDir = resolve(option(args, '--out') ?? `exports/${new Date().toISOString().replace(/[:.]/g, '-')}-${format}`);
  let report;
  try {
    report = await exportCentral(target, { format: format as ExportFormat, outDir, since, systems });
  } catch (err) {
    if (err instanceof StartupError) throw err;
    if (err instanceof Error && /export id/.test(err.message)) throw new StartupError(err.message);
    throw err;
  }
  console.log(`Export ${report.exportId}${since ? ` (changes since ${since})` : ''}: ${report.eventsRead} events read, ${report.resources} resources written to ${outDir}`);
  for (const [type, n] of Object.entries(report.counts)) console.log(`  ${type.padEnd(18)} ${String(n.new).padStart(8)} new ${String(n.updated).padStart(8)} updated`);
  if (report.problems.length) {
    console.log(`${report.problems.length} event(s) could not be handed over (listed in export-report.json):`);
    for (const p of report.problems.slice(0, 20)) console.log(`  ${p.event} ${p.type}: ${p.reason}`);
  }
  console.log(`Next time, export only what changed with: npm run central -- export --format ${format} --since ${report.exportId}`);
  return report.problems.length ? 1 : 0;
}
