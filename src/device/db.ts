import Dexie, { type Table } from 'dexie';
import type { DeviceRow, PatientRow, StaffRow, TokenRow } from '../domain/projections/rows';
import type { CatalogueRow, LabRequestRow, LabResultRow, OpenBlockRow, SpecimenRow } from '../domain/projections/labRows';
import type { EmergencyVisitRow } from '../domain/projections/emergencyRows';
import type { AdmissionRow, BedRow, WardRow } from '../domain/projections/wardRows';
import type { HisIndexRow } from '../domain/hisIndex/row';
import type { AnalyteVersionRow } from '../domain/lab/results/analyteVersions';
import type { ReconcileRow } from '../domain/reconcile/state';
import { PROJECTION_TABLES } from '../domain/projections/rows';
import type { Role } from '../domain/users';
import type { KeyWrap } from '../crypto/keyWrap';
import type { KeyRing } from './keyRing';
import { sealedIndexPage, type IndexPage } from './sealedIndexPage';
import { openSealedRows, storedRows } from './sealedRows';
import type { PinVerifier } from './pin';
import { sealedTables } from './sealedTables';

/** Device-local: never replicated. */
export interface UserRecord {
  /** Folded name, unique on the device. */
  key: string;
  name: string;
  role: Role;
  /** The device's data key wrapped under this user's PIN. */
  keyWrap?: KeyWrap;
  /** A user from the release before sealing, until their first login (or a PIN reset) wraps the key. */
  verifier?: PinVerifier;
  failures: number;
  lastFailureAt: number | null;
  createdAt: string;
}

export interface SyncRunRecord {
  id?: number;
  startedAt: string;
  endedAt: string;
  by: string;
  /** `degraded`: the central store accepted the push without keeping enough copies (HTTP 202). */
  outcome: 'confirmed' | 'degraded' | 'failed' | 'paused';
  sent: number;
  confirmed: number;
  refused: number;
  pulled: number;
  total: number;
  message?: string;
}

export interface SyncRefusalRecord {
  id: string;
  seq: number;
  reason: string;
  at: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface RejectRecord {
  id: string;
  seq: string;
  reason: string;
  at: string;
}


const PROJECTION_TABLES_V4 = PROJECTION_TABLES.filter((t) => !['labResults', 'emergencyVisits', 'wards', 'beds', 'admissions', 'analyteVersions', 'reconciliation'].includes(t));

/** projectionMeta's mark of admission rows kept from before `berth` (DeskDb version 12); a rebuild clears it. */
export const UNHASHED_BEDS = 'unhashedBeds';

export class DeskDb extends Dexie {
  settings!: Table<SettingRecord, string>;
  users!: Table<UserRecord, string>;
  devices!: Table<DeviceRow, string>;
  staff!: Table<StaffRow, string>;
  patients!: Table<PatientRow, string>;
  tokens!: Table<TokenRow, string>;
  labRequests!: Table<LabRequestRow, string>;
  specimens!: Table<SpecimenRow, string>;
  catalogues!: Table<CatalogueRow, string>;
  labOpen!: Table<OpenBlockRow, string>;
  labResults!: Table<LabResultRow, string>;
  emergencyVisits!: Table<EmergencyVisitRow, string>;
  wards!: Table<WardRow, string>;
  beds!: Table<BedRow, string>;
  admissions!: Table<AdmissionRow, string>;
  /** The HIS's patient index (device-local, never replicated, not a projection: rebuilding keeps it). */
  hisIndex!: Table<HisIndexRow, string>;
  analyteVersions!: Table<AnalyteVersionRow, string>;
  /** The reconciliation with the HIS, one row per downtime patient an administrator decided about. */
  reconciliation!: Table<ReconcileRow, string>;
  /** Device-local record of every resync run, and of documents the central store refused. */
  syncHistory!: Table<SyncRunRecord, number>;
  syncRefusals!: Table<SyncRefusalRecord, string>;
  /** Projection bookkeeping (the checkpoint); cleared with the projections on rebuild. */
  projectionMeta!: Table<SettingRecord, string>;
  /** Documents in the log that are not valid events: reported, never projected. */
  rejects!: Table<RejectRecord, string>;

  /** What the rows are sealed with: sealedTables reads through it, indexPage too. */
  private readonly sealing: KeyRing;

