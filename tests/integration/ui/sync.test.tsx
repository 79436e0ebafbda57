import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { SyncScreen } from '../../../src/ui/sync/SyncScreen';
import { centralStore, DB, tablet } from '../../helpers/centralHarness';
import { laggingStore } from '../../helpers/laggingStore';
import { act } from 'react';

// The tablet's own clock is set to New York; the hospital is in India (the device's clock starts
// at 2026-11-26 04:30 UTC, 10:00 in India).
process.env.TZ = 'America/New_York';

let central: Awaited<ReturnType<typeof centralStore>>;
let k7: { username: string; password: string };
beforeAll(async () => {
  central = await centralStore();
  k7 = await central.addDevice('K7');
}, 60_000);
afterAll(async () => { await central?.dispose(); });
beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});

describe('the resync screen', () => {
  it('a run refused for want of an all-clear counts the device\'s events, says why once, and lists the run in hospital time', async () => {
    const user = userEvent.setup();
    const t = await tablet('K7', 20);
    const events = await t.desk.eventCount();
    useSession.getState().login(t.admin);
    render(<DeskProvider desk={t.desk}><SyncScreen actor={t.admin} /></DeskProvider>);

    const url = await screen.findByLabelText('Central store address');
    await user.clear(url);
    await user.type(url, central.dbUrl());
    await user.type(screen.getByLabelText('Device account name'), k7.username);
    await user.type(screen.getByLabelText('Device account password'), k7.password);
    await user.click(screen.getByLabelText(/declared clean/));
    await user.click(screen.getByRole('button', { name: 'Open the gate' }));
    expect(await screen.findByText(/^Gate open since 2026-11-26 10:\d\d IST \(Asha Verma\)/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Resync now' }));
    expect(await screen.findByTestId('sync-message')).toHaveTextContent(/no all-clear yet: nothing was sent/);
    expect(screen.getAllByText(/no all-clear yet/)).toHaveLength(1);
    expect(screen.getByText(new RegExp(`^${events} events on this device · ${events} pending`))).toBeInTheDocument();

    const run = await screen.findByRole('row', { name: /Failed/ });
    expect(run.textContent).not.toContain('{{');
    expect(run).toHaveTextContent(`${events} events on this device · ${events} pending · 0 sent`);
    expect(within(run).getByText(/^2026-11-26 10:\d\d:\d\d IST$/)).toBeInTheDocument();

    // Closing the gate keeps the address and account for the next time it is opened.
    await user.click(screen.getByRole('button', { name: 'Close the gate' }));
    expect(await screen.findByLabelText('Central store address')).toHaveValue(central.dbUrl());
    expect(screen.getByLabelText('Device account name')).toHaveValue(k7.username);
  });

  it('names the times of an all-clear from an earlier incident in hospital time', async () => {
    const user = userEvent.setup();
    await central.allClear(new Date('2026-01-01T00:00:00Z'));
    // Another tablet than the first test's: its own code and account, so its own key registers.
    const k8 = await central.addDevice('K8');
    const t = await tablet('K8', 1);
    await t.resync.openGate(t.admin, { url: central.dbUrl(), ...k8, declaredClean: true, pull: false });
    render(<DeskProvider desk={t.desk}><SyncScreen actor={t.admin} /></DeskProvider>);
    await user.click(await screen.findByRole('button', { name: 'Resync now' }));
    expect(await screen.findByTestId('sync-message')).toHaveTextContent(
      /^The all-clear \(2026-01-01 05:30 IST, Dr Mehta \(IT security\)\) was declared before this outage began \(2026-11-26 10:00 IST\)/);
  });

  it('says a push the cluster only accepted (202) is not synced, on the screen and in the history, in English and Hindi', async () => {
    const user = userEvent.setup();
    await central.allClear();
    const lag = await laggingStore(central.store.url);
    try {
      lag.acceptOnly(true);
      const k9 = await central.addDevice('K9');
      const t = await tablet('K9', 1);
      await t.resync.openGate(t.admin, { url: `${lag.url}${DB}`, ...k9, declaredClean: true, pull: false });
      render(<DeskProvider desk={t.desk}><SyncScreen actor={t.admin} /></DeskProvider>);
      await user.click(await screen.findByRole('button', { name: 'Resync now' }));
      // The final message, not whatever a retry shows on the way.
      expect(await screen.findByText(/^Not synced: the central store accepted this device’s events but kept fewer copies than it needs/)).toHaveAttribute('data-testid', 'sync-message');
      expect(await screen.findByRole('row', { name: /Central store degraded: accepted, not enough copies/ })).toBeInTheDocument();
      act(() => { setLanguage('hi'); });
      expect(await screen.findByText(/^सिंक नहीं हुआ: केंद्रीय भंडार ने इस उपकरण की घटनाएँ स्वीकार कीं/)).toHaveAttribute('data-testid', 'sync-message');
      expect(await screen.findByRole('row', { name: /केंद्रीय भंडार कमज़ोर/ })).toBeInTheDocument();
    } finally {
      await lag.close();
    }
  });
});
