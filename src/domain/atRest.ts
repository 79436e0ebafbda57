import { MOBILE_TAIL_MIN } from './patients/mobileTail';
import { aliasForms } from './patients/alias';
import { nameSounds, namePairKeys } from './patients/nameKeys';
import type { PatientRow } from './projections/rows';
import type { HisIndexRow } from './hisIndex/row';

/**
 * What each device table keeps readable at rest; everything else in a row is sealed under the
 * device's data key, and the indexes that search by a person's values hold keyed hashes of them.
 * Readable is only what indexes, the login screen and the waiting-room board need and what says
 * nothing about a person on its own: ids, device codes, counters, users' names, statuses, times,
 * department and test codes. docs/security.md lists the same.
 */
export interface AtRestSpec {
  readonly readable: ReadonlySet<string>;
  /** Read while locked, rows give their readable part (the waiting-room board reads tokens without a key). */
  readonly readableWhenLocked?: boolean;
  /** Rows that are sealed at all (default: every row). */
  readonly sealed?: (row: Record<string, unknown>) => boolean;
  /** The plaintext keys of each hashed index, by index name (the hash's kind). */
  readonly searchKeys?: (row: Record<string, unknown>) => Record<string, string | string[] | undefined>;
}

const readable = (...fields: string[]): ReadonlySet<string> => new Set(fields);

/**
 * The longest word prefix with an index key of its own; a longer typed word is looked up by its
 * first STEM_KEY_LENGTH letters and checked on the opened rows. Hashed keys cannot be read as a
 * range, so each prefix needs its own: six letters part "kumari" from the tens of thousands of
 * "kumar", where three ("kum") would not.
 */
export const STEM_KEY_LENGTH = 6;
/**
 * A mobile's end is found by its last MOBILE_TAIL_MIN digits alone: they match one number in
 * 10,000, a few dozen rows at most on a device, and longer ends are checked on those rows.
 */
export const TAIL_KEY_LENGTH = MOBILE_TAIL_MIN;

/** Index keys for every prefix of every name word's sound up to STEM_KEY_LENGTH letters ("s", "su", "sun", …). */
export function stemKeys(words: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const word of words) for (let n = 1; n <= Math.min(word.length, STEM_KEY_LENGTH); n += 1) keys.add(word.slice(0, n));
  return [...keys];
}

/** The hashed key a typed word is looked up by: its prefix, as long as stemKeys keeps. */
export const stemOf = (typed: string): string => typed.slice(0, STEM_KEY_LENGTH);

/** The bed board's lookup of a ward's admitted (or discharged) patients, hashed as `place`. */
export const placeKey = (ward: string, status: string): string => `${ward}:${status}`;

/** A bed check's lookup of the patients admitted to one bed, hashed as `berth`. */
export const berthKey = (ward: string, bed: string): string => `${ward}:${bed}`;

export const tailKey = (reversedDigits: string): string => reversedDigits.slice(0, TAIL_KEY_LENGTH);

/**
 * The settings whose value holds a secret: the central store's address, account and password,
 * a recovery code made but not yet put away (sealed like the data it opens), and a replacement
 * tablet's signed statement (it lets this tablet's key take over a device code).
 */
export const SEALED_SETTINGS: ReadonlySet<string> = new Set(['syncGate', 'recoveryPending', 'replacementStatement']);

