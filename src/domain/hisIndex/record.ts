import type { Birth, Sex } from '../patients/fields';

/**
 * One patient of the hospital information system's index, as read from its CSV or FHIR export:
 * what the reconciliation compares a downtime patient with. Only the UHID and a name are
 * required; the HIS often lacks the rest.
 */
export interface HisRecord {
  uhid: string;
  name: string;
  sex: Sex;
  birth?: Birth;
  /** The day an age (birth.kind 'age') was true: the day of the import. */
  ageDay?: string;
  /** A FHIR birthDate of a year or a month only, read as its first day. */
  birthApprox?: true;
  mobile?: string;
  address?: string;
}

/** Why a row of the file was left out: one reason per row, the first found. */
export const BAD_REASONS = [
  'uhidMissing', 'uhidFormat', 'uhidDuplicate', 'nameMissing', 'sex', 'date', 'dobFuture', 'age', 'ageRange', 'mobile',
  'columns', 'json', 'notPatient',
] as const;
export type BadReason = (typeof BAD_REASONS)[number];

export interface BadRow {
  /** The file's line the row starts on (the header is line 1). */
  line: number;
  reason: BadReason;
  /** The value that was refused, to show beside the reason. */
  value?: string;
  /** uhidDuplicate: the line that used the UHID first. */
  firstLine?: number;
  /** columns: how many fields the row has, and the header. */
  fields?: number;
  expected?: number;
}

export type RowOutcome = { ok: true; line: number; record: HisRecord } | { ok: false; bad: BadRow };

/** The file cannot be read on from here: the import stops and nothing of it is kept. */
export class HisFileError extends Error {
  constructor(readonly code: 'notUtf8' | 'rowTooLong' | 'noHeader' | 'empty', readonly line: number) {
    super(`HIS index file: ${code} at line ${line}`);
    this.name = 'HisFileError';
  }
}
