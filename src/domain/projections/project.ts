import type { AnyEvent } from '../events/envelope';
import { parseDowntimeId } from '../ids/downtimeId';
import { birthDay } from '../patients/age';
import { nameSounds } from '../patients/nameKeys';
import { aliasForms, aliasNumber } from '../patients/alias';
import type { PatientFields } from '../patients/fields';
import { mobileTail } from '../patients/mobileTail';
import { tokenKey } from '../tokens/tokenNumber';
import { userKey } from '../users';
import type { DeviceRow, PatientRow, RowUpdate, StaffRow, TableName, TokenRow } from './rows';
import { parseVisitId } from '../emergency/visitId';
import { parseAdmissionId } from '../wards/admissionId';
import { familyCode, familyOf } from '../events/families';

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
  updates.push(...projectPatient(event), ...projectToken(event), ...projectFamily(event));
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

/** A department's event, by its family's projection (loaded before its events were parsed). */
function projectFamily(event: AnyEvent): RowUpdate[] {
  const family = familyOf(event.type);
  return family ? familyCode(family).project(event) : [];
}

function reduceDevice(prev: DeviceRow | undefined, event: AnyEvent): DeviceRow {
  const base: DeviceRow = prev ?? {
    code: event.device, hospital: null, departments: [], timeZone: null, enrolledAt: null,
    eventCount: 0, lastSeq: 0, lastAt: event.at, lastPatientNumber: 0,
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
    case 'patient.registered': {
      const parsed = parseDowntimeId(event.data.patient);
      const n = parsed.ok && parsed.device === event.device ? parsed.number : 0;
      const alias = aliasNumber(event.data.fields.alias, event.device);
      return { ...row, lastPatientNumber: Math.max(row.lastPatientNumber ?? 0, n), ...(alias ? { lastAliasNumber: Math.max(row.lastAliasNumber ?? 0, alias) } : {}) };
    }
    case 'emergency.arrived': {
      const parsed = parseVisitId(event.data.visit);
      const n = parsed && parsed.device === event.device ? parsed.number : 0;
      return { ...row, lastVisitNumber: Math.max(row.lastVisitNumber ?? 0, n) };
    }
    case 'ward.admitted': {
      const parsed = parseAdmissionId(event.data.admission);
      const n = parsed.ok && parsed.device === event.device ? parsed.number : 0;
      return { ...row, lastAdmissionNumber: Math.max(row.lastAdmissionNumber ?? 0, n) };
    }
    default:
      return row;
  }
}

/**
 * The row's name and search keys, from its fields: recomputed whole after every correction. The
 * alias stays searchable (in English and Hindi) after the patient is identified.
 */
const searchKeys = (fields: Pick<PatientFields, 'name' | 'alias' | 'mobile'>) => {
  const sounds = [...new Set([fields.name ?? '', ...aliasForms(fields.alias)].flatMap(nameSounds))];
  return {
    name: fields.name ?? fields.alias ?? '',
    unnamed: fields.name === undefined ? (true as const) : undefined,
    sounds,
    mobileTail: fields.mobile ? mobileTail(fields.mobile) : undefined,
  };
};

function projectPatient(event: AnyEvent): RowUpdate[] {
  if (event.type === 'patient.registered') {
    const { patient, fields, day } = event.data;
    const parsed = parseDowntimeId(patient);
    return [update({
      table: 'patients', key: patient,
      // The first registration of an ID wins; a replayed or conflicting one changes nothing.
      update: (prev): PatientRow => prev ?? {
        ...fields, patient, device: event.device, number: parsed.ok ? parsed.number : 0,
        ...searchKeys(fields), born: birthDay(fields.birth, day), registeredDay: day,
        registeredAt: event.at, registeredBy: event.by, history: [],
      },
    })];
  }
  if (event.type === 'patient.corrected') {
    const { patient, changes, reason } = event.data;
    return [update({
      table: 'patients', key: patient,
      update: (prev): PatientRow | undefined => {
        if (!prev) return prev; // a correction pulled before its registration: applied on rebuild order
        const next = { ...prev, ...changes };
        return {
          ...next,
          ...searchKeys({ name: changes.name ?? (prev.unnamed ? undefined : prev.name), alias: next.alias, mobile: next.mobile }),
          born: changes.birth ? birthDay(changes.birth, prev.registeredDay) : prev.born,
          history: [...prev.history, { at: event.at, by: event.by, device: event.device, changes, reason }],
        };
      },
    })];
  }
  return [];
}

function projectToken(event: AnyEvent): RowUpdate[] {
  const on = (ref: { token: string; day: string }, fn: (prev: TokenRow) => TokenRow) =>
    [update({ table: 'tokens', key: tokenKey(ref.day, ref.token), update: (prev) => (prev ? fn(prev) : prev) })];
  switch (event.type) {
    case 'token.issued': {
      const d = event.data;
      const id = tokenKey(d.day, d.token);
      return [update({
        table: 'tokens', key: id,
        update: (prev): TokenRow => prev ?? {
          id, token: d.token, dept: d.dept, day: d.day, device: event.device, number: d.number, patient: d.patient,
          doctor: d.doctor, room: d.room, status: 'waiting', issuedAt: event.at, queuedAt: event.at, prints: 0,
        },
      })];
    }
    case 'token.called':
      return on(event.data, (t) => ({ ...t, status: 'called', calledAt: event.at }));
    case 'token.skipped':
      return on(event.data, (t) => ({ ...t, status: 'waiting', queuedAt: event.at }));
    case 'token.done':
      return on(event.data, (t) => ({ ...t, status: 'done', closedAt: event.at }));
    case 'token.cancelled':
      return on(event.data, (t) => ({ ...t, status: 'cancelled', closedAt: event.at, cancelReason: event.data.reason }));
    case 'token.printed':
      return on(event.data, (t) => ({ ...t, prints: Math.max(t.prints, event.data.copy) }));
    default:
      return [];
  }
}


