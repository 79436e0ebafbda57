import { render } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrontDesk } from '../../../src/device/frontDesk';
import { LabDesk } from '../../../src/device/labDesk';
import { ResultDesk } from '../../../src/device/resultDesk';
import { DEFAULT_CATALOGUE } from '../../../src/domain/lab/defaultCatalogue';
import type { Analyte } from '../../../src/domain/lab/results/analytes';
import { DEFAULT_ANALYTES } from '../../../src/domain/lab/results/defaultAnalytes';
import { ResultReport } from '../../../src/print/ResultReport';
import { initI18n, loadLanguage } from '../../../src/ui/i18n';
import { reportData } from '../../../src/ui/lab/printResultReport';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';
import { refusal } from '../../helpers/refusal';

const TECH = { name: 'Meena Das', role: 'lab' as const };
const PATHOLOGIST = { name: 'Kavita Rao', role: 'pathologist' as const };
const KFT = { 'KFT.UREA': '40', 'KFT.CREAT': '1.25' };

beforeAll(async () => { initI18n('en'); await loadLanguage('hi'); });

async function setup() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const patient = await new FrontDesk(h.desk).register(admin, PATIENT);
  const lab = new LabDesk(h.desk);
  const results = new ResultDesk(h.desk);
  /** A released KFT of the adult man, and its printed report's text. */
  const release = async () => {
    const sp = (await lab.request(TECH, { patient: patient.patient, tests: ['KFT'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' })).request.specimens[0]!;
    await lab.collect(TECH, [sp]);
    await lab.receive(TECH, [sp]);
    await results.enter(TECH, sp, KFT);
    await results.verify(PATHOLOGIST, sp);
    return sp;
  };
  const printed = async (sp: string) => {
    const view = (await results.view(sp))!;
    const identity = (await h.desk.identity())!;
    const data = reportData({ view, identity, tests: DEFAULT_CATALOGUE.tests, today: '2026-11-26', paper: 'A4', t: (await import('i18next')).default.t, now: new Date('2026-11-26T06:00:00.000Z'), copy: 1 });
    const { container, unmount } = render(<ResultReport report={data} />);
    const text = container.querySelector('.result-report')!.textContent!;
    unmount();
    return { data, text };
  };
  return { ...h, admin, lab, results, release, printed };
}

/** KFT with the creatinine ranges a lab's new analyser reports. */
const kftWith = (change: (creat: Extract<Analyte, { kind: 'number' }>) => Analyte): Analyte[] =>
  DEFAULT_ANALYTES.tests.KFT!.map((a) => (a.code === 'CREAT' && a.kind === 'number' ? change(a) : a));
const newCreat = kftWith((a) => ({ ...a, ranges: a.ranges.map((r) => (r.band === 'adult' && r.sex === 'M' ? { ...r, low: 0.6, high: 1.2 } : r)) }));

describe('analyte versions', () => {
  it('keeps an earlier report on the ranges it was made with, and enters new results against the new version', async () => {
    const { admin, results, release, printed, desk, db } = await setup();
    const old = await release();
    const before = await printed(old);
    expect(before.text).toContain('0.70–1.30');
    expect(before.data.tests[0]!.lines.find((l) => l.name === 'Creatinine')).toMatchObject({ range: '0.70–1.30', flag: null });

    const v = await results.publishAnalytes(admin, 'KFT', newCreat);
    expect(v.version).toBe('K7-1');
    expect((await results.currentAnalytes()).version).toBe('K7-1');
    expect((await results.analyteHistory())[0]).toMatchObject({ version: 'K7-1', basedOn: 'BASE-1', test: 'KFT', publishedBy: ADMIN.name });

    const after = await printed(old);
    expect(after.text).toContain('0.70–1.30');
    expect(after.text).not.toContain('0.60–1.20');
    expect(after.data.analyteVersion).toBe('BASE-1');

    const fresh = await release();
    const now = await printed(fresh);
    expect(now.data.analyteVersion).toBe('K7-1');
    expect(now.text).toContain('0.60–1.20');
    expect(now.text).toContain('K7-1');
    // The same value, judged by the new range: 1.25 is now high.
    expect(now.data.tests[0]!.lines.find((l) => l.name === 'Creatinine')).toMatchObject({ range: '0.60–1.20', flag: 'H' });
    // Other tests are as in the version it was based on.
    expect(v.tests.CBC).toEqual(DEFAULT_ANALYTES.tests.CBC);

    // Folding the log again gives the same versions and the same reports.
    const rows = await db.analyteVersions.toArray();
    await desk.projections!.rebuild();
    expect(await db.analyteVersions.toArray()).toEqual(rows);
    expect((await printed(old)).text).toContain('0.70–1.30');
    expect((await new ResultDesk(desk).view(fresh))!.analytes.version).toBe('K7-1');

    // A tablet holding the result but not yet its version shows no ranges at all rather than another version's.
    await db.analyteVersions.clear();
    expect(await refusal(new ResultDesk(desk).view(fresh))).toEqual(['analyteVersionMissing']);
    expect((await new ResultDesk(desk).view(old))!.analytes.version).toBe('BASE-1');
  });

  it('builds each version on the one before it', async () => {
    const { admin, results } = await setup();
    await results.publishAnalytes(admin, 'KFT', newCreat);
    const hb = DEFAULT_ANALYTES.tests.HB!.map((a) => (a.kind === 'number' ? { ...a, unit: 'g/dl', decimals: 2 } : a));
    const v2 = await results.publishAnalytes(admin, 'HB', hb);
    expect(v2.version).toBe('K7-2');
    expect(v2.tests.HB).toEqual(hb);
    expect(v2.tests.KFT).toEqual(newCreat);
    expect((await results.analyteCatalogue('K7-1'))!.tests.HB).toEqual(DEFAULT_ANALYTES.tests.HB);
  });

  it('refuses bad edits with the reason on the field, and publishes nothing', async () => {
    const { admin, results, db } = await setup();
    const count = async () => (await db.analyteVersions.count()) + (await db.projectionMeta.toArray()).length;
    const start = await count();
    const cases: Array<[unknown, string[]]> = [
      [kftWith((a) => ({ ...a, ranges: [{ band: 'adult', low: 1.3, high: 0.7 }] })), ['analytes.1.ranges.0.low:rangeOrder']],
      [kftWith((a) => ({ ...a, criticalHigh: 1 })), ['analytes.1.criticalHigh:criticalInsideRange']],
      [kftWith((a) => ({ ...a, criticalLow: 0.9 })), ['analytes.1.criticalLow:criticalInsideRange']],
      [kftWith((a) => ({ ...a, decimals: -1 })), ['analytes.1.decimals:decimals']],
      [kftWith((a) => ({ ...a, min: 40, max: 30 })), expect.arrayContaining(['analytes.1.min:limits']) as unknown as string[]],
      [kftWith((a) => ({ ...a, ranges: [...a.ranges, { band: 'child', low: 0.2, high: 0.6 }] })), ['analytes.1.ranges.4.band:duplicateRange']],
      [kftWith((a) => ({ ...a, code: 'CREA' })), ['analytes:analyteStructure']],
      [DEFAULT_ANALYTES.tests.KFT, [':noChanges']],
    ];
    for (const [input, expected] of cases) expect(await refusal(results.publishAnalytes(admin, 'KFT', input))).toEqual(expected);
    expect(await refusal(results.publishAnalytes(admin, 'NOPE', newCreat))).toEqual(['test:unknownTest']);
    expect(await refusal(results.publishAnalytes(TECH, 'KFT', newCreat))).toEqual(['adminOnly']);
    expect(await db.analyteVersions.count()).toBe(0);
    expect(await count()).toBe(start);
    expect((await results.currentAnalytes()).version).toBe('BASE-1');
  });
});
