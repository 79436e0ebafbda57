import { ALPHABET } from './checkChar';
import type { IdCheck } from './checkedId';
import { parseSpecimenId } from './specimenId';

/**
 * The compact form of a specimen ID, for labels too narrow to carry SP-K7-0000123-4 with bars of
 * at least two printer dots: 14 digits, which Code 128's numeric set C packs two to a symbol, so
 * the barcode is 112 modules instead of 189–200. Only barcodes carry it; the label still shows
 * the full ID as text, and the lab's scan handling turns it back into that ID.
 *
 *   DDDDD NNNNNNN CC
 *   DDDDD    the device code as a number: a 2-character code is its base-36 value (0–1295), a
 *            3-character code 1296 plus its base-36 value (1296–47951), so the length is never
 *            ambiguous (K7 → 00727, "007" and "07" differ)
 *   NNNNNNN  the specimen number
 *   CC       the ID's check character, as its place in 0–9A–Z (00–35)
 *
 * The check character still guards the whole: a compact form whose check does not match what it
 * decodes to is refused as "not valid", like a misread full ID.
 */
export const COMPACT_SPECIMEN_LENGTH = 14;
const COMPACT = /^(\d{5})(\d{7})(\d{2})$/;
const TWO_CHAR_CODES = 36 ** 2;
const DEVICE_CODES = TWO_CHAR_CODES + 36 ** 3;

/** The compact form of a valid specimen ID (throws on anything else: we only print our own IDs). */
export function compactSpecimenId(id: string): string {
  const parsed = parseSpecimenId(id);
  if (!parsed.ok) throw new RangeError(`compactSpecimenId: ${id} is not a valid specimen ID`);
  const check = ALPHABET.indexOf(parsed.id.slice(-1));
  const device = deviceNumber(parsed.device);
  return `${pad(device, 5)}${pad(parsed.number, 7)}${pad(check, 2)}`;
}

/** Spaces are forgiven (someone may type it in groups); anything but 14 digits is not this form. */
export const looksLikeCompactSpecimenId = (input: string) => /^\d{14}$/.test(input.replace(/\s/g, ''));

/** The specimen a compact form stands for; a compact form that does not decode or check is "not valid". */
export function parseCompactSpecimenId(input: string): IdCheck {
  const m = COMPACT.exec(input.replace(/\s/g, ''));
  if (!m) return { ok: false, reason: 'idFormat' };
  const [, deviceField, numberField, checkField] = m as unknown as [string, string, string, string];
  const device = deviceCode(Number(deviceField));
  const check = ALPHABET[Number(checkField)];
  const number = Number(numberField);
  // Out-of-range fields are a misread or mistyped compact form, never another kind of ID.
  if (device === null || check === undefined || number < 1) return { ok: false, reason: 'idCheck' };
  const full = parseSpecimenId(`SP-${device}-${numberField}-${check}`);
  return full.ok ? full : { ok: false, reason: 'idCheck' };
}

function deviceNumber(code: string): number {
  const value = [...code].reduce((n, ch) => n * 36 + ALPHABET.indexOf(ch), 0);
  return code.length === 2 ? value : TWO_CHAR_CODES + value;
}

function deviceCode(n: number): string | null {
  if (n >= DEVICE_CODES) return null;
  const [value, length] = n < TWO_CHAR_CODES ? [n, 2] : [n - TWO_CHAR_CODES, 3];
  let code = '';
  for (let rest = value, i = 0; i < length; i += 1, rest = Math.floor(rest / 36)) code = ALPHABET[rest % 36]! + code;
  return code;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
