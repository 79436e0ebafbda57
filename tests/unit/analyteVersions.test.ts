import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonicalJson';
import { ValidationError } from '../../src/domain/errors';
import { validateData } from '../../src/domain/events/envelope';
import { fromForm, toForm } from '../../src/domain/lab/results/analyteForm';
import { resolveAnalytes, type AnalyteVersionRow } from '../../src/domain/lab/results/analyteVersions';
import { DEFAULT_ANALYTES } from '../../src/domain/lab/results/defaultAnalytes';

const issues = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}:${i.code}`);
    throw err;
  }
  return [];
};

describe('analyte editor form', () => {
  it('gives back every built-in analyte unchanged when nothing was edited', () => {
    for (const [test, list] of Object.entries(DEFAULT_ANALYTES.tests)) {
      expect(canonicalJson(fromForm(list, list.map(toForm))), test).toBe(canonicalJson(list));
    }
  });

  it('puts each typing mistake on its field and keeps what the form does not show', () => {
    const kft = DEFAULT_ANALYTES.tests.KFT!;
    const forms = kft.map(toForm);
    forms[1] = { ...forms[1]!, decimals: '', criticalHigh: '1O', ranges: [{ band: 'adult', sex: 'M', low: 'abc', high: '' }] };
    expect(issues(() => fromForm(kft, forms))).toEqual(['analytes.1.criticalHigh:resultNotNumber', 'analytes.1.decimals:required', 'analytes.1.ranges.0.low:resultNotNumber']);
    const cleared = kft.map(toForm);
    cleared[1] = { ...cleared[1]!, criticalHigh: ' ', ranges: [{ band: 'adult', sex: '', low: '0,6', high: '1.2' }] };
    const [, creat] = fromForm(kft, cleared);
    expect(creat).toMatchObject({ code: 'CREAT', loinc: '2160-0', ranges: [{ band: 'adult', low: 0.6, high: 1.2 }] });
    expect(creat).not.toHaveProperty('criticalHigh');
    expect(issues(() => fromForm(kft, [cleared[1]!, cleared[0]!]))).toContain('analytes:analyteStructure');
  });
});

describe('analyte versions', () => {
  const row = (version: string, basedOn: string, test: string): AnalyteVersionRow =>
    ({ version, basedOn, test, device: 'T1', analytes: [...DEFAULT_ANALYTES.tests.ESR!], publishedAt: '2026-12-01T10:00:00.000Z', publishedBy: 'Asha Verma' });

  it('resolves a version through the ones it was based on, and not at all while one is missing or the chain loops', () => {
    const rows = new Map([['T1-1', row('T1-1', 'BASE-1', 'HB')], ['T1-2', row('T1-2', 'T1-1', 'KFT')], ['T2-1', row('T2-1', 'T9-9', 'HB')], ['T3-1', row('T3-1', 'T3-2', 'HB')], ['T3-2', row('T3-2', 'T3-1', 'KFT')]]);
    const v2 = resolveAnalytes('T1-2', rows)!;
    expect(v2.version).toBe('T1-2');
    expect(v2.tests.HB).toEqual(DEFAULT_ANALYTES.tests.ESR);
    expect(v2.tests.KFT).toEqual(DEFAULT_ANALYTES.tests.ESR);
    expect(v2.tests.CBC).toBe(DEFAULT_ANALYTES.tests.CBC);
    expect(resolveAnalytes('T2-1', rows)).toBeUndefined();
    expect(resolveAnalytes('T3-1', rows)).toBeUndefined();
  });

  it('refuses an event whose analytes contradict themselves, as the central store does', () => {
    const kft = DEFAULT_ANALYTES.tests.KFT!;
    const data = (analytes: unknown) => ({ version: 'T1-1', basedOn: 'BASE-1', test: 'KFT', analytes });
    expect(() => validateData('analytes.updated', data(kft))).not.toThrow();
    const crit = kft.map((a) => (a.code === 'UREA' ? { ...a, criticalHigh: 30 } : a));
    expect(issues(() => validateData('analytes.updated', data(crit)))).toEqual(['analytes.0.criticalHigh:criticalInsideRange']);
    const answers = DEFAULT_ANALYTES.tests.HIV!.map((a) => (a.kind === 'choice' ? { ...a, answers: ['Reactive', 'reactive'], normal: ['Negative'] } : a));
    expect(issues(() => validateData('analytes.updated', { ...data(answers), test: 'HIV' }))).toEqual(['analytes.0.answers:duplicateAnswer', 'analytes.0.normal:normalAnswer']);
  });
});
