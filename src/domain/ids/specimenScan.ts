import type { IdCheck } from './checkedId';
import { looksLikeCompactSpecimenId, parseCompactSpecimenId } from './compactSpecimenId';
import { looksLikeSpecimenId, parseSpecimenId } from './specimenId';

/**
 * What a scanner (or a person) gave the lab: a specimen ID, or the compact form a narrow label's
 * barcode carries (compactSpecimenId.ts). Either way the answer is the full ID.
 */
export function parseSpecimenScan(input: string): IdCheck {
  return looksLikeCompactSpecimenId(input) ? parseCompactSpecimenId(input) : parseSpecimenId(input);
}

/** Is this meant as a specimen, so that Enter after it is a scan rather than a click? */
export const looksLikeSpecimenScan = (input: string) => looksLikeSpecimenId(input) || looksLikeCompactSpecimenId(input);
