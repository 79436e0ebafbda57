import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonicalJson';
import { sha256Hex } from '../../src/domain/hash';
import { DEFAULT_CATALOGUE } from '../../src/domain/lab/defaultCatalogue';
import { testAnalytes, type Analyte } from '../../src/domain/lab/results/analytes';
import { calculate } from '../../src/domain/lab/results/calculations';
import { DEFAULT_ANALYTES } from '../../src/domain/lab/results/defaultAnalytes';
import { buildSheet, typedFrom } from '../../src/domain/lab/results/sheet';
import { ageBand, checkValue, flagOf, formatRange, rangeFor } from '../../src/domain/lab/results/values';

const def = (test: string, code: string) => DEFAULT_ANALYTES.tests[test]!.find((a) => a.code === code)!;
const HB = def('CBC', 'HB');
const adultMan = { sex: 'M' as const, band: 'adult' as const };

describe('analyte catalogue', () => {
  it('describes every built-in test with valid analytes, panels included', () => {
    for (const t of DEFAULT_CATALOGUE.tests) {
      const list = DEFAULT_ANALYTES.tests[t.code];
      expect(list, t.code).toBeDefined();
      expect(testAnalytes.safeParse(list).success, t.code).toBe(true);
    }
    expect(DEFAULT_ANALYTES.tests.CBC!.map((a) => a.code)).toEqual(expect.arrayContaining(['HB', 'WBC', 'PLT', 'NEUT', 'ANC']));
    expect(DEFAULT_ANALYTES.tests.URM!.find((a) => a.code === 'SUGAR')).toMatchObject({ kind: 'choice', answers: ['Nil', 'Trace', '+', '++', '+++', '++++'] });
    expect(HB).toMatchObject({ unit: 'g/dL', loinc: '718-7', decimals: 1, criticalLow: 7 });
  });

  it('is frozen: reports made with BASE-1 must always show the same ranges (publish a new version instead)', () => {
    expect(DEFAULT_ANALYTES.version).toBe('BASE-1');
    expect(sha256Hex(canonicalJson(DEFAULT_ANALYTES))).toBe('d9b7f23074adb18949912150444e6f20e941af058fc54e5a918f62d73351205a');
  });

  it('refuses a definition whose limits or normal answers make no sense', () => {
    const bad: Analyte[] = [{ ...HB, min: 30, max: 1 } as Analyte, { code: 'X', name: 'x', nameHi: 'x', kind: 'choice', answers: ['A', 'B'], normal: ['C'] }];
    expect(testAnalytes.safeParse(bad).success).toBe(false);
  });
});

describe('checking a typed value', () => {
  it.each([
    ['13.5', { ok: true, value: 13.5 }],
    [' 9 ', { ok: true, value: 9 }],
    ['80', { ok: false, reason: 'resultImpossible' }],
    ['12a', { ok: false, reason: 'resultNotNumber' }],
    ['-3', { ok: false, reason: 'resultNegative' }],
    ['13.55', { ok: false, reason: 'resultDecimals' }],
    ['1.2.3', { ok: false, reason: 'resultNotNumber' }],
  ])('Hb %s', (typed, expected) => {
    expect(checkValue(HB, typed)).toMatchObject(expected);
  });

  it('takes only the listed answers of a qualitative analyte, in any case', () => {
    const sugar = def('URM', 'SUGAR');
    expect(checkValue(sugar, 'trace')).toEqual({ ok: true, value: 'Trace' });
    expect(checkValue(sugar, 'lots')).toMatchObject({ ok: false, reason: 'resultNotAnswer' });
    expect(flagOf(sugar, '++', undefined)).toBe('A');
    expect(flagOf(sugar, 'Nil', undefined)).toBeNull();
  });
});

describe('ranges and flags', () => {
  it('reads the age band from the date of birth', () => {
    expect(ageBand('2026-11-20', '2026-11-26')).toBe('newborn');
    expect(ageBand('2026-01-01', '2026-11-26')).toBe('child');
    expect(ageBand('2008-11-27', '2026-11-26')).toBe('child');
    expect(ageBand('2008-11-26', '2026-11-26')).toBe('adult');
  });

  it('picks the range by sex and band, and flags H, L and the critical HH, LL', () => {
    expect(formatRange(HB as never, rangeFor(HB, 'M', 'adult'))).toBe('13.0–17.0');
    expect(formatRange(HB as never, rangeFor(HB, 'F', 'adult'))).toBe('12.0–15.0');
    expect(formatRange(HB as never, rangeFor(HB, 'F', 'newborn'))).toBe('14.0–22.0');
    expect(rangeFor(HB, 'O', 'adult')).toBeUndefined();
    const r = rangeFor(HB, 'M', 'adult');
    expect([flagOf(HB, 12.9, r), flagOf(HB, 15, r), flagOf(HB, 17.1, r), flagOf(HB, 6.9, r), flagOf(HB, 20.5, r)]).toEqual(['L', null, 'H', 'LL', 'HH']);
    // A newborn's Hb of 16 is normal; the same in an adult man is not flagged either, a woman's is high.
    expect(flagOf(HB, 16, rangeFor(HB, 'F', 'adult'))).toBe('H');
    expect(flagOf(HB, 16, rangeFor(HB, 'F', 'newborn'))).toBeNull();
  });
});

