import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../../src/device/desk';
import { LightDoor } from '../../../src/device/frontDoor';
import { readLoginFacts } from '../../../src/device/loginReader';
import { onStorageChange } from '../../../src/device/storageChanges';
import { App } from '../../../src/ui/App';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk } from '../../helpers/deviceHarness';

/** The app as main.tsx wires it: the login screen reads IndexedDB itself, the desk loads when asked. */
function renderBooted(dbName: string, openDesk: () => Promise<Desk>) {
  const door = new LightDoor({ read: () => readLoginFacts(dbName), changes: (l) => onStorageChange(dbName, l), openDesk });
  render(<DeskProvider door={door}><App /></DeskProvider>);
  return door;
}

beforeEach(() => {
  window.location.hash = '';
  initI18n('en');
  setLanguage('en');
});
afterEach(() => useSession.getState().logout());

describe('the login screen before the desk is loaded (issue 15)', () => {
  it('lists the users and logs in with a PIN, loading the desk only then', async () => {
    const user = userEvent.setup();
    // Enrolled earlier (another page load): this one starts with nothing loaded.
    const earlier = makeDesk();
    await earlier.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    await earlier.desk.addUser({ name: ADMIN.name, role: 'admin' }, { name: 'Ravi Kumar', role: 'clerk', pin: '739204', pinAgain: '739204' });
    earlier.desk.lock();
    const openDesk = vi.fn(async () => earlier.desk);
    renderBooted(earlier.names.dexie, openDesk);

    await screen.findByRole('heading', { name: 'Log in' });
    const who = screen.getByRole('group', { name: 'Who are you?' });
    await within(who).findByText('Ravi Kumar');
    expect(screen.getByText('K7')).toBeInTheDocument();
    await user.click(within(who).getByText('Ravi Kumar'));
    expect(openDesk).not.toHaveBeenCalled();

    // Another tab adds a user: this screen shows them without a reload, still without the desk.
    const otherTab = makeDesk({ names: earlier.names });
    await otherTab.desk.login(ADMIN.name, ADMIN.pin);
    await otherTab.desk.addUser({ name: ADMIN.name, role: 'admin' }, { name: 'Meena Das', role: 'lab', pin: '739205', pinAgain: '739205' });
    otherTab.desk.lock();
    await within(who).findByText('Meena Das');
    expect(openDesk).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('PIN'), '739204');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await screen.findByRole('heading', { name: 'Registration desk' });
    expect(openDesk).toHaveBeenCalledTimes(1);
    expect(earlier.desk.isUnlocked).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByRole('heading', { name: 'Screen locked' });
    expect(earlier.desk.isUnlocked).toBe(false);
  });

  it('opens the enrolment on a new device, which loads the desk (and Dexie makes its database)', async () => {
    const fresh = makeDesk();
    const openDesk = vi.fn(async () => fresh.desk);
    renderBooted(fresh.names.dexie, openDesk);
    await screen.findByRole('heading', { name: 'Set up this device' });
    expect(openDesk).toHaveBeenCalledTimes(1);
  });

  it('says so when the desk cannot be loaded, instead of a blank page, and offers a reload', async () => {
    const fresh = makeDesk();
    const openDesk = vi.fn(async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderBooted(fresh.names.dexie, openDesk);
    expect(await screen.findByRole('alert')).toHaveTextContent('This screen could not be loaded');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });
});
