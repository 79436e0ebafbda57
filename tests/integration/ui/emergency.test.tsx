import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { EmergencyDesk } from '../../../src/device/emergencyDesk';
import { FrontDesk } from '../../../src/device/frontDesk';
import { PatientScreen } from '../../../src/ui/desk/PatientScreen';
import { EmergencyRoutes } from '../../../src/ui/emergency/EmergencyRoutes';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});

async function tablet() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  useSession.getState().login(admin);
  return { ...h, admin, front: new FrontDesk(h.desk), er: new EmergencyDesk(h.desk) };
}

describe('a registered patient in the emergency department', () => {
  it('arrives, from the patient screen, brought by the police as an MLC with the station, and cannot get a second open visit', async () => {
    const user = userEvent.setup();
    const { desk, front, admin, er } = await tablet();
    const ravi = await front.register(admin, PATIENT);
    const location = memoryLocation({ path: `/patient/${ravi.patient}`, record: true });
    render(<DeskProvider desk={desk}><Router hook={location.hook}><PatientScreen id={ravi.patient} /></Router></DeskProvider>);

    // The patient screen opens the arrival form on request, and the keyboard goes on in it.
    await user.click(await screen.findByRole('button', { name: 'Arrived in emergency…' }));
    expect(await screen.findByLabelText('Came by', { exact: false })).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('Came by', { exact: false }), 'Police');
    // The police bring an MLC: ticked at once, its details asked next.
    expect(screen.getByRole('checkbox', { name: 'Medico-legal case (MLC)' })).toBeChecked();
    await user.type(screen.getByLabelText('Brought by (name, phone)', { exact: false }), 'HC Ram Singh');
    await user.type(screen.getByLabelText('Police station', { exact: false }), 'PS Saket');
    await user.type(screen.getByLabelText('Complaint', { exact: false }), 'Assault{Enter}');
    await waitFor(() => expect(location.history?.at(-1)).toMatch(/^\/emergency\/visit\/ER-K7-000001$/));
    expect((await er.visit('ER-K7-000001'))!.visit).toMatchObject({ arrival: 'police', broughtBy: 'HC Ram Singh', mlc: { station: 'PS Saket' }, complaint: 'Assault' });

    const events = await desk.eventCount();
    await user.click(screen.getByRole('button', { name: 'Arrived in emergency' }));
    expect(await screen.findByText('This patient already has an open emergency visit, ER-K7-000001: triage or dispose of it there.')).toBeInTheDocument();
    expect(await desk.eventCount()).toBe(events);
  });
});

describe('the disposition', () => {
  it('asks before it is recorded: Escape goes back with nothing written, Enter on the question records it', async () => {
    const user = userEvent.setup();
    const { desk, front, admin, er } = await tablet();
    const ravi = await front.register(admin, PATIENT);
    const visit = await er.arrive(admin, ravi.patient, { arrival: 'self' });
    const location = memoryLocation({ path: `/visit/${visit.visit}`, record: true });
    render(<DeskProvider desk={desk}><Router hook={location.hook}><EmergencyRoutes /></Router></DeskProvider>);

    await user.selectOptions(await screen.findByLabelText('Disposition'), 'Discharged');
    await user.type(screen.getByLabelText(/^Note/), 'Stable{Enter}');
    const question = await screen.findByText('Record "Discharged" for this visit? It closes the visit and takes the patient off the board.');
    expect(question).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Yes, record it' })).toHaveFocus();
    const events = await desk.eventCount();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByLabelText('Disposition')).toHaveFocus());
    expect(screen.queryByText(/closes the visit/)).toBeNull();
    expect(await desk.eventCount()).toBe(events);
    expect((await er.visit(visit.visit))!.visit.status).toBe('open');

    await user.click(screen.getByRole('button', { name: 'Record disposition' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Yes, record it' })).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/^Discharged at .* by /)).toBeInTheDocument();
    expect((await er.visit(visit.visit))!.visit).toMatchObject({ status: 'closed', disposition: 'discharged', note: 'Stable' });
  });
});
