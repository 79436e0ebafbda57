import { checkChar } from './checkChar';

/** DT-<device>-<6 digits>-<check>: a patient registered during the outage (DESIGN.md §3). */
export const DOWNTIME_ID = /^DT-([A-Z0-9]{2,3})-(\d{6})-([0-9A-Z])$/;
export const MAX_PATIENT_NUMBER = 999_999;

export function formatDowntimeId(device: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PATIENT_NUMBER) throw new RangeError(`patient number ${n} out of range`);
  const digits = String(n).padStart(6, '0');
  return `DT-${device}-${digits}-${checkChar(device + digits)}`;
}

export type IdCheck =
  | { ok: true; id: string; device: string; number: number }
  | { ok: false; reason: 'idFormat' | 'idCheck' };

/**
 * Read an ID as a person or a scanner typed it: case, spaces and missing or extra hyphens are
 * forgiven; a wrong check character is reported as such, not as "not found".
 */
export function parseDowntimeId(input: string): IdCheck {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const m = /^DT([A-Z0-9]{2,3}?)(\d{6})([0-9A-Z])$/.exec(compact);
  if (!m) return { ok: false, reason: 'idFormat' };
  const [, device, digits, check] = m as unknown as [string, string, string, string];
  if (checkChar(device + digits) !== check) return { ok: false, reason: 'idCheck' };
  return { ok: true, id: `DT-${device}-${digits}-${check}`, device, number: Number(digits) };
}

/** Does this text look like someone meant a downtime ID (so search should check it, not look up names)? */
export const looksLikeDowntimeId = (input: string) => /^\s*DT[\s-]*[A-Z0-9]/i.test(input);
