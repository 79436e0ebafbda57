import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrontDesk } from '../../../src/device/frontDesk';
import { LabDesk } from '../../../src/device/labDesk';
import { ResultDesk } from '../../../src/device/resultDesk';
import { DEFAULT_CATALOGUE } from '../../../src/domain/lab/defaultCatalogue';
import { REPORT_PAGE_CSS } from '../../../src/print/paper';
import { ResultReport } from '../../../src/print/ResultReport';
import { initI18n, loadLanguage } from '../../../src/ui/i18n';
import { reportData } from '../../../src/ui/lab/printResultReport';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

const TECH = { name: 'Meena Das', role: 'lab' as const };
const PATHOLOGIST = { name: 'Kavita Rao', role: 'pathologist' as const };
const KFT = { 'KFT.UREA': '40', 'KFT.CREAT': '1.10' };

// The screen in English; Hindi's dictionary loaded as printDocument loads it before every printout.
beforeAll(async () => { initI18n('en'); await loadLanguage('hi'); });

describe('results report', () => {
  it('prints AMENDED with the reason, what changed and the earlier version, in English and Hindi', async () => {
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const patient = await new FrontDesk(h.desk).register(admin, PATIENT);
    const lab = new LabDesk(h.desk);
    const sp = (await lab.request(TECH, { patient: patient.patient, tests: ['KFT'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' })).request.specimens[0]!;
    await lab.collect(TECH, [sp]);
    await lab.receive(TECH, [sp]);
    const results = new ResultDesk(h.desk);
    await results.enter(TECH, sp, KFT);
    await results.verify(PATHOLOGIST, sp);
    const view = await results.amend(PATHOLOGIST, sp, { ...KFT, 'KFT.CREAT': '2.10' }, 'sample mix-up corrected');
    const identity = (await h.desk.identity())!;
    const data = reportData({ view, identity, tests: DEFAULT_CATALOGUE.tests, today: '2026-11-26', paper: 'A5', t: (await import('i18next')).default.t, now: new Date('2026-11-26T06:00:00.000Z'), copy: 2 });
    render(<ResultReport report={data} />);
    const text = document.querySelector('.result-report')!.textContent!;
    expect(screen.getByText('AMENDED')).toBeInTheDocument();
    expect(screen.getByText('संशोधित')).toBeInTheDocument();
    expect(screen.getByText('REPRINT 1')).toBeInTheDocument();
    expect(text).toContain('Amended 2026-11-26');
    expect(text).toContain('sample mix-up corrected');
    expect(text).toMatch(/2\.10 \(was \/ पहले 1\.10\)/);
    expect(text).toMatch(/1\. .*Meena Das \/ Kavita Rao: UREA 40 mg\/dL · CREAT 1\.10 mg\/dL/);
    expect(text).toContain('0.70–1.30');
    expect(REPORT_PAGE_CSS.A5).toContain('counter(pages)');
  });

  it('prints a qualitative answer and its normal answers in English and Hindi', async () => {
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const patient = await new FrontDesk(h.desk).register(admin, PATIENT);
    const lab = new LabDesk(h.desk);
    const sp = (await lab.request(TECH, { patient: patient.patient, tests: ['HIV'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' })).request.specimens[0]!;
    await lab.collect(TECH, [sp]);
    await lab.receive(TECH, [sp]);
    const results = new ResultDesk(h.desk);
    const entered = await results.enter(TECH, sp, { 'HIV.HIV': 'reactive' });
    expect(entered.state.pending?.values).toEqual([{ test: 'HIV', analyte: 'HIV', value: 'Reactive' }]);
    const view = await results.verify(PATHOLOGIST, sp);
    const identity = (await h.desk.identity())!;
    const data = reportData({ view, identity, tests: DEFAULT_CATALOGUE.tests, today: '2026-11-26', paper: 'A4', t: (await import('i18next')).default.t, now: new Date('2026-11-26T06:00:00.000Z'), copy: 1 });
    expect(data.tests[0]!.lines[0]).toMatchObject({ value: 'Reactive / रिएक्टिव', range: 'Non-reactive / नॉन-रिएक्टिव', flag: 'A' });
    render(<ResultReport report={data} />);
    expect(document.querySelector('.result-report')!.textContent).toContain('Reactive / रिएक्टिव');
  });
});