  constructor(name: string, keyRing: KeyRing, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.sealing = keyRing;
    this.use(sealedTables(keyRing));
    this.version(1).stores({
      settings: 'key',
      users: 'key, role',
      devices: 'code',
      staff: 'key, device',
      projectionMeta: 'key',
      rejects: 'id',
      patients: 'patient, uhid, abha, mobile, *words, registeredAt, registeredDay',
      tokens: 'id, [dept+day], [dept+day+status+queuedAt], [device+dept+day+number], patient',
      labRequests: 'request, patient',
      // Reported and rejected specimens by filter, oldest first (open work is read from labOpen).
      specimens: 'specimen, request, [status+requestedAt], [status+priority+requestedAt], [status+dept+requestedAt], [status+container+requestedAt]',
      catalogues: 'version, device',
      labOpen: 'block',
      syncHistory: '++id, startedAt',
      syncRefusals: 'id',
    });
    this.version(2).stores({
      patients: 'patient, uhid, abha, mobile, *words, *pairs, registeredDay',
      labOpen: 'block, oldest',
    });
    this.version(3).stores({
      patients: 'patient, uhid, abha, mobile, mobileTail, *words, *pairs, registeredDay',
    });
    // Sealed at rest (sealedTables, domain/atRest.ts): the patient indexes hold keyed hashes, of
    // word prefixes (stems) and of a mobile's last digits (tail) among them. Rows of earlier versions were
    // plaintext: they go, with the checkpoint, and the log is folded again once someone logs in
    // (the log itself is sealed then, see legacyLog.ts). The saved resync gate goes too (an
    // administrator opens it again): there is no key to seal its password with before a login.
    this.version(4).stores({
      patients: 'patient, uhid, abha, mobile, tail, *stems, *pairs, registeredDay',
    }).upgrade(async (tx) => {
      // The projection tables of this version, not of the latest: a later table (labResults,
      // version 5) is not part of this upgrade's schema, and Dexie refuses to open it here.
      await Promise.all([...PROJECTION_TABLES_V4, 'rejects', 'projectionMeta'].map((t) => tx.table(t).clear()));
      await tx.table('settings').delete('syncGate');
    });
    // Lab results (issue 18): a new table; no event before this version made results, so there
    // is nothing to fold again.
    this.version(5).stores({ labResults: 'specimen, status' });
    // Emergency visits (issue 14): a new table, no earlier event made one. The board reads the
    // open ones by status (a few dozen at a time) and orders them in the domain (boardOrder).
    this.version(6).stores({ emergencyVisits: 'visit, status, patient' });
    // Wards (issue 14, point 3): new tables, no earlier event made them. A bed board reads its
    // ward's admitted patients (by `place`, a keyed hash of ward and status: a few dozen) and the ward's bed marks (ward).
    this.version(7).stores({ wards: 'ward', beds: 'key, ward', admissions: 'admission, place, patient, status' });
    // The HIS patient index (issue 13): a new table, filled by an administrator's import only.
    // Rows are read by import (to count, replace or drop one) and by the keyed hashes of
    // atRest.ts; a multi-entry index cannot be compound, so a lookup checks the import on the rows.
    this.version(8).stores({ hisIndex: 'id, import, uhid, mobile, *sounds' });
    // Analyte versions (issue 18): a new table, no earlier event made one.
    this.version(9).stores({ analyteVersions: 'version, device' });
    // The reconciliation with the HIS (issue 13, point 2): a new table, no earlier event made one.
    // The workbench reads conflicts by status; unreviewed patients have no row at all.
    this.version(10).stores({ reconciliation: 'patient, status' });
    // The workbench's list in registration order, a page at a time (keyset on time and ID, both
    // readable): IndexedDB builds the index over the rows already there.
    this.version(11).stores({ patients: 'patient, uhid, abha, mobile, tail, *stems, *pairs, registeredDay, [registeredAt+patient]' });
    // A bed check reads the bed's admitted patients by `berth` (a keyed hash of ward and bed). The
    // key is needed to make one and the upgrade has none: rows already here lack it, so the
    // checks open their ward's rows instead (UNHASHED_BEDS) until the projections are rebuilt.
    this.version(12).stores({ admissions: 'admission, place, berth, patient, status' }).upgrade(async (tx) => {
      if (await tx.table('admissions').count() > 0) await tx.table('projectionMeta').put({ key: UNHASHED_BEDS, value: true });
    });
  }

  /** Rows under one key of a sealed table's index, opening only those wanted (sealedIndexPage). */
  indexPage<T>(page: Parameters<typeof sealedIndexPage<T>>[2]): Promise<IndexPage<T>> {
    return sealedIndexPage<T>(this, this.sealing, page);
  }

  /** Rows of a sealed table as stored, not opened (sealedRows.ts), in the transaction in progress if any. */
  storedRows(table: string, where: Parameters<typeof storedRows>[2]): Promise<Array<Record<string, unknown>>> {
    return storedRows(this, table, where);
  }

  /** Rows storedRows read, opened all at once through WebCrypto, out of any transaction. */
  openRows<T>(table: string, stored: ReadonlyArray<Record<string, unknown>>): Promise<T[]> {
    return openSealedRows<T>(this, this.sealing, table, stored);
  }
}
