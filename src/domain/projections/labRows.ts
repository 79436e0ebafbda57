import type { LabTest } from '../lab/catalogue';
import type { ResultRecord, ResultStatus } from '../lab/results/resultState';
import type { Container, Sample } from '../lab/containers';
import type { Priority } from '../lab/requisition';
import type { RejectReason, SpecimenStatus } from '../lab/status';

export interface LabRequestRow {
  request: string;
  patient: string;
  device: string;
  number: number;
  /** The catalogue version the tests were ordered from: their names and containers as they were then. */
  catalogueVersion: string;
  tests: string[];
  priority: Priority;
  dept: string;
  clinician: string;
  notes?: string | undefined;
  /** The ordering location (a ward and bed, an emergency area); sealed like the notes. */
  location?: string | undefined;
  specimens: string[];
  requestedAt: string;
  requestedBy: string;
  slipPrints: number;
}

export interface SpecimenRow {
  specimen: string;
  request: string;
  patient: string;
  device: string;
  number: number;
  container: Container;
  sample: Sample;
  tests: string[];
  /** Copied from the request so that the worklist filters and sorts on one table. */
  priority: Priority;
  dept: string;
  requestedAt: string;
  status: SpecimenStatus;
  collectedAt?: string;
  collectedBy?: string;
  receivedAt?: string;
  receivedBy?: string;
  reportedAt?: string;
  reportedBy?: string;
  reportNote?: string;
  rejectedAt?: string;
  rejectedBy?: string;
  rejectReason?: RejectReason;
  rejectNote?: string;
  labelPrints: number;
  /** Copies of the results report printed (issue 18); absent until the first. */
  reportPrints?: number;
}

/** One published catalogue version, kept for ever so old requests show as they were ordered. */
export interface CatalogueRow {
  version: string;
  basedOn: string;
  device: string;
  tests: LabTest[];
  publishedAt: string;
  publishedBy: string;
}

/** What the worklist needs of a specimen that is still open (not reported, not rejected). */
export interface OpenItem {
  specimen: string;
  requestedAt: string;
  priority: Priority;
  dept: string;
  container: Container;
  collected?: true;
  received?: true;
  /** Results entered and waiting for a pathologist's verification. */
  entered?: true;
}

/**
 * The open specimens of one block of 1000 specimen numbers of a device. The worklist reads these
 * few rows instead of a status index: status changes delete index entries, and IndexedDB's
 * LevelDB must step over every deleted entry at the start of a range until it compacts (seconds
 * at 700,000 specimens). Here a closed specimen only empties its slot in its block's row.
 * Slots (number mod 1000) in an array, not a keyed object: the projector replaces the row at
 * every move, and copying a 1000-slot array is cheap where copying a 1000-key object is not
 * (about a millisecond, which made projecting 700,000 specimens take tens of minutes).
 */
export interface OpenBlockRow {
  block: string;
  /** How many slots hold an open specimen: the row goes when none is left. */
  open: number;
  /** The earliest request time among its open items: the worklist reads blocks oldest first. */
  oldest: string;
  items: Array<OpenItem | null>;
}

/**
 * A specimen's results: every result event kept (drafts, entries, verifications, amendments,
 * call-outs), in time order, and a summary of what they amount to (resultState) for lists.
 * The records hold clinical values and are sealed at rest; the summary holds names and times.
 */
export interface LabResultRow {
  specimen: string;
  status: ResultStatus;
  updatedAt: string;
  enteredAt?: string;
  enteredBy?: string;
  verifiedAt?: string;
  verifiedBy?: string;
  records: ResultRecord[];
}
