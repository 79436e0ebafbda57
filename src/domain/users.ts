import * as z from 'zod/mini';
import { personName } from './text';

/** A pathologist verifies and releases lab results (issue 18); a lab technician enters them. */
export const ROLES = ['clerk', 'lab', 'pathologist', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const role = z.enum(ROLES, { error: (iss) => (iss.input === undefined ? 'required' : 'role') });

export const PIN_MIN = 6;
export const PIN_MAX = 12;

/** Numeric PIN: 6–12 digits and not one of the handful every attacker tries first. */
export const pin = z.string({ error: 'required' }).check(
  z.minLength(1, 'required'),
  z.regex(/^\d+$/, 'pinDigits'),
  z.minLength(PIN_MIN, 'pinShort'),
  z.maxLength(PIN_MAX, 'tooLong'),
  z.refine((p) => p.length < PIN_MIN || !isTrivialPin(p), 'pinTrivial'),
);

export function isTrivialPin(p: string): boolean {
  if (/^(\d)\1+$/.test(p)) return true;
  const digits = [...p].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
  return steps.every((s) => s === 1) || steps.every((s) => s === 9);
}

export const userName = personName(40);

export const newUser = z.strictObject({
  name: userName,
  role,
  pin,
  pinAgain: z.string(),
}).check(z.refine((u) => u.pin === u.pinAgain, { message: 'pinMismatch', path: ['pinAgain'] }));
export type NewUser = z.output<typeof newUser>;

export { userKey } from './userKey';

/** Which screens each role may open. */
export const ROLE_SCREENS: Record<Role, readonly string[]> = {
  clerk: ['home', 'desk', 'queue', 'emergency', 'wards'],
  lab: ['home', 'lab'],
  pathologist: ['home', 'lab'],
  admin: ['home', 'desk', 'queue', 'emergency', 'wards', 'users', 'device', 'sync', 'his', 'reconcile', 'lab', 'labCatalogue'],
};

export function canOpen(r: Role, screen: string): boolean {
  return ROLE_SCREENS[r].includes(screen);
}

/** Idle minutes before the session locks. */
export const idleMinutes = z.coerce.number({ error: 'number' }).check(z.int('number'), z.gte(1, 'idleRange'), z.lte(120, 'idleRange'));
export { DEFAULT_IDLE_MINUTES } from './userKey';

/** A new PIN for an existing user (an administrator's reset, or a recovery). */
export const newPin = z.strictObject({
  pin,
  pinAgain: z.string(),
}).check(z.refine((u) => u.pin === u.pinAgain, { message: 'pinMismatch', path: ['pinAgain'] }));
