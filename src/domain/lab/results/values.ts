import type { Sex } from '../../patients/fields';
import type { AgeBand, Analyte, QuantitativeAnalyte, ReferenceRange } from './analytes';

/** A value as stored in a result event: a number, or the answer or text that was given. */
export type ResultValue = number | string;

/** H/L outside the reference range, HH/LL beyond a critical limit, A an abnormal answer. */
export type Flag = 'H' | 'L' | 'HH' | 'LL' | 'A';

export type ValueCheck =
  | { ok: true; value: ResultValue }
  | { ok: false; reason: string; params?: Record<string, string | number> };

const DAY_MS = 86_400_000;

/** The age band on a day: under 28 days newborn, under 18 years child (both days YYYY-MM-DD). */
export function ageBand(born: string, day: string): AgeBand {
  const days = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${born}T00:00:00Z`)) / DAY_MS;
  if (days < 28) return 'newborn';
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = day.split('-').map(Number) as [number, number, number];
  const years = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return years < 18 ? 'child' : 'adult';
}

/**
 * The reference range for a patient: the band's range for their sex, else the band's range for
 * every sex. None for another sex when only male and female ranges exist: a flag from the wrong
 * range would mislead, no flag says "judge it yourself".
 */
export function rangeFor(a: Analyte, sex: Sex, band: AgeBand): ReferenceRange | undefined {
  if (a.kind !== 'number') return undefined;
  return a.ranges.find((r) => r.band === band && r.sex === sex) ?? a.ranges.find((r) => r.band === band && r.sex === undefined);
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Check what was typed for an analyte. Refused, with a reason the technician can act on: letters
 * in a number, a negative count, more decimals than the analyte is reported with, a value that
 * cannot be real (Hb 80), an answer not on the list.
 */
export function checkValue(a: Analyte, typed: string): ValueCheck {
  const raw = typed.trim();
  if (a.kind === 'text') {
    if (raw.length > 500) return { ok: false, reason: 'resultTooLong', params: { max: 500 } };
    return { ok: true, value: raw.normalize('NFC').replace(/\s+/g, ' ') };
  }
  if (a.kind === 'choice') {
    const answer = a.answers.find((x) => x.toLowerCase() === raw.toLowerCase());
    return answer ? { ok: true, value: answer } : { ok: false, reason: 'resultNotAnswer', params: { answers: a.answers.join(', ') } };
  }
  const compact = raw.replace(',', '.');
  if (!NUMBER.test(compact)) return { ok: false, reason: 'resultNotNumber' };
  const value = Number(compact);
  if (value < 0 && a.min >= 0) return { ok: false, reason: 'resultNegative' };
  const decimals = compact.includes('.') ? compact.split('.')[1]!.length : 0;
  if (decimals > a.decimals) return { ok: false, reason: 'resultDecimals', params: { decimals: a.decimals } };
  if (value < a.min || value > a.max) return { ok: false, reason: 'resultImpossible', params: { min: a.min, max: a.max, unit: a.unit } };
  return { ok: true, value };
}

/** The flag of a value against the patient's range and the analyte's critical limits. */
export function flagOf(a: Analyte, value: ResultValue, range: ReferenceRange | undefined): Flag | null {
  if (a.kind === 'choice') return typeof value === 'string' && !a.normal.includes(value) ? 'A' : null;
  if (a.kind !== 'number' || typeof value !== 'number') return null;
  if (a.criticalLow !== undefined && value < a.criticalLow) return 'LL';
  if (a.criticalHigh !== undefined && value > a.criticalHigh) return 'HH';
  if (range?.low !== undefined && value < range.low) return 'L';
  if (range?.high !== undefined && value > range.high) return 'H';
  return null;
}

export const isCritical = (flag: Flag | null): boolean => flag === 'HH' || flag === 'LL';

/** A number as the analyte is reported: its decimal places, always. */
export function formatValue(a: Analyte, value: ResultValue): string {
  return a.kind === 'number' && typeof value === 'number' ? value.toFixed(a.decimals) : String(value);
}

/** "13.0–17.0", "< 200", "≥ 40", or "" when the band has no range. */
export function formatRange(a: QuantitativeAnalyte, r: ReferenceRange | undefined): string {
  if (!r) return '';
  const f = (n: number) => n.toFixed(a.decimals);
  if (r.low !== undefined && r.high !== undefined) return `${f(r.low)}–${f(r.high)}`;
  if (r.high !== undefined) return `≤ ${f(r.high)}`;
  if (r.low !== undefined) return `≥ ${f(r.low)}`;
  return '';
}
