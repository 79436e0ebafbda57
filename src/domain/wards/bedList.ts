import type { Issue } from '../errors';
import { BED_TYPES, type BedType } from './codes';

export interface BedDef {
  label: string;
  type: BedType;
}

/** A bed's label as printed on the bed: short, letters and digits, a hyphen or space inside. */
export const BED_LABEL = /^[A-Z0-9](?:[A-Z0-9 -]{0,6}[A-Z0-9])?$/;
export const MAX_BEDS = 200;

/**
 * The beds of a ward as a clerk types them, one group a line: labels or ranges, then a bed type
 * when it is not "general" ("1-20", "ICU1-ICU4 icu", "C1 C2 cot"). A range keeps its letters
 * and counts the number at its end. Labels are upper-cased; each may appear once.
 */
export function parseBedList(source: string): { beds: BedDef[]; issues: Issue[] } {
  const beds: BedDef[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const fail = (code: string, params: Record<string, string | number> = {}) => issues.push({ path: 'beds', code, params });
  for (const line of source.split(/\r?\n/)) {
    const words = line.trim().split(/[\s,]+/).filter(Boolean);
    if (!words.length) continue;
    const last = words[words.length - 1]!.toLowerCase();
    const typed = (BED_TYPES as readonly string[]).includes(last);
    if (typed) words.pop();
    const type: BedType = typed ? (last as BedType) : 'general';
    for (const word of words) {
      const labels = expand(word.toUpperCase());
      if (!labels) { fail('bedLabel', { label: word }); continue; }
      for (const label of labels) {
        if (seen.has(label)) { fail('bedTwice', { label }); continue; }
        seen.add(label);
        beds.push({ label, type });
      }
    }
  }
  if (!beds.length && !issues.length) fail('required');
  if (beds.length > MAX_BEDS) fail('tooManyBeds', { max: MAX_BEDS });
  return { beds, issues };
}

/** "A1-A20" → A1…A20; "7" → 7; null for what is neither a label nor a range of them. */
function expand(word: string): string[] | null {
  const range = /^([A-Z]*)(\d+)-\1?(\d+)$/.exec(word);
  if (range) {
    const [, prefix = '', from, to] = range as unknown as [string, string, string, string];
    const a = Number(from);
    const b = Number(to);
    if (b < a || b - a >= MAX_BEDS) return null;
    const out: string[] = [];
    for (let n = a; n <= b; n += 1) out.push(`${prefix}${n}`);
    return out.every((l) => BED_LABEL.test(l)) ? out : null;
  }
  return BED_LABEL.test(word) ? [word] : null;
}

/** The bed list written back as parseBedList reads it (for editing a ward): runs of one type as ranges. */
export function bedListText(beds: readonly BedDef[]): string {
  const lines: string[] = [];
  let run: { prefix: string; from: number; to: number; type: BedType; label: string } | null = null;
  const flush = () => {
    if (!run) return;
    const labels = run.from === run.to ? run.label : `${run.prefix}${run.from}-${run.prefix}${run.to}`;
    lines.push(run.type === 'general' ? labels : `${labels} ${run.type}`);
  };
  for (const bed of beds) {
    const m = /^([A-Z]*)(\d+)$/.exec(bed.label);
    const prefix = m?.[1] ?? '';
    const n = m && !m[2]!.startsWith('0') ? Number(m[2]) : NaN;
    if (run && !Number.isNaN(n) && run.prefix === prefix && run.type === bed.type && run.to + 1 === n) {
      run.to = n;
      continue;
    }
    flush();
    run = { prefix, from: n, to: n, type: bed.type, label: bed.label };
    if (Number.isNaN(n)) { flush(); run = null; }
  }
  flush();
  return lines.join('\n');
}
