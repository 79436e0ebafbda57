import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { LabDesk } from '../../../src/device/labDesk';
import { PatientScreen } from '../../../src/ui/desk/PatientScreen';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { LabRoutes } from '../../../src/ui/lab/LabRoutes';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

// The tablet's own clock is set to New York; the hospital is in India. The device's clock
// starts at 2026-11-26 04:30 UTC: 10:00 in India, 23:30 the day before in New York.
process.env.TZ = 'America/New_York';

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});

describe('one clock: the hospital\'s', () => {
  it('shows when a patient was registered and corrected in the hospital\'s time, saying so', async () => {
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const front = new FrontDesk(h.desk);
    const patient = await front.register(admin, PATIENT);
    await front.correct(admin, patient.patient, { ...PATIENT, mobile: '98110 54321' }, 'Wrong number');
    useSession.getState().login(admin);
    const location = memoryLocation({ path: `/patient/${patient.patient}` });
    render(<DeskProvider desk={h.desk}><Router hook={location.hook}><PatientScreen id={patient.patient} /></Router></DeskProvider>);

    expect(await screen.findByText(/^Registered 2026-11-26 10:00 IST by Asha Verma on device K7$/)).toBeInTheDocument();
    expect(await screen.findByText(/^2026-11-26 10:00 IST · Asha Verma \(K7\): /)).toBeInTheDocument();
  });

  it('asks for a collection time in the hospital\'s zone, and says which', async () => {
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const patient = await new FrontDesk(h.desk).register(admin, PATIENT);
    const view = await new LabDesk(h.desk).request(admin, { patient: patient.patient, tests: ['CBC'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
    const specimen = view.specimens[0]!.specimen;
    useSession.getState().login(admin);
    const location = memoryLocation({ path: `/lab/specimen/${specimen}` });
    render(<DeskProvider desk={h.desk}><Router hook={location.hook}><Route path="/lab" nest><LabRoutes /></Route></Router></DeskProvider>);

    expect((await screen.findByLabelText<HTMLInputElement>('Collection time (IST)')).value).toMatch(/^10:0\d$/);
    expect(screen.getByText(/^Ordered 2026-11-26 10:0\d IST by Asha Verma$/)).toBeInTheDocument();
  });
});
