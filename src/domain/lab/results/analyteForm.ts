import { ValidationError, type Issue } from '../../errors';
import type { AgeBand, Analyte } from './analytes';

/**
 * The analyte editor's fields as typed (text boxes hold text): one analyte per row, numbers as
 * typed, answers as one comma-separated line. `fromForm` turns them back into analytes, with
 * each typing mistake on its field's path; the rules on ranges and limits are the schema's.
 */
export interface RangeForm { band: AgeBand; sex: '' | 'M' | 'F'; low: string; high: string }
export interface AnalyteForm {
  code: string;
  kind: Analyte['kind'];
  unit: string;
  decimals: string;
  min: string;
  max: string;
  criticalLow: string;
  criticalHigh: string;
  ranges: RangeForm[];
  answers: string;
  normal: string;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
const list = (line: string) => line.split(',').map((x) => x.trim()).filter(Boolean);
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

export function toForm(a: Analyte): AnalyteForm {
  const blank = { unit: '', decimals: '', min: '', max: '', criticalLow: '', criticalHigh: '', ranges: [], answers: '', normal: '' };
  if (a.kind === 'choice') return { ...blank, code: a.code, kind: a.kind, answers: a.answers.join(', '), normal: a.normal.join(', ') };
  if (a.kind === 'text') return { ...blank, code: a.code, kind: a.kind };
  return {
    ...blank, code: a.code, kind: a.kind, unit: a.unit, decimals: String(a.decimals), min: String(a.min), max: String(a.max),
    criticalLow: text(a.criticalLow), criticalHigh: text(a.criticalHigh),
    ranges: a.ranges.map((r) => ({ band: r.band, sex: r.sex ?? '', low: text(r.low), high: text(r.high) })),
  };
}

/**
 * The edited analytes: what the form does not show (names, LOINC, calculation) is kept from
 * `current`, matched by position, so an edit can only change what the screen offers.
 */
export function fromForm(current: readonly Analyte[], forms: readonly AnalyteForm[]): Analyte[] {
  const issues: Issue[] = [];
  const num = (path: string, typed: string, required: boolean): number | undefined => {
    const raw = typed.trim().replace(',', '.');
    if (!raw) {
      if (required) issues.push({ path, code: 'required' });
      return undefined;
    }
    if (!NUMBER.test(raw)) {
      issues.push({ path, code: 'resultNotNumber' });
      return undefined;
    }
    return Number(raw);
  };
  const out = forms.map((f, i): Analyte => {
    const base = current[i];
    const at = (field: string) => `analytes.${i}.${field}`;
    if (!base || base.code !== f.code || base.kind !== f.kind) {
      issues.push({ path: 'analytes', code: 'analyteStructure' });
      return base ?? ({ code: f.code, name: f.code, nameHi: f.code, kind: 'text' } as Analyte);
    }
    if (base.kind === 'text') return base;
    if (base.kind === 'choice') return { ...base, answers: list(f.answers), normal: list(f.normal) };
    const { criticalLow: _l, criticalHigh: _h, ...rest } = base;
    const criticalLow = num(at('criticalLow'), f.criticalLow, false);
    const criticalHigh = num(at('criticalHigh'), f.criticalHigh, false);
    return {
      ...rest,
      unit: f.unit.trim(),
      decimals: num(at('decimals'), f.decimals, true) ?? 0,
      min: num(at('min'), f.min, true) ?? 0,
      max: num(at('max'), f.max, true) ?? 0,
      ranges: f.ranges.map((r, j) => {
        const low = num(at(`ranges.${j}.low`), r.low, false);
        const high = num(at(`ranges.${j}.high`), r.high, false);
        return { band: r.band, ...(r.sex ? { sex: r.sex } : {}), ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
      }),
      ...(criticalLow !== undefined ? { criticalLow } : {}),
      ...(criticalHigh !== undefined ? { criticalHigh } : {}),
    };
  });
  if (forms.length !== current.length) issues.push({ path: 'analytes', code: 'analyteStructure' });
  if (issues.length) throw new ValidationError(issues, forms, 'analytes');
  return out;
}
