import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonicalJson';
import { buildEvent } from '../../src/domain/events/envelope';
import { ValidationError } from '../../src/domain/errors';
import { sha256Hex } from '../../src/domain/hash';
import { CATALOGUE_VERSION, labTestList } from '../../src/domain/lab/catalogue';
import { DEFAULT_CATALOGUE } from '../../src/domain/lab/defaultCatalogue';
import { CONTAINERS, SECTIONS } from '../../src/domain/lab/containers';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { toIssues } from '../../src/domain/validation';

const codes = (r: { success: boolean; error?: unknown }) => (r.success ? [] : toIssues(r.error as never).map((i) => `${i.path}:${i.code}`));
const at = '2026-11-26T10:21:33.120Z';
function issues(type: string, data: unknown) {
  try {
    buildEvent({ type: type as never, data, device: 'K7', head: null, at, by: 'Meena Das' });
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}:${i.code}`);
    throw err;
  }
  return [];
}

describe('default test catalogue', () => {
  it('has at least 30 valid tests across every section, and uses most container types', () => {
    expect(DEFAULT_CATALOGUE.tests.length).toBeGreaterThanOrEqual(30);
    expect(labTestList.safeParse(DEFAULT_CATALOGUE.tests).success).toBe(true);
    expect(new Set(DEFAULT_CATALOGUE.tests.map((t) => t.section))).toEqual(new Set(SECTIONS));
    expect(new Set(DEFAULT_CATALOGUE.tests.map((t) => t.container))).toEqual(new Set(CONTAINERS));
    expect(DEFAULT_CATALOGUE.version).toMatch(CATALOGUE_VERSION);
  });

  it('is frozen: requests made with BASE-1 must always show the same tests (publish a new version instead)', () => {
    expect(sha256Hex(canonicalJson(DEFAULT_CATALOGUE))).toBe('ac6c98809a8a446aaa72fcc515cbcc879d1bec7974e47571cad131540107106e');
  });

  it.each([
    [[], ':noTests'],
    [[{ ...DEFAULT_CATALOGUE.tests[0], code: 'cbc 1' }], '0.code:testCode'],
    [[DEFAULT_CATALOGUE.tests[0], DEFAULT_CATALOGUE.tests[0]], '1.code:duplicateCode'],
    [[{ ...DEFAULT_CATALOGUE.tests[0], container: 'BUCKET' }], '0.container:container'],
    [[{ ...DEFAULT_CATALOGUE.tests[0], sample: '' }], '0.sample:required'],
    [[{ ...DEFAULT_CATALOGUE.tests[0], name: '' }], '0.name:required'],
  ])('refuses a bad edit (%#)', (list, code) => {
    expect(codes(labTestList.safeParse(list))).toContain(code);
  });

  it('reads typed codes in capitals', () => {
    const r = labTestList.safeParse([{ ...DEFAULT_CATALOGUE.tests[0], code: ' esr2 ' }]);
    expect(r.success && r.data[0]!.code).toBe('ESR2');
  });
});

describe('lab event schemas', () => {
  const sp = (n: number) => formatSpecimenId('K7', n);
  const request = {
    request: 'LR-K7-0000001', patient: 'DT-K7-000001-1', catalogueVersion: 'BASE-1', tests: ['CBC', 'LFT'], priority: 'stat',
    dept: 'MED', clinician: 'Dr. Meena Iyer',
    specimens: [{ specimen: sp(1), container: 'EDTA', sample: 'wholeBlood', tests: ['CBC'] }, { specimen: sp(2), container: 'PLAIN', sample: 'serum', tests: ['LFT'] }],
  };

  it('accepts a well-formed requisition', () => {
    expect(issues('lab.requested', request)).toEqual([]);
  });

  it.each([
    [{ ...request, tests: [] }, 'tests:noTests'],
    [{ ...request, tests: ['CBC', 'LFT', 'KFT'] }, 'specimens:specimenTests'],
    [{ ...request, specimens: [{ ...request.specimens[0]!, tests: ['CBC', 'LFT'] }, request.specimens[1]] }, 'specimens:specimenTests'],
    [{ ...request, specimens: [request.specimens[0], { ...request.specimens[1]!, specimen: sp(1) }] }, 'specimens:duplicateSpecimen'],
    [{ ...request, specimens: [{ ...request.specimens[0]!, specimen: sp(1).slice(0, -1) + (sp(1).endsWith('0') ? '1' : '0') }, request.specimens[1]] }, 'specimens.0.specimen:specimenId'],
    [{ ...request, priority: 'asap' }, 'priority:notAllowed'],
    [{ ...request, catalogueVersion: 'v2' }, 'catalogueVersion:catalogueVersion'],
  ])('refuses a malformed requisition (%#)', (data, code) => {
    expect(issues('lab.requested', data)).toContain(code);
  });

  it('needs a reason to reject, and a note when the reason is "other"', () => {
    expect(issues('specimen.rejected', { specimen: sp(1) })).toEqual(['reason:rejectReason']);
    expect(issues('specimen.rejected', { specimen: sp(1), reason: 'bad' })).toEqual(['reason:rejectReason']);
    expect(issues('specimen.rejected', { specimen: sp(1), reason: 'other' })).toEqual(['note:rejectNote']);
    expect(issues('specimen.rejected', { specimen: sp(1), reason: 'haemolysed' })).toEqual([]);
  });

  it('prints labels per specimen on label paper and slips on A5', () => {
    expect(issues('lab.printed', { request: 'LR-K7-0000001', what: 'labels', paper: '50x25', copy: 1, specimen: sp(1) })).toEqual([]);
    expect(issues('lab.printed', { request: 'LR-K7-0000001', what: 'slip', paper: 'A5', copy: 2 })).toEqual([]);
    expect(issues('lab.printed', { request: 'LR-K7-0000001', what: 'labels', paper: 'A5', copy: 1, specimen: sp(1) })).toEqual(['what:printTarget']);
    expect(issues('lab.printed', { request: 'LR-K7-0000001', what: 'labels', paper: '38x25', copy: 1 })).toEqual(['what:printTarget']);
  });

  it('moves tubes in batches without repeating one', () => {
    expect(issues('specimen.received', { specimens: [] })).toEqual(['specimens:noSpecimens']);
    expect(issues('specimen.received', { specimens: [sp(1), sp(1)] })).toEqual(['specimens:duplicateSpecimen']);
    expect(issues('specimen.collected', { specimens: [sp(1)], collectedAt: at, collectedBy: '42' })).toEqual(['collectedBy:personName']);
  });
});
