import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { LabDesk } from '../../../src/device/labDesk';
import { ResultDesk } from '../../../src/device/resultDesk';
import { initI18n, languageReady, setLanguage } from '../../../src/ui/i18n';
import { resultsHi } from '../../../src/ui/i18n/resultsHi';
import { LabRoutes } from '../../../src/ui/lab/LabRoutes';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

const TECH = { name: 'Meena Das', role: 'lab' as const };
const PATHOLOGIST = { name: 'Kavita Rao', role: 'pathologist' as const };

async function renderSpecimen(tests: string[], options: { before?: (lab: LabDesk, sp: string, results: ResultDesk) => Promise<unknown>; path?: string; as?: typeof TECH | typeof PATHOLOGIST } = {}) {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const patient = await new FrontDesk(h.desk).register(admin, PATIENT);
  const lab = new LabDesk(h.desk);
  const view = await lab.request(TECH, { patient: patient.patient, tests, priority: 'stat', dept: 'MED', clinician: 'Dr. Meena Iyer' });
  const sp = view.request.specimens[0]!;
  await lab.collect(TECH, [sp], { collectedBy: 'Sister Anjali' });
  await lab.receive(TECH, [sp]);
  await options.before?.(lab, sp, new ResultDesk(h.desk));
  useSession.getState().login(options.as ?? TECH);
  const location = memoryLocation({ path: options.path ?? `/lab/specimen/${sp}`, record: true });
  render(
    <DeskProvider desk={h.desk}>
      <Router hook={location.hook}><Route path="/lab" nest><LabRoutes /></Route></Router>
    </DeskProvider>,
  );
  return { ...h, sp, results: new ResultDesk(h.desk) };
}

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});
afterEach(() => vi.restoreAllMocks());

const CBC_VALUES = {
  'CBC.HB': '13.1', 'CBC.RBC': '4.80', 'CBC.HCT': '41.0', 'CBC.MCV': '85.0', 'CBC.MCH': '28.0', 'CBC.MCHC': '33.0', 'CBC.WBC': '8.50',
  'CBC.NEUT': '70', 'CBC.LYMPH': '22', 'CBC.MONO': '5', 'CBC.EOS': '2', 'CBC.BASO': '1', 'CBC.PLT': '250',
};

const row = (name: RegExp) => screen.getByRole('row', { name });

