import { z } from 'zod';
import { deviceCode, departmentList, timeZone } from '../device';
import { text } from '../text';
import { role, userName } from '../users';

/**
 * The data schema of every event type. Strict objects: a missing or an extra field is an error,
 * so nothing unexpected is ever written into the permanent log. Later features add their types here.
 */
export const EVENT_SCHEMAS = {
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
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export type EventData<T extends EventType> = z.output<(typeof EVENT_SCHEMAS)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_SCHEMAS, value);
}
