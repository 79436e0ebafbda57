import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/ui/App';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, makeDesk } from '../../helpers/deviceHarness';
import { putAwayRecoverySheet } from '../../helpers/recoveryStep';

function renderApp() {
  const harness = makeDesk();
  render(<DeskProvider desk={harness.desk}><App /></DeskProvider>);
  return harness;
}

async function fillEnrollment(user: ReturnType<typeof userEvent.setup>, code = 'K7') {
  await user.type(screen.getByLabelText('Hospital name'), 'AIIMS New Delhi');
  await user.type(screen.getByLabelText('Device code'), code);
  await user.type(screen.getByLabelText('Name'), ADMIN.name);
  await user.type(screen.getByLabelText('PIN (6–12 digits)'), ADMIN.pin);
  await user.type(screen.getByLabelText('PIN again'), ADMIN.pin);
}

beforeEach(() => {
  window.location.hash = '';
  initI18n('en');
  setLanguage('en');
});
afterEach(() => useSession.getState().logout());

describe('enrollment form', () => {
  it('shows every problem next to its field and stores nothing until the form is valid', async () => {
    const user = userEvent.setup();
    const { desk, db } = renderApp();
    await screen.findByRole('heading', { name: 'Set up this device' });
    await user.type(screen.getByLabelText('Device code'), 'k-77');
    await user.type(screen.getByLabelText('Name'), '1234');
    await user.type(screen.getByLabelText('PIN (6–12 digits)'), '111111');
    await user.type(screen.getByLabelText('PIN again'), '111112');
    await user.clear(screen.getByLabelText('Code 2'));
    await user.type(screen.getByLabelText('Code 2'), 'MED');
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));

    expect(await screen.findByText('Use 2–3 capital letters or digits, e.g. K7.')).toBeInTheDocument();
    expect(screen.getByText('This is required.')).toBeInTheDocument();
    expect(screen.getByText('Use letters (English or Hindi), spaces, dots, apostrophes or hyphens only.')).toBeInTheDocument();
    expect(screen.getByText('Too easy to guess: avoid repeated or consecutive digits.')).toBeInTheDocument();
    expect(screen.getByText('This code is already in the list.')).toBeInTheDocument();
    expect(screen.getByLabelText('Hospital name')).toHaveFocus();
    expect(await desk.identity()).toBeNull();
    expect(await db.users.count()).toBe(0);
  });

  it('treats HTML typed into a field as plain text', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('heading', { name: 'Set up this device' });
    await fillEnrollment(user);
    await user.clear(screen.getByLabelText('Hospital name'));
    await user.type(screen.getByLabelText('Hospital name'), '<img src=x onerror=alert(1)> Hospital');
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    await putAwayRecoverySheet(user);
    expect(await screen.findByText(/Device K7 · <img src=x onerror=alert\(1\)> Hospital/)).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('enrolls, then the administrator adds a clerk, in Hindi', async () => {
    const user = userEvent.setup();
    const { desk } = renderApp();
    await screen.findByRole('heading', { name: 'Set up this device' });
    await fillEnrollment(user);
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    await putAwayRecoverySheet(user);
    await screen.findByRole('heading', { name: `Welcome, ${ADMIN.name}` });

    await user.click(screen.getByRole('button', { name: 'भाषा: हिन्दी' }));
    // Hindi's dictionary loads on first use (issue 15): the screen switches once it is there.
    await user.click(await screen.findByRole('link', { name: 'उपयोगकर्ता' }));
    await user.type(await screen.findByLabelText('नाम'), 'रवि कुमार');
    await user.type(screen.getByLabelText('पिन (6–12 अंक)'), '73920');
    await user.type(screen.getByLabelText('पिन दोबारा'), '73920');
    await user.click(screen.getByRole('button', { name: 'उपयोगकर्ता जोड़ें' }));
    expect(await screen.findByText('कम से कम 6 अंक।')).toBeInTheDocument();
    expect(await desk.users()).toHaveLength(1);

    await user.type(screen.getByLabelText('पिन (6–12 अंक)'), '1');
    await user.type(screen.getByLabelText('पिन दोबारा'), '1');
    await user.click(screen.getByRole('button', { name: 'उपयोगकर्ता जोड़ें' }));
    expect(await screen.findByText('रवि कुमार को वार्ड क्लर्क के रूप में जोड़ा गया।')).toBeInTheDocument();
    expect(await within(screen.getByRole('table')).findByText('रवि कुमार')).toBeInTheDocument();
  });
});

describe('lock screen', () => {
  it('covers the work without discarding it and unlocks only with the PIN', async () => {
    const user = userEvent.setup();
    const { desk } = renderApp();
    await screen.findByRole('heading', { name: 'Set up this device' });
    await fillEnrollment(user);
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    await putAwayRecoverySheet(user);
    await screen.findByRole('heading', { name: `Welcome, ${ADMIN.name}` });
    await user.click(screen.getByRole('link', { name: 'Users' }));
    await user.type(await screen.findByLabelText('Name'), 'Half typed');

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByRole('heading', { name: 'Screen locked' });
    // The key left memory with the lock: nothing of the records can be read until the PIN is typed.
    expect(desk.isUnlocked).toBe(false);
    await user.type(screen.getByLabelText('PIN'), '000001');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('Wrong PIN.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('PIN'), ADMIN.pin);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.getByDisplayValue('Half typed')).toBeVisible());
    expect(desk.isUnlocked).toBe(true);
  });
});