export const AT_REST: Readonly<Record<string, AtRestSpec>> = {
  settings: {
    readable: readable('key'),
    sealed: (row) => SEALED_SETTINGS.has(String(row.key)),
  },
  patients: {
    readable: readable('patient', 'device', 'number', 'registeredDay', 'registeredAt', 'registeredBy'),
    searchKeys: (row) => {
      const p = row as unknown as PatientRow;
      return {
        stems: stemKeys(p.sounds),
        // Paired within each name the patient goes by, never across them: an identified
        // emergency patient's name and alias together would have more words than pairs are made
        // for, and every name search would read them among the "many words" patients.
        pairs: [...new Set([p.name, ...aliasForms(p.alias)].flatMap((n) => namePairKeys(nameSounds(n))))],
        tail: p.mobileTail ? tailKey(p.mobileTail) : undefined,
        mobile: p.mobile,
        uhid: p.uhid,
        abha: p.abha,
      };
    },
  },
  tokens: {
    readableWhenLocked: true,
    readable: readable('id', 'token', 'dept', 'day', 'device', 'number', 'patient', 'room', 'status', 'issuedAt', 'queuedAt', 'calledAt', 'closedAt', 'prints'),
  },
  labRequests: {
    readable: readable('request', 'patient', 'device', 'number', 'catalogueVersion', 'tests', 'priority', 'dept', 'specimens', 'requestedAt', 'requestedBy', 'slipPrints'),
  },
  specimens: {
    readable: readable('specimen', 'request', 'patient', 'device', 'number', 'container', 'sample', 'tests', 'priority', 'dept', 'requestedAt', 'status',
      'collectedAt', 'collectedBy', 'receivedAt', 'receivedBy', 'reportedAt', 'reportedBy', 'rejectedAt', 'rejectedBy', 'rejectReason', 'labelPrints', 'reportPrints'),
  },
  /** Result values, comments, call-outs and reasons are in `records`, sealed; the summary is names and times. */
  labResults: {
    readable: readable('specimen', 'status', 'updatedAt', 'enteredAt', 'enteredBy', 'verifiedAt', 'verifiedBy'),
  },
  /**
   * Emergency visits: ids, times, who recorded them and the status (for the board's index). How the
   * patient came, who brought them, the MLC details, complaint, triage category, area and
   * disposition are sealed.
   */
  emergencyVisits: {
    readable: readable('visit', 'patient', 'device', 'number', 'status', 'arrivedAt', 'arrivedBy', 'triagedAt', 'triagedBy', 'disposedAt', 'disposedBy'),
  },
  /**
   * Wards and their beds are places, not people: names, labels, types and marks stay readable.
   * When and by whom a bed was last marked is sealed: a discharge marks the bed at the
   * admission's readable discharge time, and the two together would say where the patient lay.
   */
  wards: { readable: readable('ward', 'name', 'nameHi', 'beds', 'definedAt', 'definedBy', 'device') },
  beds: { readable: readable('key', 'ward', 'bed', 'status') },
  /**
   * Admissions: ids, status, times and who recorded them. The ward and bed (which ward a patient
   * lies in can say what they suffer from), every move, how the patient came, the department,
   * consultant, diagnosis, MLC flag, the outcome, the time of death and notes are sealed; the
   * bed board finds its ward's patients by a keyed hash of ward and status (`place`), and an
   * admission or transfer checks its bed by a keyed hash of ward and bed (`berth`, kept only while
   * the patient is admitted), opening the bed's few rows instead of the ward's.
   */
  admissions: {
    readable: readable('admission', 'patient', 'device', 'number', 'status', 'admittedAt', 'admittedBy', 'dischargedAt', 'dischargedBy', 'wristbands'),
    searchKeys: (row) => ({
      place: placeKey(String(row.ward), String(row.status)),
      berth: row.status === 'admitted' ? berthKey(String(row.ward), String(row.bed)) : undefined,
    }),
  },
  /**
   * The HIS's patient index (issue 13): which import a row belongs to and its line are readable;
   * UHID, name, sex, birth, mobile and address are sealed. The reconciliation looks candidates
   * up by keyed hashes of the whole UHID, the whole mobile and each name word's sound (soundOf):
   * it compares whole records, not what a clerk types, so the desk's prefix keys (a dozen per
   * name, each an index entry) would only slow a million-row import down.
   */
  hisIndex: {
    readable: readable('id', 'import', 'line'),
    searchKeys: (row) => {
      const r = row as unknown as HisIndexRow;
      return { uhid: r.uhid, mobile: r.mobile, sounds: nameSounds(r.name) };
    },
  },
  /**
   * The reconciliation with the HIS: which patient and whether linked, new, merged or in
   * conflict (for the workbench's filters) are readable; the UHID, the patient merged into, who
   * decided and why are sealed.
   */
  reconciliation: { readable: readable('patient', 'status', 'updatedAt') },
  /** A refused document's reason may quote what it held. */
  rejects: { readable: readable('id', 'seq', 'at') },
};
