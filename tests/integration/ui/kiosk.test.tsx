import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { navigate } from 'wouter/use-hash-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { TokenQueue } from '../../../src/device/tokenQueue';
import { App } from '../../../src/ui/App';
import { useDeskPrefs } from '../../../src/ui/desk/deskPrefs';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

const CLERK = { name: 'Meena Joshi', role: 'clerk', pin: '730291', pinAgain: '730291' };
const SUNITA = { ...PATIENT, name: 'Sunita Devi', sex: 'F', mobile: '98990 45678', relative: { name: 'Ramesh Kumar', relation: 'husband' } };
const ROUTES = ['/', '/desk', '/queue', '/lab', '/users', '/device', '/sync', '/display/PED'];

/** Two patients called to rooms 4 and 7 of General Medicine, a third waiting. */
async function device() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const clerk = await h.desk.addUser(admin, CLERK);
  const front = new FrontDesk(h.desk);
  const ravi = await front.register(admin, PATIENT);
  const sunita = await front.register(admin, SUNITA);
  const first = await front.issueToken(admin, ravi.patient, 'MED', { room: '4' });
  const second = await front.issueToken(admin, sunita.patient, 'MED', { room: '7' });
  const third = await front.issueToken(admin, ravi.patient, 'MED');
  const queue = new TokenQueue(h.desk);
  await queue.move(admin, 'call', { dept: 'MED' });
  await queue.move(admin, 'call', { dept: 'MED' });
  return { ...h, admin, clerk, ravi, tokens: [first.token, second.token, third.token] };
}

function renderApp(desk: ReturnType<typeof makeDesk>['desk']) {
  render(<DeskProvider desk={desk}><App /></DeskProvider>);
}

function expectNothingButTheBoard() {
  expect(screen.queryByText(/Ravi Kumar|Sunita Devi/)).toBeNull();
  expect(screen.queryByRole('navigation')).toBeNull();
  expect(screen.queryByRole('link')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Log out' })).toBeNull();
  expect(screen.queryByLabelText(/^Search patient/)).toBeNull();
}

beforeEach(() => {
  window.location.hash = '#/queue';
  initI18n('en');
  setLanguage('en');
  useDeskPrefs.setState({ dept: 'MED', district: '', state: '' });
});
afterEach(() => {
  vi.useRealTimers();
  useSession.getState().logout();
});

describe('waiting-room display', () => {
  it('opened by a clerk, shows every called token with its room and nothing else, on any address, until a PIN leaves it', async () => {
    const user = userEvent.setup();
    const { desk, clerk, tokens } = await device();
    useSession.getState().login(clerk);
    renderApp(desk);
    await user.click(await screen.findByRole('link', { name: 'Open waiting-room display' }));

    const called = await screen.findAllByTestId('display-called');
    expect(called.map((c) => c.textContent)).toEqual([
      `${tokens[1]}Room 7 · कमरा 7`,
      `${tokens[0]}Room 4 · कमरा 4`,
    ]);
    expect(screen.getByRole('heading', { name: 'Next · अगले' }).parentElement).toHaveTextContent(tokens[2]!);
    expectNothingButTheBoard();
    // The clerk's session is gone from this tab, not merely hidden.
    expect(useSession.getState().user).toBeNull();

    for (const route of ROUTES) {
      act(() => navigate(route));
      expect(await screen.findAllByTestId('display-called')).toHaveLength(2);
      expectNothingButTheBoard();
    }

    await user.click(screen.getByRole('button', { name: 'Leave display · डिस्प्ले छोड़ें' }));
    await screen.findByRole('heading', { name: 'Leave the waiting-room display' });
    await user.click(screen.getByText(CLERK.name));
    await user.type(screen.getByLabelText('PIN'), '000001');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Wrong PIN.')).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).toBeNull();

    await user.type(screen.getByLabelText('PIN'), CLERK.pin);
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'OPD queue' })).toBeInTheDocument();
    expect(screen.getByRole('navigation')).toBeInTheDocument();
    expect(screen.getAllByTestId('called-token')[0]).toHaveTextContent('Sunita Devi');
  });

  it('"Back to the display" returns to the board without a session', async () => {
    const user = userEvent.setup();
    const { desk } = await device();
    useSession.getState().openDisplay('MED');
    renderApp(desk);
    await user.click(await screen.findByRole('button', { name: 'Leave display · डिस्प्ले छोड़ें' }));
    await user.click(await screen.findByRole('button', { name: 'Back to the display' }));
    expect(await screen.findAllByTestId('display-called')).toHaveLength(2);
    expectNothingButTheBoard();
  });

  it('the display address typed at a locked screen leaves the locked session alone', async () => {
    const { desk, clerk } = await device();
    useSession.getState().login(clerk);
    renderApp(desk);
    await screen.findByRole('link', { name: 'Open waiting-room display' });
    act(() => useSession.getState().lock());
    act(() => navigate('/display/MED'));
    expect(await screen.findByRole('heading', { name: 'Screen locked' })).toBeInTheDocument();
    expect(useSession.getState()).toMatchObject({ user: clerk, locked: true, kiosk: null });
    expect(screen.queryAllByTestId('display-called')).toHaveLength(0);
  });

  it('shows no names or initials: the display holds no key to the records, and the board still fills', async () => {
    const user = userEvent.setup();
    const { desk, admin, tokens } = await device();
    useSession.getState().login(admin);
    window.location.hash = '#/queue';
    renderApp(desk);
    await user.click(await screen.findByRole('link', { name: 'Open waiting-room display' }));
    const called = await screen.findAllByTestId('display-called');
    expect(called[1]).toHaveTextContent(tokens[0]!);
    expect(desk.isUnlocked).toBe(false);
    expect(document.body.textContent).not.toMatch(/Sunita|Ravi|S D|R K/);
    expectNothingButTheBoard();
  });

  it('a screen reached after leaving the display locks after the idle time', async () => {
    const user = userEvent.setup();
    const { desk, clerk } = await device();
    useSession.getState().openDisplay('MED');
    renderApp(desk);
    await user.click(await screen.findByRole('button', { name: 'Leave display · डिस्प्ले छोड़ें' }));
    await user.click(await screen.findByText(CLERK.name));
    await user.type(screen.getByLabelText('PIN'), CLERK.pin);
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await user.click(await screen.findByRole('link', { name: 'Registration' }));
    await screen.findByLabelText(/^Search patient/);

    // Only from here are timeouts faked (IndexedDB and the screens' refresh need real ones): the
    // next key press restarts the idle clock on the faked timers.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.keyDown(document.body, { key: 'Shift' });
    act(() => vi.advanceTimersByTime(5 * 60_000));
    expect(screen.getByRole('heading', { name: 'Screen locked' })).toBeInTheDocument();
    expect(screen.getByText(`${clerk.name}, enter your PIN to continue where you left off.`)).toBeInTheDocument();
  });
});
