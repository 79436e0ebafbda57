import { checkChar } from './checkChar';

export type IdCheck =
  | { ok: true; id: string; device: string; number: number }
  | { ok: false; reason: 'idFormat' | 'idCheck' };

/**
 * An ID kind of the form <PREFIX>-<device>-<n digits>-<check> (DESIGN.md §3): counted per device,
 * so offline tablets never clash, and checked, so a misread or mistyped ID is never "not found".
 */
export function checkedId(prefix: string, digits: number) {
  const pattern = new RegExp(`^${prefix}-([A-Z0-9]{2,3})-(\\d{${digits}})-([0-9A-Z])$`);
  // Run together, the length says where the device code ends (prefix + device + digits + check).
  const runTogether = new RegExp(`^${prefix}([A-Z0-9]{2,3}?)(\\d{${digits}})([0-9A-Z])$`);
  const start = new RegExp(`^\\s*${prefix}[\\s-]*[A-Z0-9]`, 'i');
  const max = 10 ** digits - 1;

  function format(device: string, n: number): string {
    if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${prefix} number ${n} out of range`);
    const padded = String(n).padStart(digits, '0');
    return `${prefix}-${device}-${padded}-${checkChar(device + padded)}`;
  }

  /**
   * Read an ID as a person or a scanner gave it: case, spaces and missing or extra hyphens are
   * forgiven; a wrong check character is reported as such, not as "not found".
   */
  function parse(input: string): IdCheck {
    const parts = input.toUpperCase().split(/[\s-]+/).filter(Boolean);
    const m = parts.length === 4 ? pattern.exec(parts.join('-')) : runTogether.exec(parts.join(''));
    if (!m) return { ok: false, reason: 'idFormat' };
    const [, device, number, check] = m as unknown as [string, string, string, string];
    if (checkChar(device + number) !== check) return { ok: false, reason: 'idCheck' };
    return { ok: true, id: `${prefix}-${device}-${number}-${check}`, device, number: Number(number) };
  }

  /** Did someone (or a scanner) mean this kind of ID, so that it should be checked rather than searched for? */
  const looksLike = (input: string) => start.test(input);

  return { pattern, format, parse, looksLike };
}
