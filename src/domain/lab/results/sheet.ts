import type { Issue } from '../../errors';
import type { Sex } from '../../patients/fields';
import type { AgeBand, Analyte, AnalyteCatalogue, ReferenceRange } from './analytes';
import { calculate, crossCheck } from './calculations';
import { checkValue, flagOf, isCritical, rangeFor, type Flag, type ResultValue } from './values';

/** One stored value: of which test's analyte, and whether the app computed it. */
export interface ResultEntry {
  test: string;
  analyte: string;
  value: ResultValue;
  calculated?: true;
}

/** A grid row: the definition, the patient's range, what was typed and what it amounts to. */
export interface SheetLine {
  key: string;
  test: string;
  analyte: Analyte;
  range: ReferenceRange | undefined;
  typed: string;
  value?: ResultValue;
  flag: Flag | null;
  critical: boolean;
  calculated: boolean;
  problem?: Issue;
}

export interface Sheet {
  lines: SheetLine[];
  entries: ResultEntry[];
  issues: Issue[];
  /** Every analyte that is neither optional nor calculated has a value. */
  complete: boolean;
}

export interface SheetPatient {
  sex: Sex;
  band: AgeBand;
}

export const lineKey = (test: string, analyte: string) => `${test}.${analyte}`;

/** A test the analyte catalogue does not describe (a test added later) is reported as text. */
const FALLBACK = (test: string): Analyte[] => [{ code: 'REPORT', name: `${test} report`, nameHi: `${test} रिपोर्ट`, kind: 'text' }];

export function analytesOf(catalogue: AnalyteCatalogue, test: string): readonly Analyte[] {
  return catalogue.tests[test] ?? FALLBACK(test);
}

/**
 * The result grid of a specimen's tests from what was typed (by line key): each value checked,
 * flagged against the patient's range, calculated values computed, cross-checks applied. Pure:
 * the screen calls it on every keystroke, the use-case once more before anything is stored.
 */
export function buildSheet(catalogue: AnalyteCatalogue, tests: readonly string[], patient: SheetPatient, typed: Readonly<Record<string, string>>): Sheet {
  const lines: SheetLine[] = [];
  const issues: Issue[] = [];
  let complete = true;
  for (const test of tests) {
    const defs = analytesOf(catalogue, test);
    const numbers = new Map<string, number>();
    const testLines: SheetLine[] = [];
    for (const a of defs) {
      const key = lineKey(test, a.code);
      const range = rangeFor(a, patient.sex, patient.band);
      const line: SheetLine = { key, test, analyte: a, range, typed: typed[key] ?? '', flag: null, critical: false, calculated: a.kind === 'number' && Boolean(a.calc) };
      testLines.push(line);
      if (line.calculated) continue;
      if (!line.typed.trim()) {
        if (!a.optional) complete = false;
        continue;
      }
      const checked = checkValue(a, line.typed);
      if (!checked.ok) {
        line.problem = { path: key, code: checked.reason, ...(checked.params ? { params: checked.params } : {}) };
        continue;
      }
      line.value = checked.value;
      if (typeof checked.value === 'number') numbers.set(a.code, checked.value);
    }
    for (const p of crossCheck(numbers)) {
      const line = testLines.find((l) => l.analyte.code === p.analyte);
      if (line && !line.problem) line.problem = { path: line.key, code: p.reason };
    }
    for (const line of testLines) {
      const a = line.analyte;
      if (line.calculated && a.kind === 'number' && a.calc && !testLines.some((l) => l.problem)) {
        const value = calculate(a.calc, numbers, a.decimals);
        if (value !== null && value >= a.min && value <= a.max) line.value = value;
      }
      if (line.problem) {
        issues.push(line.problem);
        delete line.value;
      }
      if (line.value !== undefined) {
        line.flag = flagOf(a, line.value, line.range);
        line.critical = isCritical(line.flag);
      }
    }
    lines.push(...testLines);
  }
  const entries = lines.filter((l) => l.value !== undefined)
    .map((l): ResultEntry => ({ test: l.test, analyte: l.analyte.code, value: l.value!, ...(l.calculated ? { calculated: true as const } : {}) }));
  return { lines, entries, issues, complete: complete && issues.length === 0 };
}

/** What was stored, back as typed text (to reopen a draft or amend a released result). */
export function typedFrom(catalogue: AnalyteCatalogue, entries: readonly ResultEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    if (e.calculated) continue;
    const a = analytesOf(catalogue, e.test).find((x) => x.code === e.analyte);
    out[lineKey(e.test, e.analyte)] = a?.kind === 'number' && typeof e.value === 'number' ? e.value.toFixed(a.decimals) : String(e.value);
  }
  return out;
}

/** A stored value with its definition, the patient's range and its flag, as a report shows it. */
export interface FlaggedEntry extends ResultEntry {
  def: Analyte | undefined;
  range: ReferenceRange | undefined;
  flag: Flag | null;
  critical: boolean;
}

export function flagEntries(catalogue: AnalyteCatalogue, patient: SheetPatient, entries: readonly ResultEntry[]): FlaggedEntry[] {
  return entries.map((e) => {
    const def = analytesOf(catalogue, e.test).find((a) => a.code === e.analyte);
    const range = def ? rangeFor(def, patient.sex, patient.band) : undefined;
    const flag = def ? flagOf(def, e.value, range) : null;
    return { ...e, def, range, flag, critical: isCritical(flag) };
  });
}

/** The critical values among entries, as stored (what a call-out must cover). */
export const criticalEntries = (catalogue: AnalyteCatalogue, patient: SheetPatient, entries: readonly ResultEntry[]): ResultEntry[] =>
  flagEntries(catalogue, patient, entries).filter((e) => e.critical)
    .map(({ test, analyte, value, calculated }) => ({ test, analyte, value, ...(calculated ? { calculated } : {}) }));