describe('result grid', () => {
  it('moves down on Enter, flags as typed, refuses an impossible value with its reason, and saves a draft', async () => {
    const user = userEvent.setup();
    const h = await renderSpecimen(['LFT']);
    const total = await screen.findByLabelText('LFT Bilirubin, total');
    await user.type(total, '2.4{Enter}');
    expect(screen.getByLabelText('LFT Bilirubin, direct')).toHaveFocus();
    expect(within(row(/Bilirubin, total/)).getByText('H')).toBeInTheDocument();
    await user.type(screen.getByLabelText('LFT Bilirubin, direct'), '0.6{Enter}');
    expect(screen.getByTestId('value-LFT.IBIL')).toHaveTextContent('1.8 (calculated)');
    await user.type(screen.getByLabelText('LFT AST (SGOT)'), '80000');
    expect(within(row(/AST/)).getByRole('alert')).toHaveTextContent('Not a possible value: it must lie between 0 and 20000 U/L');
    await user.clear(screen.getByLabelText('LFT AST (SGOT)'));
    await user.type(screen.getByLabelText('LFT AST (SGOT)'), '3a');
    expect(within(row(/AST/)).getByRole('alert')).toHaveTextContent('Type a number');
    await user.click(screen.getByRole('button', { name: 'Send for verification' }));
    expect(await screen.findByText(/Type a number/, { selector: '.form-error' })).toBeInTheDocument();
    expect(await h.db.labResults.count()).toBe(0);
    await user.clear(screen.getByLabelText('LFT AST (SGOT)'));
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft: not yet sent for verification')).toBeInTheDocument();
    expect(screen.getByLabelText('LFT Bilirubin, total')).toHaveValue('2.4');
  });

  it('holds a critical CBC until the call-out, lets a pathologist release it, and prints the report with values, ranges, flags and names', async () => {
    const user = userEvent.setup();
    const h = await renderSpecimen(['CBC']);
    const values: Array<[string, string]> = [['Haemoglobin', '5.9'], ['RBC count', '2.10'], ['Haematocrit (PCV)', '21.0'], ['MCV', '85.0'], ['MCH', '28.0'], ['MCHC', '33.0'],
      ['RDW-CV', '13.0'], ['Total leucocyte count', '8.50'], ['Neutrophils', '70'], ['Lymphocytes', '22'], ['Monocytes', '5'], ['Eosinophils', '2'], ['Basophils', '1'], ['Platelet count', '250']];
    await user.click(await screen.findByLabelText('CBC Haemoglobin'));
    for (const [, v] of values) await user.keyboard(`${v}{Enter}`);
    expect(screen.getByRole('button', { name: 'Send for verification' })).toHaveFocus();
    expect(within(row(/^Haemoglobin/)).getByText('LL')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Entered: waiting for verification')).toBeInTheDocument();
    expect(screen.getByText(/Critical values: call the ward/).closest('p')).toHaveTextContent('HB 5.9');
    await user.type(screen.getByLabelText('Told to (name)'), 'Sister Anjali');
    await user.click(screen.getByRole('checkbox', { name: 'They read the values back' }));
    await user.click(screen.getByRole('button', { name: 'Record call-out' }));
    expect(await screen.findByText(/HB 5.9 told to Sister Anjali by Meena Das/)).toBeInTheDocument();

    act(() => useSession.getState().login(PATHOLOGIST));
    await user.click(await screen.findByRole('button', { name: 'Verify and release' }));
    expect(await screen.findByText('Verified and released')).toBeInTheDocument();

    const printed: string[] = [];
    vi.spyOn(window, 'print').mockImplementation(() => { printed.push(document.querySelector('#print-root .result-report')?.textContent ?? ''); });
    await user.click(screen.getByRole('button', { name: 'Print report (A4)' }));
    await vi.waitFor(() => expect([document.querySelector('.form-error')?.textContent, printed.length]).toEqual([undefined, 1]), { timeout: 5000 });
    const text = printed[0]!;
    for (const part of ['DOWNTIME REPORT — to be entered in the LIS after recovery', 'Ravi Kumar', 'Haemoglobin', '5.9', 'LL', '13.0–17.0', 'g/dL',
      'HB 5.9 g/dL LL told to Sister Anjali by Meena Das', 'Meena Das', 'Kavita Rao', 'IST', 'Reference ranges of catalogue version BASE-1', 'प्रयोगशाला रिपोर्ट']) {
      expect(text).toContain(part);
    }
    expect((await h.db.specimens.get(h.sp))?.reportPrints).toBe(1);

    // An amendment to a new critical value needs its call-out; what was typed survives recording it.
    await user.click(screen.getByRole('button', { name: 'Amend…' }));
    await user.clear(screen.getByLabelText('CBC Platelet count'));
    await user.type(screen.getByLabelText('CBC Platelet count'), '12');
    await user.type(screen.getByLabelText('Reason for the amendment'), 'clumped sample repeated');
    await user.click(screen.getByRole('button', { name: 'Save amendment' }));
    expect(await screen.findByText(/Critical values not yet called out: PLT 12/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Told to (name)'), 'Dr. Meena Iyer');
    await user.click(screen.getByRole('checkbox', { name: 'They read the values back' }));
    await user.click(screen.getByRole('button', { name: 'Record call-out' }));
    expect(await screen.findByText(/PLT 12 told to Dr. Meena Iyer by Kavita Rao/)).toBeInTheDocument();
    expect(screen.getByLabelText('CBC Platelet count')).toHaveValue('12');
    await user.click(screen.getByRole('button', { name: 'Save amendment' }));
    expect(await screen.findByText('Amended after release')).toBeInTheDocument();
  });

  it('reports a received specimen through its grid only: no report note beside it', async () => {
    await renderSpecimen(['CBC']);
    await screen.findByLabelText('CBC Haemoglobin');
    expect(screen.getByRole('button', { name: 'Send for verification' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /record report/i })).toBeNull();
    expect(document.getElementById('sp-note')).toBeNull();
    expect(screen.getByRole('button', { name: 'Reject sample…' })).toBeInTheDocument();
  });

  it('still shows a report note that an earlier version stored, without a grid to fill', async () => {
    await renderSpecimen(['CBC'], { before: (lab, sp) => lab.report(TECH, [sp], 'Hb 9.2 g/dL') });
    expect(await screen.findByText(/^Reported .* by Meena Das — Hb 9\.2 g\/dL$/)).toBeInTheDocument();
    expect(screen.getByText('Reported: nothing more to record.')).toBeInTheDocument();
    expect(screen.queryByLabelText('CBC Haemoglobin')).toBeNull();
  });
});

describe('worklist for pathologists', () => {
  it('filters to the specimens whose results wait for verification, from the keyboard', async () => {
    const user = userEvent.setup();
    const entered: string[] = [];
    await renderSpecimen(['CBC'], {
      as: PATHOLOGIST, path: '/lab',
      before: async (lab, sp, results) => {
        // A second received tube without results: open work, but nothing to verify.
        const other = await lab.request(TECH, { patient: (await lab.specimen(sp))!.patient, tests: ['HB'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
        await lab.collect(TECH, other.request.specimens, { collectedBy: 'Sister Anjali' });
        await lab.receive(TECH, other.request.specimens);
        await results.enter(TECH, sp, CBC_VALUES);
        entered.push(sp);
      },
    });
    await vi.waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(2));
    const status = screen.getByLabelText('Status');
    // Reached with Tab like the other filters (it is one of the status filter's choices).
    await user.click(screen.getByRole('heading', { name: 'Worklist' }));
    for (let i = 0; i < 5 && document.activeElement !== status; i += 1) await user.tab();
    expect(status).toHaveFocus();
    await user.selectOptions(status, 'To verify (results entered)');
    await vi.waitFor(() => expect(screen.getAllByTestId('worklist-row').map((r) => within(r).getByRole('link').textContent)).toEqual(entered));
  });
});

describe('qualitative answers in Hindi', () => {
  it('offers and shows the answers with Hindi labels, and stores the canonical answer', async () => {
    setLanguage('hi');
    await languageReady();
    const user = userEvent.setup();
    const h = await renderSpecimen(['MP']);
    const smear = await screen.findByLabelText('MP मलेरिया परजीवी स्मीयर');
    const options = [...document.querySelectorAll(`#${CSS.escape(smear.getAttribute('list')!)} option`)] as HTMLOptionElement[];
    expect(options.map((o) => [o.value, o.label])).toEqual([
      ['Not seen', 'नहीं दिखा'], ['P. vivax seen', 'पी. वाइवैक्स दिखा'], ['P. falciparum seen', 'पी. फाल्सीपेरम दिखा'], ['Mixed infection', 'मिश्रित संक्रमण'],
    ]);
    expect(within(row(/मलेरिया परजीवी स्मीयर/)).getByText('नहीं दिखा')).toBeInTheDocument(); // the normal answer
    // Typing the Hindi label is the same as picking it: the canonical answer goes in.
    await user.type(smear, 'पी. वाइवैक्स दिखा');
    expect(smear).toHaveValue('P. vivax seen');
    expect(within(row(/मलेरिया परजीवी स्मीयर/)).getByText('A')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: resultsHi.saveDraft }));
    await screen.findByText(resultsHi.status_draft);
    const stored = (await h.db.labResults.get(h.sp))!.records[0]!;
    expect(stored).toMatchObject({ kind: 'drafted', values: [{ test: 'MP', analyte: 'SMEAR', value: 'P. vivax seen' }] });
  });
});
