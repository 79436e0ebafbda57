import type { AnyEvent } from '../events/envelope';
import { userKey } from '../users';
import type { DeviceRow, RowUpdate, StaffRow, TableName } from './rows';

const update = <T extends TableName>(u: RowUpdate<T>): RowUpdate => u as unknown as RowUpdate;

/**
 * The reducers: each event becomes a list of keyed row updates. Pure and deterministic, so a full
 * rebuild from the log gives exactly the rows that incremental application gave. Exactly-once
 * application is the projector's job (its checkpoint commits with the rows).
 */
export function project(event: AnyEvent): RowUpdate[] {
  const updates: RowUpdate[] = [
    update({ table: 'devices', key: event.device, update: (prev) => reduceDevice(prev, event) }),
  ];
  if (event.type === 'user.added') {
    const key = `${event.device}:${userKey(event.data.name)}`;
    updates.push(update({
      table: 'staff', key,
      update: (prev): StaffRow => prev ?? {
        key, device: event.device, name: event.data.name, role: event.data.role, addedAt: event.at, addedBy: event.by,
      },
    }));
  }
  return updates;
}

function reduceDevice(prev: DeviceRow | undefined, event: AnyEvent): DeviceRow {
  const base: DeviceRow = prev ?? {
    code: event.device, hospital: null, departments: [], timeZone: null, enrolledAt: null,
    eventCount: 0, lastSeq: 0, lastAt: event.at,
  };
  // Pulled events may arrive out of sequence: the newest by sequence wins, counting is additive.
  const newest = event.seq > base.lastSeq;
  const row: DeviceRow = {
    ...base,
    eventCount: base.eventCount + 1,
    lastSeq: newest ? event.seq : base.lastSeq,
    lastAt: newest ? event.at : base.lastAt,
  };
  switch (event.type) {
    case 'device.enrolled':
      return { ...row, hospital: event.data.hospital, departments: event.data.departments, timeZone: event.data.timeZone,
        enrolledAt: base.enrolledAt ?? event.at };
    case 'departments.updated':
      return newest ? { ...row, departments: event.data.departments } : row;
    default:
      return row;
  }
}
