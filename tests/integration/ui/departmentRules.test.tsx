import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { DEFAULT_DEPARTMENTS } from '../../../src/domain/device';
import { FrontDesk } from '../../../src/device/frontDesk';
import { App } from '../../../src/ui/App';
import { DeskScreen } from '../../../src/ui/desk/DeskScreen';
import { useDeskPrefs } from '../../../src/ui/desk/deskPrefs';
import { PatientScreen } from '../../../src/ui/desk/PatientScreen';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';
import { putAwayRecoverySheet } from '../../helpers/recoveryStep';
import { refusal } from '../../helpers/refusal';

const BOY = { ...PATIENT, name: 'Aarav Kumar', birth: { kind: 'age', years: 7, months: 0, days: 0 } };

beforeAll(() => {
  // printing renders into its own React root, outside Testing Library's act().
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
beforeEach(() => {
  window.location.hash = '';
  initI18n('en');
  setLanguage('en');
  useDeskPrefs.setState({ dept: 'MED', district: '', state: '' });
  vi.spyOn(window, 'print').mockImplementation(() => window.dispatchEvent(new Event('afterprint')));
});
afterEach(() => {
  vi.restoreAllMocks();
  useSession.getState().logout();
});

describe('department rules', () => {
  it('are set beside each department at enrollment: paediatrics up to 17 and OBG for women by default', async () => {
    const user = userEvent.setup();
    const h = makeDesk();
    render(<DeskProvider desk={h.desk}><App /></DeskProvider>);
    await screen.findByRole('heading', { name: 'Set up this device' });
    expect(screen.getByLabelText('To age (years) 3')).toHaveValue('17');
    expect(screen.getByLabelText('Sex seen 4')).toHaveValue('F');
    expect(screen.getByLabelText('Sex seen 1')).toHaveValue('');

    await user.type(screen.getByLabelText('Hospital name'), 'AIIMS New Delhi');
    await user.type(screen.getByLabelText('Device code'), 'K7');
    await user.type(screen.getByLabelText('Name'), ADMIN.name);
    await user.type(screen.getByLabelText('PIN (6–12 digits)'), ADMIN.pin);
    await user.type(screen.getByLabelText('PIN again'), ADMIN.pin);
    await user.type(screen.getByLabelText('From age (years) 12'), '60');
    await user.type(screen.getByLabelText('To age (years) 12'), '12');
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    expect(await screen.findByText('The upper age is below the lower one.')).toBeInTheDocument();
    expect(await h.desk.identity()).toBeNull();

    await user.clear(screen.getByLabelText('To age (years) 12'));
    await user.selectOptions(screen.getByLabelText('Sex seen 5'), 'M');
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    await putAwayRecoverySheet(user);
    await screen.findByRole('heading', { name: `Welcome, ${ADMIN.name}` });
    const departments = (await h.desk.identity())!.departments;
    expect(departments.find((d) => d.code === 'MED')).toEqual({ code: 'MED', name: 'General Medicine', nameHi: 'सामान्य चिकित्सा' });
    expect(departments.find((d) => d.code === 'PED')).toMatchObject({ maxYears: 17 });
    expect(departments.find((d) => d.code === 'OBG')).toMatchObject({ sex: 'F' });
    expect(departments.find((d) => d.code === 'ORT')).toMatchObject({ sex: 'M' });
    expect(departments.find((d) => d.code === 'EMR')).toMatchObject({ minYears: 60 });
  });

  it('are edited with the departments on "This device", and every tab goes by the new ones', async () => {
    const user = userEvent.setup();
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const man = await new FrontDesk(h.desk).register(admin, PATIENT);
    // Another tab of the same tablet, which has already issued a token (and read the identity).
    const other = makeDesk({ names: h.names, locks: h.locks });
    await other.desk.login(ADMIN.name, ADMIN.pin);
    const otherTab = new FrontDesk(other.desk);
    await otherTab.issueToken(admin, man.patient, 'PED');
    useSession.getState().login(admin);
    window.location.hash = '#/device';
    render(<DeskProvider desk={h.desk}><App /></DeskProvider>);

    await user.type(await screen.findByLabelText('From age (years) 2'), 'ten');
    await user.click(screen.getByRole('button', { name: 'Save departments' }));
    expect(await screen.findByText('Enter a whole number.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('From age (years) 2'));
    await user.type(screen.getByLabelText('To age (years) 2'), '14');
    await user.click(screen.getByRole('button', { name: 'Add department' }));
    await user.type(screen.getByLabelText('Code 3'), 'OBG');
    await user.type(screen.getByLabelText('Name (English) 3'), 'Obstetrics & Gynaecology');
    await user.type(screen.getByLabelText('Name (Hindi) 3'), 'प्रसूति एवं स्त्री रोग');
    await user.selectOptions(screen.getByLabelText('Sex seen 3'), 'F');
    await user.click(screen.getByRole('button', { name: 'Save departments' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();

    expect((await h.desk.identity())!.departments).toEqual([
      ENROLLMENT.departments[0],
      { ...ENROLLMENT.departments[1], maxYears: 14 },
      { code: 'OBG', name: 'Obstetrics & Gynaecology', nameHi: 'प्रसूति एवं स्त्री रोग', sex: 'F' },
    ]);
    expect((await h.db.devices.get('K7'))!.departments).toHaveLength(3);
    expect(await refusal(otherTab.issueToken(admin, man.patient, 'PED'))).toEqual(['deptTooOld']);
    expect(await refusal(otherTab.issueToken(admin, man.patient, 'OBG'))).toEqual(['deptWomenOnly']);
  });

  it('a token for OBG for a 7-year-old boy, or paediatrics for an adult, asks first', async () => {
    const user = userEvent.setup();
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, departments: DEFAULT_DEPARTMENTS }, admin: ADMIN });
    const front = new FrontDesk(h.desk);
    const boy = await front.register(admin, BOY);
    const man = await front.register(admin, PATIENT);
    useSession.getState().login(admin);
    const location = memoryLocation({ path: `/patient/${boy.patient}` });
    render(
      <DeskProvider desk={h.desk}>
        <Router hook={location.hook}>
          <Switch>
            <Route path="/desk"><DeskScreen /></Route>
            <Route path="/patient/:id">{(p) => <PatientScreen key={p.id} id={p.id} />}</Route>
          </Switch>
        </Router>
      </DeskProvider>,
    );

    await user.selectOptions(await screen.findByLabelText('Department'), 'OBG');
    await user.click(screen.getByRole('button', { name: 'Issue token and print' }));
    const ask = await screen.findByRole('alert');
    expect(ask).toHaveTextContent('Obstetrics & Gynaecology is set up for female patients only.');
    expect(ask).toHaveTextContent('Issue the token for this department anyway?');
    expect(await h.db.tokens.count()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Choose another department' }));
    expect(screen.getByLabelText('Department')).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Department'), 'PED');
    await user.click(screen.getByRole('button', { name: 'Issue token and print' }));
    expect(await screen.findByText('Token PED-K7-001 issued.')).toBeInTheDocument();
    await waitFor(async () => expect((await front.tokensOf(boy.patient))[0]?.prints).toBe(1));
    // Back at the desk once the slip is printed, as the clerk sees it; only then the next patient.
    await screen.findByRole('heading', { name: 'Registration desk' });

    location.navigate(`/patient/${man.patient}`);
    await screen.findByRole('heading', { name: /^Ravi Kumar/ });
    await user.selectOptions(await screen.findByLabelText('Department'), 'PED');
    await user.click(screen.getByRole('button', { name: 'Issue token and print' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Paediatrics sees patients up to 17 years; this patient is 45.');
    // The answer has the focus: Enter confirms, as Enter issued.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Yes, issue anyway' })).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await front.tokensOf(man.patient)).map((t) => [t.token, t.prints])).toEqual([['PED-K7-002', 1]]));
  });
});
