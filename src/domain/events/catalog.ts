import * as z from 'zod/mini';
import { deviceCode, departmentList, timeZone } from '../device';
import { text } from '../text';
import { role, userName } from '../users';
import { DOWNTIME_ID } from '../ids/downtimeId';
import { isoDay, patientFields, patientRecord } from '../patients/fields';
import { TOKEN } from '../tokens/tokenNumber';
import { familyCode, familyOf, FAMILY_EVENT_TYPES, type FamilySchemas } from './families';

const patientId = z.string().check(z.regex(DOWNTIME_ID, 'downtimeId'));
const tokenId = z.string().check(z.regex(TOKEN, 'token'));
const optionalText = (max: number) => z.optional(text(max));

/**
 * The data schema of every event type of the registration desk; the departments' own types are in
 * families.ts. Strict objects: a missing or an extra field is an error, so nothing unexpected is
 * ever written into the permanent log.
 */
export const CORE_EVENT_SCHEMAS = {
  'device.enrolled': z.strictObject({
    hospital: text(100),
    code: deviceCode,
    departments: departmentList,
    timeZone,
  }),
  'user.added': z.strictObject({
    name: userName,
    role,
  }),
  'departments.updated': z.strictObject({
    departments: departmentList,
  }),
  'patient.registered': z.strictObject({
    patient: patientId,
    // Since issue 14 a name or an alias; events stored before hold every field and still parse.
    fields: patientRecord,
    day: isoDay,
  }),
  'patient.corrected': z.strictObject({
    patient: patientId,
    changes: z.partial(patientFields).check(z.refine((c) => Object.keys(c).length > 0, 'noChanges')),
    reason: optionalText(200),
  }),
  'token.issued': z.strictObject({
    token: tokenId,
    patient: patientId,
    dept: z.string().check(z.regex(/^[A-Z]{2,4}$/, 'departmentCode')),
    day: isoDay,
    number: z.number().check(z.int(), z.gte(1), z.lte(9999)),
    doctor: optionalText(60),
    room: optionalText(20),
  }),
  'token.called': z.strictObject({ token: tokenId, day: isoDay }),
  'token.skipped': z.strictObject({ token: tokenId, day: isoDay }),
  'token.done': z.strictObject({ token: tokenId, day: isoDay }),
  'token.cancelled': z.strictObject({ token: tokenId, day: isoDay, reason: text(200) }),
  'token.printed': z.strictObject({ token: tokenId, day: isoDay, copy: z.number().check(z.int(), z.gte(1), z.lte(99)), paper: z.enum(['80mm', 'A6']) }),
} as const;

type EventSchemas = typeof CORE_EVENT_SCHEMAS & FamilySchemas['lab'] & FamilySchemas['emergency'] & FamilySchemas['wards'] & FamilySchemas['reconcile'];

export type EventType = keyof EventSchemas;
export type EventData<T extends EventType> = z.output<EventSchemas[T]>;
export const EVENT_TYPES = [...Object.keys(CORE_EVENT_SCHEMAS), ...FAMILY_EVENT_TYPES] as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (Object.prototype.hasOwnProperty.call(CORE_EVENT_SCHEMAS, value) || familyOf(value) !== undefined);
}

/** A type's data schema. A department's type needs its family loaded first (loadEventFamilies). */
export function schemaOf<T extends EventType>(type: T): EventSchemas[T] {
  const family = familyOf(type);
  return ((family ? familyCode(family).schemas : CORE_EVENT_SCHEMAS) as EventSchemas)[type];
}
