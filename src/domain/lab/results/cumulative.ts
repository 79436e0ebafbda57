import type { ResultEntry } from './sheet';
import type { ResultValue } from './values';

export interface ReleasedResults {
  specimen: string;
  /** When the sample was taken: what a cumulative report is ordered by. */
  at: string;
  values: readonly ResultEntry[];
}

export interface CumulativeTable {
  columns: Array<{ specimen: string; at: string }>;
  rows: Array<{ analyte: string; values: Array<ResultValue | undefined> }>;
}

/**
 * A patient's earlier released results of the same analytes side by side, newest first. Analytes
 * match by code whichever test carried them (Hb of a CBC and of an Hb alone); columns without
 * any of the analytes are left out, and at most `limit` are kept.
 */
export function cumulativeTable(earlier: readonly ReleasedResults[], analytes: readonly string[], limit = 6): CumulativeTable {
  const wanted = new Set(analytes);
  const columns = [...earlier]
    .filter((c) => c.values.some((v) => wanted.has(v.analyte)))
    .sort((a, b) => b.at.localeCompare(a.at) || b.specimen.localeCompare(a.specimen))
    .slice(0, limit);
  const rows = analytes
    .map((analyte) => ({ analyte, values: columns.map((c) => c.values.find((v) => v.analyte === analyte)?.value) }))
    .filter((r) => r.values.some((v) => v !== undefined));
  return { columns: columns.map(({ specimen, at }) => ({ specimen, at })), rows };
}
