import Dexie, { type Table } from 'dexie';
import type { DeviceRow, PatientRow, StaffRow, TokenRow } from '../domain/projections/rows';
import type { CatalogueRow, LabRequestRow, OpenBlockRow, OpenItem, SpecimenRow } from '../domain/projections/labRows';
import { openBlockRow } from '../domain/projections/projectLab';
import type { Role } from '../domain/users';
import { mobileTail } from '../domain/patients/mobileTail';
import { namePairs } from '../domain/patients/nameKeys';
import type { PinVerifier } from './pin';

/** Device-local: never replicated. */
export interface UserRecord {
  /** Folded name, unique on the device. */
  key: string;
  name: string;
  role: Role;
  verifier: PinVerifier;
  failures: number;
  lastFailureAt: number | null;
  createdAt: string;
}

export interface SyncRunRecord {
  id?: number;
  startedAt: string;
  endedAt: string;
  by: string;
  outcome: 'confirmed' | 'failed' | 'paused';
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
  /** Device-local record of every resync run, and of documents the central store refused. */
  syncHistory!: Table<SyncRunRecord, number>;
  syncRefusals!: Table<SyncRefusalRecord, string>;
  /** Projection bookkeeping (the checkpoint); cleared with the projections on rebuild. */
  projectionMeta!: Table<SettingRecord, string>;
  /** Documents in the log that are not valid events: reported, never projected. */
  rejects!: Table<RejectRecord, string>;

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
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
    // Two-word name searches (namePairs; the unused registeredAt index goes), and open lab work
    // in slot arrays read oldest first (OpenBlockRow): version-1 rows get the new shapes here.
    this.version(2).stores({
      patients: 'patient, uhid, abha, mobile, *words, *pairs, registeredDay',
      labOpen: 'block, oldest',
    }).upgrade(async (tx) => {
      await tx.table<PatientRow>('patients').toCollection().modify((p) => { p.pairs = namePairs(p.words); });
      await tx.table('labOpen').toCollection().modify((row: { block: string; items: unknown }, ref) => {
        if (Array.isArray(row.items)) return;
        const items = Object.entries(row.items as Record<string, Omit<OpenItem, 'specimen'>>).map(([specimen, item]) => ({ ...item, specimen }));
        ref.value = openBlockRow(row.block, items);
      });
    });
    // Search by the last digits of a mobile (mobileTail): rows stored before get their key here.
    this.version(3).stores({
      patients: 'patient, uhid, abha, mobile, mobileTail, *words, *pairs, registeredDay',
    }).upgrade(async (tx) => {
      await tx.table<PatientRow>('patients').toCollection().modify((p) => {
        if (p.mobile) p.mobileTail = mobileTail(p.mobile);
      });
    });
  }
}
