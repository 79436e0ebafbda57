import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { DeskScreen } from '../../../src/ui/desk/DeskScreen';
import { useDeskPrefs } from '../../../src/ui/desk/deskPrefs';
import { PatientScreen } from '../../../src/ui/desk/PatientScreen';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { LabRoutes } from '../../../src/ui/lab/LabRoutes';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

const SUNITA = { ...PATIENT, name: 'Sunita Devi', sex: 'F', mobile: '98990 45678', relative: { name: 'Ramesh Kumar', relation: 'husband' } };

async function device() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const front = new FrontDesk(h.desk);
  const ravi = (await front.register(admin, PATIENT)).patient;
  const sunita = (await front.register(admin, SUNITA)).patient;
  useSession.getState().login(admin);
  return { ...h, ravi, sunita };
}

function renderDesk(desk: ReturnType<typeof makeDesk>['desk']) {
  const location = memoryLocation({ path: '/desk', record: true });
  render(
    <DeskProvider desk={desk}>
      <Router hook={location.hook}>
        <Switch>
          <Route path="/desk"><DeskScreen /></Route>
          <Route path="/patient/:id">{(p) => <PatientScreen key={p.id} id={p.id} />}</Route>
        </Switch>
      </Router>
    </DeskProvider>,
  );
  return location;
}

async function search(user: ReturnType<typeof userEvent.setup>, text: string) {
  const box = await screen.findByLabelText(/^Search patient/);
  await user.clear(box);
  await user.type(box, `${text}{Enter}`);
}

beforeAll(() => {
  // printing renders into its own React root, outside Testing Library's act().
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  useDeskPrefs.setState({ dept: null, district: '', state: '' });
  vi.spyOn(window, 'print').mockImplementation(() => window.dispatchEvent(new Event('afterprint')));
});
afterEach(() => vi.restoreAllMocks());

describe('the desk, one patient after another', () => {
  it('Enter opens the only match, found by name, mobile or ID alike', async () => {
    const user = userEvent.setup();
    const { desk, ravi, sunita } = await device();
    const location = renderDesk(desk);
    for (const [typed, id] of [['ravi', ravi], ['9899045678', sunita], [ravi, ravi]] as const) {
      await search(user, typed);
      await expect.poll(() => location.history.at(-1)).toBe(`/patient/${id}`);
      await user.click(await screen.findByRole('link', { name: 'Back to search' }));
    }
  });

  it('keeps the token just issued large on the desk until the next patient', async () => {
    const user = userEvent.setup();
    const { desk } = await device();
    renderDesk(desk);
    await search(user, 'ravi');
    await user.click(await screen.findByRole('button', { name: 'Issue token and print' }));
    expect(await screen.findByTestId('last-token')).toHaveTextContent(/^MED-K7-001$/);
    expect(screen.getByRole('region', { name: 'Token issued' })).toHaveTextContent('Ravi Kumar · General Medicine');

    // Typing the next name leaves it up; opening the next patient clears it.
    await user.type(screen.getByLabelText(/^Search patient/), 'sun');
    expect(await screen.findByText('1 patient found')).toBeInTheDocument();
    expect(screen.getByTestId('last-token')).toHaveTextContent('MED-K7-001');
    await search(user, 'sunita');
    await screen.findByRole('heading', { name: /^Sunita Devi/ });
    await user.click(screen.getByRole('link', { name: 'Back to search' }));
    await screen.findByLabelText(/^Search patient/);
    expect(screen.queryByTestId('last-token')).toBeNull();
  });
});

describe('the lab, finding the patient', () => {
  it('Enter opens the only match by name too', async () => {
    const user = userEvent.setup();
    const { desk, sunita } = await device();
    const location = memoryLocation({ path: '/lab/new', record: true });
    render(<DeskProvider desk={desk}><Router hook={location.hook}><Route path="/lab" nest><LabRoutes /></Route></Router></DeskProvider>);
    await user.type(await screen.findByLabelText(/^Find the patient/), 'sunita{Enter}');
    await expect.poll(() => location.history.at(-1)).toBe(`/lab/new/${sunita}`);
  });
});
