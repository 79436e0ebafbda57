import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { TokenQueue } from '../../../src/device/tokenQueue';
import { LabDesk } from '../../../src/device/labDesk';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { AnalyteEditor } from '../../../src/ui/lab/AnalyteEditor';
import { LabRoutes } from '../../../src/ui/lab/LabRoutes';
import { useLabPrefs } from '../../../src/ui/lab/labPrefs';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

const TECH = { name: 'Meena Das', role: 'lab' as const };

async function renderLab(path: (patient: string) => string, actor: { name: string; role: 'lab' | 'admin' } = TECH) {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const patient = await new FrontDesk(h.desk).register(admin, PATIENT);
  useSession.getState().login(actor);
  const location = memoryLocation({ path: path(patient.patient), record: true });
  render(
    <DeskProvider desk={h.desk}>
      <Router hook={location.hook}><Route path="/lab" nest><LabRoutes /></Route></Router>
    </DeskProvider>,
  );
  return { ...h, lab: new LabDesk(h.desk), patient: patient.patient, location };
}

/** What print() had on the page each time the app printed. */
function capturePrints() {
  const seen: string[][] = [];
  vi.spyOn(window, 'print').mockImplementation(() => {
    seen.push([...document.querySelectorAll('#print-root .specimen-label')].map((l) => l.getAttribute('data-specimen')!));
  });
  return seen;
}

beforeAll(() => {
  // printing renders into its own React root, outside Testing Library's act().
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  useLabPrefs.setState({ paper: '50x25', filters: { status: 'pending' } });
});
afterEach(() => vi.restoreAllMocks());

describe('lab requisition form', () => {
  it('takes typed test codes, refuses unknown ones on the spot, previews the containers, saves and prints one label per container', async () => {
    const user = userEvent.setup();
    const prints = capturePrints();
    const { db, location, patient } = await renderLab((p) => `/lab/new/${p}`);
    const codes = await screen.findByLabelText(/^Test codes/);
    await user.type(codes, 'cbc lft xyz{Enter}');
    expect(await screen.findByText('Not in the catalogue: XYZ')).toBeInTheDocument();
    expect(codes).toHaveValue('XYZ');
    expect(screen.getByText('Tests ordered (2)')).toBeInTheDocument();
    expect(screen.getAllByTestId('preview-container').map((li) => li.textContent)).toEqual([
      'Plain / clot, red top Serum LFT', 'EDTA, lavender top Whole blood CBC',
    ]);
    await user.click(screen.getByLabelText('STAT'));
    await user.type(screen.getByLabelText('Ordering clinician'), 'Dr. Meena Iyer');
    await user.click(screen.getByRole('button', { name: 'Save and print labels' }));

    await expect.poll(() => location.history.at(-1), { timeout: 10_000 }).toBe('/lab/request/LR-K7-0000001');
    await expect.poll(() => prints.length, { timeout: 10_000 }).toBe(1);
    const request = await db.labRequests.get('LR-K7-0000001');
    expect(request).toMatchObject({ patient, priority: 'stat', tests: ['CBC', 'LFT'], clinician: 'Dr. Meena Iyer' });
    expect(prints[0]).toEqual(request!.specimens);
    expect(await screen.findAllByText('Printed 1 time', {}, { timeout: 10_000 })).toHaveLength(2);
  });

  it('defaults the ordering department to that of the patient\'s token today', async () => {
    let now = Date.parse('2026-11-25T06:00:00.000Z');
    const h = makeDesk({ now: () => new Date((now += 1000)) });
    const departments = [...ENROLLMENT.departments, { code: 'ORT', name: 'Orthopaedics', nameHi: 'अस्थि रोग' }];
    const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, departments }, admin: ADMIN });
    const front = new FrontDesk(h.desk);
    const sent = await front.register(admin, PATIENT);
    const walkIn = await front.register(admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });
    await front.issueToken(admin, sent.patient, 'ORT'); // yesterday
    await front.issueToken(admin, walkIn.patient, 'ORT');
    now = Date.parse('2026-11-26T06:00:00.000Z');
    await front.issueToken(admin, sent.patient, 'PED');
    const wrong = await front.issueToken(admin, sent.patient, 'ORT');
    await new TokenQueue(h.desk).move(admin, 'cancel', { id: wrong.id }, 'wrong department');
    useSession.getState().login(TECH);

    for (const [patient, dept] of [[sent.patient, 'PED'], [walkIn.patient, 'MED']] as const) {
      const { unmount } = render(
        <DeskProvider desk={h.desk}>
          <Router hook={memoryLocation({ path: `/lab/new/${patient}` }).hook}><Route path="/lab" nest><LabRoutes /></Route></Router>
        </DeskProvider>,
      );
      expect(await screen.findByLabelText('Ordering department')).toHaveValue(dept);
      unmount();
    }
  });

  it('shows each problem in words and stores nothing', async () => {
    const user = userEvent.setup();
    const { db } = await renderLab((p) => `/lab/new/${p}`);
    await user.click(await screen.findByRole('button', { name: 'Save and print labels' }));
    expect(await screen.findByText('Choose at least one test.')).toBeInTheDocument();
    expect(screen.getByText('This is required.')).toBeInTheDocument(); // the clinician
    expect(await db.labRequests.count()).toBe(0);
  });
});

