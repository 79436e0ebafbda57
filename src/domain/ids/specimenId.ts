import { checkChar } from './checkChar';

/** SP-<device>-<7 digits>-<check>: one sample container, printed as a Code 128 label (DESIGN.md §3). */
export const SPECIMEN_ID = /^SP-([A-Z0-9]{2,3})-(\d{7})-([0-9A-Z])$/;
export const MAX_SPECIMEN_NUMBER = 9_999_999;

export function formatSpecimenId(device: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SPECIMEN_NUMBER) throw new RangeError(`specimen number ${n} out of range`);
  const digits = String(n).padStart(7, '0');
  return `SP-${device}-${digits}-${checkChar(device + digits)}`;
}

export type SpecimenIdCheck =
  | { ok: true; id: string; device: string; number: number }
  | { ok: false; reason: 'idFormat' | 'idCheck' };

/**
 * Read a specimen ID as a scanner or a person gave it: case, spaces and hyphens are forgiven; a
 * wrong check character (a misread or mistyped label) is reported as such, never as "not found".
 */
export function parseSpecimenId(input: string): SpecimenIdCheck {
  const parts = input.toUpperCase().split(/[\s-]+/).filter(Boolean);
  // Written out, the parts say where the device code ends; run together, the length does
  // (2 + device + 7 digits + check).
  const m = parts.length === 4 ? SPECIMEN_ID.exec(parts.join('-'))
    : parts.length === 1 ? /^SP([A-Z0-9]{2,3}?)(\d{7})([0-9A-Z])$/.exec(parts[0]!) : null;
  if (!m) return { ok: false, reason: 'idFormat' };
  const [, device, digits, check] = m as unknown as [string, string, string, string];
  if (checkChar(device + digits) !== check) return { ok: false, reason: 'idCheck' };
  return { ok: true, id: `SP-${device}-${digits}-${check}`, device, number: Number(digits) };
}

/** Does this text look like someone (or a scanner) meant a specimen ID? */
export const looksLikeSpecimenId = (input: string) => /^\s*SP[\s-]*[A-Z0-9]{2}/i.test(input);
