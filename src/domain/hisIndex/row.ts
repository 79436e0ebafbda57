import type { HisRecord } from './record';

/**
 * An index record as the device stores it: under the import that brought it, so an import is
 * written beside the index in use and replaces it only when confirmed.
 */
export interface HisIndexRow extends HisRecord {
  /** import id and line: unique, and in file order. */
  id: string;
  import: string;
  line: number;
}

export const hisRowId = (importId: string, line: number): string => `${importId}:${String(line).padStart(10, '0')}`;

/** The import in use, as kept in the device's settings (key HIS_INDEX_SETTING). */
export interface HisIndexSummary {
  import: string;
  fileName: string;
  kind: 'csv' | 'ndjson';
  rows: number;
  badRows: number;
  importedAt: string;
  importedBy: string;
}

export const HIS_INDEX_SETTING = 'hisIndex';