describe('the worklist', () => {
  it('moves ticked specimens on in bulk, but reports none without its results', async () => {
    const user = userEvent.setup();
    const h = await renderLab(() => '/lab');
    const view = await h.lab.request(TECH, { patient: h.patient, tests: ['CBC'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
    const id = view.request.specimens[0]!;
    await user.click(within(await screen.findByTestId('worklist-row')).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Mark collected' }));
    await expect.poll(async () => (await h.lab.specimen(id))?.status, { timeout: 10_000 }).toBe('collected');
    expect(screen.queryByRole('button', { name: /reported/i })).not.toBeInTheDocument();
  });
});

describe('scanning and the specimen page', () => {
  it('opens a scanned specimen from anywhere on the lab screens, and refuses a scan with a wrong check character', async () => {
    const user = userEvent.setup();
    const h = await renderLab(() => '/lab');
    const view = await h.lab.request(TECH, { patient: h.patient, tests: ['CBC'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
    const id = view.request.specimens[0]!;
    await screen.findByTestId('worklist-row');
    const wrong = id.slice(0, -1) + (id.endsWith('A') ? 'B' : 'A');
    await user.click(screen.getByRole('heading', { name: 'Worklist' }));
    await user.keyboard(`${wrong}{Enter}`);
    expect(await screen.findByText(/This specimen ID is not valid/)).toBeInTheDocument();
    expect(h.location.history.at(-1)).toBe('/lab');

    await user.keyboard(`${id}{Enter}`);
    await expect.poll(() => h.location.history.at(-1), { timeout: 10_000 }).toBe(`/lab/specimen/${id}`);
    expect(await screen.findByTestId('specimen-id')).toHaveTextContent(id);
  });

  it('records collection and refuses a rejection without a reason', async () => {
    const user = userEvent.setup();
    const h = await renderLab(() => '/lab');
    const view = await h.lab.request(TECH, { patient: h.patient, tests: ['CBC'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
    const id = view.request.specimens[0]!;
    await user.type(await screen.findByLabelText('Scan or type a specimen ID'), `${id}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'Record collection' }));
    await user.click(await screen.findByRole('button', { name: 'Reject sample…' }, { timeout: 10_000 }));
    const before = await h.desk.eventCount();
    await user.click(screen.getByRole('button', { name: 'Reject sample' }));
    expect(await screen.findByText('Choose why the sample is rejected.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(await h.desk.eventCount()).toBe(before);
    expect((await h.lab.specimen(id))?.status).toBe('collected');
    await user.selectOptions(screen.getByLabelText('Reason for rejecting'), 'haemolysed');
    await user.click(screen.getByRole('button', { name: 'Reject sample' }));
    expect(await screen.findByText('Rejected: a new sample needs a new requisition.', {}, { timeout: 10_000 })).toBeInTheDocument();
    const history = screen.getByRole('list', { name: 'History' });
    expect(within(history).getByText(/Rejected .* by Meena Das: Haemolysed/)).toBeInTheDocument();
  });
});

describe('test catalogue editor', () => {
  it('publishes an edit as a new version and shows a bad code next to its field', async () => {
    const user = userEvent.setup();
    const h = await renderLab(() => '/lab/catalogue', { name: ADMIN.name, role: 'admin' });
    expect(await screen.findByTestId('catalogue-version')).toHaveTextContent('Current version: BASE-1');
    expect(await screen.findByRole('heading', { name: 'Analytes and reference ranges' })).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Remove ESR' }));
    await user.clear(screen.getByLabelText('Code 1'));
    await user.type(screen.getByLabelText('Code 1'), 'C B C');
    await user.click(screen.getByRole('button', { name: 'Publish new version' }));
    expect(await screen.findByText('A test code is 2–8 capital letters or digits and starts with a letter, e.g. CBC.')).toBeInTheDocument();
    expect(await h.db.catalogues.count()).toBe(0);

    await user.clear(screen.getByLabelText('Code 1'));
    await user.type(screen.getByLabelText('Code 1'), 'CBC');
    await user.click(screen.getByRole('button', { name: 'Publish new version' }));
    // Publishing validates and re-projects 48 tests: give a slow tablet (or CI) time.
    expect(await screen.findByText('Version K7-1 published.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect((await h.lab.currentCatalogue()).tests.map((x) => x.code)).not.toContain('ESR');
    expect(await h.lab.catalogue('BASE-1')).toMatchObject({ tests: expect.arrayContaining([expect.objectContaining({ code: 'ESR' })]) });
  });
});

describe('analyte editor', () => {
  it('refuses a critical limit inside the range on its field, then publishes a new analyte version', async () => {
    const user = userEvent.setup();
    // The editor alone: the catalogue screen's 48-row test table above it only slows a loaded machine.
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    useSession.getState().login(admin);
    render(<DeskProvider desk={h.desk}><AnalyteEditor actor={admin} identity={(await h.desk.identity())!} /></DeskProvider>);
    expect(await screen.findByTestId('analyte-version')).toHaveTextContent('Current analyte version: BASE-1');
    await user.selectOptions(screen.getByLabelText('Test'), 'KFT');
    const critical = await screen.findByLabelText('CREAT critical high');
    expect(critical).toHaveValue('10');
    await user.clear(critical);
    await user.type(critical, '1');
    await user.clear(screen.getByLabelText('CREAT decimal places'));
    await user.type(screen.getByLabelText('CREAT decimal places'), '-1');
    await user.click(screen.getByRole('button', { name: 'Publish KFT as a new version' }));
    expect(await screen.findByText('A critical limit lies inside a reference range: normal values would be called critical.')).toBeInTheDocument();
    expect(screen.getByText('Decimal places: a whole number from 0 to 3.')).toBeInTheDocument();
    expect(critical).toHaveAttribute('aria-invalid', 'true');
    expect(await h.db.analyteVersions.count()).toBe(0);

    await user.clear(critical);
    await user.type(critical, '12');
    await user.clear(screen.getByLabelText('CREAT decimal places'));
    await user.type(screen.getByLabelText('CREAT decimal places'), '2');
    await user.clear(screen.getByLabelText('CREAT High 1'));
    await user.type(screen.getByLabelText('CREAT High 1'), '1.2');
    await user.click(screen.getByRole('button', { name: 'Publish KFT as a new version' }));
    expect(await screen.findByText('KFT: version K7-1 published.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(await screen.findByText('Current analyte version: K7-1')).toBeInTheDocument();
    const creat = (await h.db.analyteVersions.get('K7-1'))!.analytes.find((a) => a.code === 'CREAT');
    expect(creat).toMatchObject({ criticalHigh: 12, decimals: 2, ranges: expect.arrayContaining([{ band: 'adult', sex: 'M', low: 0.7, high: 1.2 }]) });
  });
});
