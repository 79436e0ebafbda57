import type { SearchResult } from '../../device/frontDesk';
import type { PatientRow } from '../../domain/projections/rows';

/**
 * The patient Enter opens: the only one the box found, whatever was typed (ID, mobile or name).
 * A cut-off list may hide others, so it opens nothing.
 */
export const singleMatch = (r: SearchResult): PatientRow | null =>
  (r.kind === 'patients' && r.patients.length === 1 && !r.truncated ? r.patients[0]! : null);
