import type { Analyte, AnalyteCatalogue } from './analytes';
import { DEFAULT_ANALYTES } from './defaultAnalytes';
import { canonicalJson } from '../../canonicalJson';
import type { Issue } from '../../errors';

/** A published analyte version as the device keeps it (one per `analytes.updated` event). */
export interface AnalyteVersionRow {
  version: string;
  basedOn: string;
  device: string;
  test: string;
  analytes: Analyte[];
  publishedAt: string;
  publishedBy: string;
}

/** The newest version: new results are entered against it. Ties (same instant) by version, as for the test catalogue. */
export function newestVersion(rows: readonly AnalyteVersionRow[]): AnalyteVersionRow | undefined {
  return [...rows].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.version.localeCompare(a.version))[0];
}

/**
 * A version in full: its own test's analytes, the rest from the version it was based on, down
 * to BASE-1. Undefined while a version in the chain has not reached this device (or a chain
 * loops, which only a forged event could make): never another version's ranges in its place.
 */
export function resolveAnalytes(version: string, rows: ReadonlyMap<string, AnalyteVersionRow>): AnalyteCatalogue | undefined {
  const tests: Record<string, readonly Analyte[]> = {};
  const seen = new Set<string>();
  for (let v = version; v !== DEFAULT_ANALYTES.version;) {
    const row = rows.get(v);
    if (!row || seen.has(v)) return undefined;
    seen.add(v);
    tests[row.test] ??= row.analytes;
    v = row.basedOn;
  }
  return { version, tests: { ...DEFAULT_ANALYTES.tests, ...tests } };
}

/**
 * An edit may change how values are read (unit, decimals, ranges, limits, answers), not what is
 * measured: codes, kinds and calculations stay, because the grid's cross-checks and calculated
 * values (calculations.ts) and every stored result name analytes by code.
 */
export function editIssues(test: string, current: readonly Analyte[] | undefined, next: readonly Analyte[]): Issue[] {
  if (!current) return [{ path: 'test', code: 'unknownTest', params: { codes: test } }];
  const shape = (a: Analyte) => `${a.code}:${a.kind}:${a.kind === 'number' ? a.calc ?? '' : ''}`;
  if (current.map(shape).join('|') !== next.map(shape).join('|')) return [{ path: 'analytes', code: 'analyteStructure' }];
  if (canonicalJson(current) === canonicalJson(next)) return [{ path: '', code: 'noChanges' }];
  return [];
}
