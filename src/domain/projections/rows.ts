import type { Department } from '../device';
import type { PatientFields } from '../patients/fields';
import type { TokenStatus } from '../tokens/queue';
import type { Role } from '../users';
import type { EmergencyVisitRow } from './emergencyRows';
import type { AdmissionRow, BedRow, WardRow } from './wardRows';
import type { LabRequestRow, SpecimenRow, CatalogueRow, OpenBlockRow, LabResultRow } from './labRows';
import type { AnalyteVersionRow } from '../lab/results/analyteVersions';
import type { ReconcileRow } from '../reconcile/state';

/** What the screens read. Each table's rows are derived from events only (DESIGN.md §2). */
export interface DeviceRow {
  code: string;
  hospital: string | null;
  departments: Department[];
  timeZone: string | null;
  enrolledAt: string | null;
  eventCount: number;
  lastSeq: number;
  lastAt: string;
  /** The highest patient number this device has issued (downtime IDs count per device). */
  lastPatientNumber: number;
  /** The highest unknown-patient alias number (`UNKNOWN MALE K7-0007`) and emergency visit number issued. */
  lastAliasNumber?: number;
  lastVisitNumber?: number;
  /** The highest in-patient admission number (`IP-K7-000001-X`) issued. */
  lastAdmissionNumber?: number;
  /** The highest specimen and lab request numbers this device has issued (they count per device too). */
  lastSpecimenNumber?: number;
  lastRequestNumber?: number;
}

export interface StaffRow {
  /** `<device>:<folded name>` — names are unique per device. */
  key: string;
  device: string;
  name: string;
  role: Role;
  addedAt: string;
  addedBy: string;
}

export interface PatientChange {
  at: string;
  by: string;
  device: string;
  changes: Partial<PatientFields>;
  reason?: string | undefined;
}

export interface PatientRow extends Omit<PatientFields, 'name'> {
  /**
   * The name to show: the patient's, or while it is not known their alias. Slips, labels and
   * lists print it as it is; `unnamed` says it is the alias (fieldsOf gives the real fields).
   */
  name: string;
  unnamed?: true | undefined;
  patient: string;
  device: string;
  number: number;
  /** Search keys: the sounds of the name's words (soundOf), the same in Devanagari and Latin letters. */
  sounds: string[];
  /** The mobile's digits last to first (mobileTail): searches by the end of the number. */
  mobileTail?: string | undefined;
  /** Approximate date of birth, so age and age-range searches stay right as days pass. */
  born: string;
  registeredDay: string;
  registeredAt: string;
  registeredBy: string;
  history: PatientChange[];
}

export interface TokenRow {
  /** `<day>/<token>`: numbers restart daily. */
  id: string;
  token: string;
  dept: string;
  day: string;
  device: string;
  number: number;
  patient: string;
  doctor?: string | undefined;
  room?: string | undefined;
  status: TokenStatus;
  issuedAt: string;
  /** Order in the waiting line: the issue time, or the time it was skipped (back of the line). */
  queuedAt: string;
  calledAt?: string;
  closedAt?: string;
  cancelReason?: string;
  prints: number;
}

export interface ProjectionRows {
  devices: DeviceRow;
  staff: StaffRow;
  patients: PatientRow;
  tokens: TokenRow;
  labRequests: LabRequestRow;
  specimens: SpecimenRow;
  catalogues: CatalogueRow;
  labOpen: OpenBlockRow;
  labResults: LabResultRow;
  emergencyVisits: EmergencyVisitRow;
  wards: WardRow;
  beds: BedRow;
  admissions: AdmissionRow;
  analyteVersions: AnalyteVersionRow;
  reconciliation: ReconcileRow;
}
export type TableName = keyof ProjectionRows;
export const PROJECTION_TABLES: readonly TableName[] = ['devices', 'staff', 'patients', 'tokens', 'labRequests', 'specimens', 'catalogues', 'labOpen', 'labResults', 'emergencyVisits', 'wards', 'beds', 'admissions', 'analyteVersions', 'reconciliation'];

/** One keyed change a reducer asks for; `update` is pure and receives the current row. */
export interface RowUpdate<T extends TableName = TableName> {
  table: T;
  key: string;
  update: (prev: ProjectionRows[T] | undefined) => ProjectionRows[T] | undefined;
}
