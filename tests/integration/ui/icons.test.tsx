import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { DeskScreen } from '../../../src/ui/desk/DeskScreen';
import { PatientScreen } from '../../../src/ui/desk/PatientScreen';
import { EnrollScreen } from '../../../src/ui/enroll/EnrollScreen';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { LabRoutes } from '../../../src/ui/lab/LabRoutes';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

// What a tablet without an emoji or symbol font shows as an empty box.
const BOXED = /\p{Extended_Pictographic}|[\u2190-\u21ff\u2715]|\ufe0f/u;

async function device() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const patient = await new FrontDesk(h.desk).register(admin, PATIENT);
  useSession.getState().login(admin);
  return { ...h, admin, patient: patient.patient };
}

const drawn = (el: HTMLElement) => {
  expect(el.textContent).not.toMatch(BOXED);
  expect(el.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
};

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});

describe('icons are drawn, and say what they stand for', () => {
  it('on the desk: the phone in a search result, the way back from a patient', async () => {
    const user = userEvent.setup();
    const { desk, patient } = await device();
    const { unmount } = render(<DeskProvider desk={desk}><Router hook={memoryLocation({ path: '/desk' }).hook}><DeskScreen /></Router></DeskProvider>);
    await user.type(await screen.findByLabelText(/^Search patient/), 'Ravi');
    const result = await screen.findByRole('button', { name: /^Ravi Kumar.*Mobile number\s*…2345/ });
    drawn(result);
    unmount();

    render(<DeskProvider desk={desk}><Router hook={memoryLocation({ path: `/patient/${patient}` }).hook}><PatientScreen id={patient} /></Router></DeskProvider>);
    const back = await screen.findByRole('link', { name: 'Back to search' });
    drawn(back);
    expect(document.body.textContent).not.toMatch(BOXED);
  });

  it('on the lab: removing a chosen test', async () => {
    const user = userEvent.setup();
    const { desk, patient } = await device();
    render(<DeskProvider desk={desk}><Router hook={memoryLocation({ path: `/lab/new/${patient}` }).hook}><Route path="/lab" nest><LabRoutes /></Route></Router></DeskProvider>);
    await user.type(await screen.findByLabelText(/^Test codes/), 'CBC{Enter}');
    const remove = await screen.findByRole('button', { name: 'Remove CBC' });
    drawn(remove);
    expect(within(remove).queryByText(/\S/)).toBeNull();
  });

  it('when enrolling: removing a department', async () => {
    const { desk } = makeDesk();
    render(<DeskProvider desk={desk}><EnrollScreen onEnrolled={() => undefined} /></DeskProvider>);
    drawn(await screen.findByRole('button', { name: 'Remove MED' }));
    expect(document.body.textContent).not.toMatch(BOXED);
  });
});
