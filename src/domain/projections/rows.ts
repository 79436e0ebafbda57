import type { Department } from '../device';
import type { Role } from '../users';

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

export interface ProjectionRows {
  devices: DeviceRow;
  staff: StaffRow;
}
export type TableName = keyof ProjectionRows;
export const PROJECTION_TABLES: readonly TableName[] = ['devices', 'staff'];

/** One keyed change a reducer asks for; `update` is pure and receives the current row. */
export interface RowUpdate<T extends TableName = TableName> {
  table: T;
  key: string;
  update: (prev: ProjectionRows[T] | undefined) => ProjectionRows[T] | undefined;
}
