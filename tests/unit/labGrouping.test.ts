import { describe, expect, it } from 'vitest';
import type { LabTest } from '../../src/domain/lab/catalogue';
import { DEFAULT_CATALOGUE } from '../../src/domain/lab/defaultCatalogue';
import { groupSpecimens } from '../../src/domain/lab/grouping';
import { resolveTests } from '../../src/domain/lab/requisition';

const tests = (...codes: string[]): LabTest[] => {
  const r = resolveTests(codes, DEFAULT_CATALOGUE);
  if (!r.ok) throw new Error(`unknown ${r.unknown.join()}`);
  return r.tests;
};
const shape = (codes: string[]) => groupSpecimens(tests(...codes)).map((g) => `${g.container}/${g.sample}:${g.tests.join('+')}`);

describe('specimen grouping', () => {
  it('puts tests that share a container and a sample in one tube', () => {
    expect(shape(['CBC', 'ESR', 'HBA1C'])).toEqual(['EDTA/wholeBlood:CBC+ESR+HBA1C']);
    expect(shape(['LFT', 'KFT', 'HIV'])).toEqual(['PLAIN/serum:LFT+KFT+HIV']);
  });

  it('gives each container type its own specimen, in the order of draw', () => {
    expect(shape(['URM', 'CBC', 'LFT', 'PT', 'RBS'])).toEqual([
      'CITR/plasma:PT', 'PLAIN/serum:LFT', 'EDTA/wholeBlood:CBC', 'FLUOR/plasma:RBS', 'URINE/urine:URM',
    ]);
  });

  it('keeps different samples apart even in the same kind of container', () => {
    expect(shape(['UCS', 'SPCS', 'AFB'])).toEqual(['STER/urine:UCS', 'STER/sputum:SPCS+AFB']);
  });

  it('gives timed and separate draws a container each', () => {
    expect(shape(['FBS', 'PPBS', 'RBS'])).toEqual(['FLUOR/plasma:FBS', 'FLUOR/plasma:PPBS', 'FLUOR/plasma:RBS']);
    expect(shape(['BCS', 'CBC'])).toEqual(['BCB/wholeBlood:BCS', 'EDTA/wholeBlood:CBC']);
  });

  it('is deterministic and independent of how often a test was ticked', () => {
    expect(shape(['CBC', 'LFT', 'CBC'])).toEqual(shape(['CBC', 'LFT']));
    expect(groupSpecimens(tests('LFT', 'CBC', 'KFT'))).toEqual(groupSpecimens(tests('LFT', 'CBC', 'KFT')));
  });

  it('reports unknown codes instead of guessing', () => {
    expect(resolveTests(['CBC', 'XYZ', 'FOO'], DEFAULT_CATALOGUE)).toEqual({ ok: false, unknown: ['XYZ', 'FOO'] });
  });
});