describe('calculated values', () => {
  it('computes indirect bilirubin, Friedewald LDL (not above TG 400) and absolute counts', () => {
    expect(calculate('indirectBilirubin', new Map([['TBIL', 2.4], ['DBIL', 0.6]]), 1)).toBe(1.8);
    expect(calculate('ldlFriedewald', new Map([['CHOL', 220], ['HDL', 40], ['TG', 150]]), 0)).toBe(150);
    expect(calculate('ldlFriedewald', new Map([['CHOL', 220], ['HDL', 40], ['TG', 450]]), 0)).toBeNull();
    expect(calculate('absNeutrophils', new Map([['WBC', 8.5], ['NEUT', 70]]), 2)).toBe(5.95);
    expect(calculate('absNeutrophils', new Map([['WBC', 8.5]]), 2)).toBeNull();
  });
});

describe('the result sheet', () => {
  const cbc = {
    'CBC.HB': '6.2', 'CBC.RBC': '3.10', 'CBC.HCT': '20.5', 'CBC.MCV': '66.0', 'CBC.MCH': '20.0', 'CBC.MCHC': '30.3', 'CBC.WBC': '8.50',
    'CBC.NEUT': '70', 'CBC.LYMPH': '22', 'CBC.MONO': '5', 'CBC.EOS': '2', 'CBC.BASO': '1', 'CBC.PLT': '250',
  };

  it('checks, flags and completes a CBC, with the absolute counts calculated and marked', () => {
    const s = buildSheet(DEFAULT_ANALYTES, ['CBC'], adultMan, cbc);
    expect(s.issues).toEqual([]);
    expect(s.complete).toBe(true);
    const line = (code: string) => s.lines.find((l) => l.analyte.code === code)!;
    expect(line('HB')).toMatchObject({ value: 6.2, flag: 'LL', critical: true });
    expect(line('MCV')).toMatchObject({ flag: 'L', critical: false });
    expect(line('ANC')).toMatchObject({ value: 5.95, calculated: true, flag: null });
    expect(s.entries.find((e) => e.analyte === 'ANC')).toEqual({ test: 'CBC', analyte: 'ANC', value: 5.95, calculated: true });
    expect(s.entries.some((e) => e.analyte === 'RDW')).toBe(false); // optional, not typed
  });

  it('is incomplete while a required analyte is empty, and refuses garbage with its reason', () => {
    expect(buildSheet(DEFAULT_ANALYTES, ['CBC'], adultMan, { 'CBC.HB': '13.1' }).complete).toBe(false);
    const s = buildSheet(DEFAULT_ANALYTES, ['CBC'], adultMan, { ...cbc, 'CBC.HB': '80', 'CBC.PLT': 'abc', 'CBC.BASO': '20' });
    expect(s.issues.map((i) => `${i.path}:${i.code}`)).toEqual(['CBC.HB:resultImpossible', 'CBC.BASO:resultDifferentialSum', 'CBC.PLT:resultNotNumber']);
    expect(s.complete).toBe(false);
    expect(s.entries.some((e) => e.calculated)).toBe(false); // nothing computed from a sheet with errors
  });

  it('refuses a direct bilirubin above the total, and computes the indirect one otherwise', () => {
    const lft = { 'LFT.TBIL': '1.0', 'LFT.DBIL': '1.5' };
    expect(buildSheet(DEFAULT_ANALYTES, ['LFT'], adultMan, lft).issues.map((i) => i.code)).toEqual(['resultDirectAboveTotal']);
    const ok = buildSheet(DEFAULT_ANALYTES, ['LFT'], adultMan, { ...lft, 'LFT.DBIL': '0.4' });
    expect(ok.lines.find((l) => l.analyte.code === 'IBIL')).toMatchObject({ value: 0.6, calculated: true });
  });

  it('reports a test the analyte catalogue does not know as text, and turns entries back into typed text', () => {
    const s = buildSheet(DEFAULT_ANALYTES, ['NEWT'], adultMan, { 'NEWT.REPORT': 'see attached' });
    expect(s.entries).toEqual([{ test: 'NEWT', analyte: 'REPORT', value: 'see attached' }]);
    const full = buildSheet(DEFAULT_ANALYTES, ['CBC'], adultMan, cbc);
    expect(typedFrom(DEFAULT_ANALYTES, full.entries)).toEqual(cbc);
  });
});

describe('cumulative view', () => {
  it('puts earlier released values of the same analytes side by side, newest first, whichever test carried them', async () => {
    const { cumulativeTable } = await import('../../src/domain/lab/results/cumulative');
    const table = cumulativeTable([
      { specimen: 'A', at: '2026-11-20T04:00:00.000Z', values: [{ test: 'CBC', analyte: 'HB', value: 9.1 }, { test: 'CBC', analyte: 'PLT', value: 150 }] },
      { specimen: 'B', at: '2026-11-24T04:00:00.000Z', values: [{ test: 'HB', analyte: 'HB', value: 10.2 }] },
      { specimen: 'C', at: '2026-11-25T04:00:00.000Z', values: [{ test: 'KFT', analyte: 'UREA', value: 30 }] },
    ], ['HB', 'WBC', 'PLT']);
    expect(table.columns.map((c) => c.specimen)).toEqual(['B', 'A']);
    expect(table.rows).toEqual([{ analyte: 'HB', values: [10.2, 9.1] }, { analyte: 'PLT', values: [undefined, 150] }]);
  });
});
