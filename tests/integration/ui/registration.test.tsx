import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { DeskScreen } from '../../../src/ui/desk/DeskScreen';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { useDeskPrefs } from '../../../src/ui/desk/deskPrefs';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

async function renderDesk() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  useSession.getState().login(admin);
  const location = memoryLocation({ path: '/desk', record: true });
  render(<DeskProvider desk={h.desk}><Router hook={location.hook}><DeskScreen /></Router></DeskProvider>);
  return { ...h, admin, front: new FrontDesk(h.desk), location };
}

async function openRegistration(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.type(await screen.findByLabelText(/^Search patient/), `${name}{Enter}`);
  await screen.findByRole('heading', { name: 'Register new patient' });
}

async function fillRequired(user: ReturnType<typeof userEvent.setup>, over: Partial<Record<string, string>> = {}) {
  const v = { years: '45', mobile: '9811012345', locality: 'Lajpat Nagar', district: 'South Delhi', state: 'Delhi', pin: '110024', relative: 'Mohan Lal', ...over };
  await user.selectOptions(screen.getByLabelText('Sex'), over.sex ?? 'M');
  if (v.years) await user.type(screen.getByLabelText('Years'), v.years);
  if (v.mobile) await user.type(screen.getByLabelText('Mobile number'), v.mobile);
  if (v.locality) await user.type(screen.getByLabelText('Locality / village'), v.locality);
  if (v.district) await user.type(screen.getByLabelText('District'), v.district);
  if (v.state) await user.type(screen.getByLabelText('State'), v.state);
  if (v.pin) await user.type(screen.getByLabelText('PIN code'), v.pin);
  await user.selectOptions(screen.getByLabelText('Relation'), 'father');
  if (v.relative) await user.type(screen.getByLabelText('Relative / guardian name'), v.relative);
}

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  useDeskPrefs.setState({ dept: null, district: '', state: '' });
});

describe('registration form', () => {
  it('opens from a name nobody has, registers, and goes to the new patient', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderDesk();
    await openRegistration(user, 'Ravi Kumar');
    expect(screen.getByLabelText('Patient name (English or Hindi)')).toHaveValue('Ravi Kumar');
    expect(screen.getByLabelText('Sex')).toHaveFocus();
    await fillRequired(user);
    await user.keyboard('{Enter}');
    await expect.poll(() => location.history.at(-1)).toMatch(/^\/patient\/DT-K7-000001-[0-9A-Z]$/);
    expect(await db.patients.count()).toBe(1);
  });

  it('reads top to bottom: sex right after the name, the optional fields after the relative and before Register', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderDesk();
    await openRegistration(user, 'Ravi Kumar');
    await user.tab({ shift: true });
    expect(screen.getByLabelText('Patient name (English or Hindi)')).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText('Sex')).toHaveFocus();
    await fillRequired(user);
    const order: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      await user.tab();
      order.push(document.activeElement?.textContent || document.activeElement?.getAttribute('id') || '');
    }
    const label = (text: string) => screen.getByLabelText(text).id;
    expect(order).toEqual([label('Alias (when the name is not known)'), label('Hospital UHID (if the patient has a card)'), label('ABHA number (14 digits)'), label('Remarks'), 'Register']);
    // The optional fields filled on the way, Enter in the last of them registers.
    await user.type(screen.getByLabelText('Remarks'), 'came with referral letter{Enter}');
    await expect.poll(() => location.history.at(-1)).toMatch(/^\/patient\/DT-K7-000001-[0-9A-Z]$/);
    expect((await db.patients.toArray())[0]).toMatchObject({ remarks: 'came with referral letter' });
  });

  it('shows each problem next to its field in the user language and saves nothing', async () => {
    const user = userEvent.setup();
    const { db, desk } = await renderDesk();
    await openRegistration(user, 'Ravi Kumar');
    await fillRequired(user, { years: '200', mobile: '12345', pin: '011', relative: '' });
    await user.type(screen.getByLabelText('ABHA number (14 digits)'), '1234');
    await user.clear(screen.getByLabelText('Patient name (English or Hindi)'));
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('The age must be between 0 and 125 years (months 0–11, days 0–30).')).toBeInTheDocument();
    expect(screen.getByText('A 10-digit Indian mobile number, starting with 6, 7, 8 or 9.')).toBeInTheDocument();
    expect(screen.getByText('A PIN code has 6 digits and does not start with 0.')).toBeInTheDocument();
    expect(screen.getByText('An ABHA number has 14 digits.')).toBeInTheDocument();
    expect(screen.getByText('Give a name, or an alias when the name is not known.')).toBeInTheDocument();
    setLanguage('hi');
    expect(await screen.findByText('ABHA नंबर में 14 अंक होते हैं।')).toBeInTheDocument();
    expect(await db.patients.count()).toBe(0);
    expect(await desk.eventCount()).toBe(2);
  });

  it('marks what is required and what is optional before Register, and registers with a name, sex and age alone (issue 14)', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderDesk();
    await openRegistration(user, 'Sita Devi');
    const mark = (text: string) => screen.getByText(text, { selector: 'label, legend' }).getAttribute('data-mark');
    expect(mark('Patient name (English or Hindi)')).toBe('(required: name or alias)');
    expect(mark('Sex')).toBe('(required)');
    expect(mark('Age or date of birth')).toBe('(required)');
    for (const optional of ['Mobile number', 'Address', 'Relation', 'Relative / guardian name']) expect(mark(optional), optional).toBe('(optional)');
    expect(screen.getByText(/^Required: a name or an alias, sex and age/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Sex'), 'F');
    await user.type(screen.getByLabelText('Years'), '60{Enter}');
    await expect.poll(() => location.history.at(-1)).toMatch(/^\/patient\/DT-K7-000001-[0-9A-Z]$/);
    const [row] = await db.patients.toArray();
    expect(row).toMatchObject({ name: 'Sita Devi', sex: 'F' });
    expect(row!.address).toBeUndefined();
    expect(row!.relative).toBeUndefined();
  });

  it('refuses a date of birth in the future', async () => {
    const user = userEvent.setup();
    const { db } = await renderDesk();
    await openRegistration(user, 'Baby Kumari');
    await fillRequired(user, { years: '' , sex: 'F' });
    await user.click(screen.getByLabelText('Date of birth'));
    await user.type(screen.getByLabelText('Date of birth', { selector: 'input[type="date"]' }), '2099-01-01');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('The date of birth is in the future.')).toBeInTheDocument();
    expect(await db.patients.count()).toBe(0);
  });

  it('shows possible duplicates and lets the clerk pick one or register anyway', async () => {
    const user = userEvent.setup();
    const { front, admin, db, location } = await renderDesk();
    const existing = await front.register(admin, PATIENT);
    await openRegistration(user, 'Ravi Kumaran');
    await fillRequired(user, { mobile: '9811012345' });
    const list = await screen.findByRole('region', { name: 'Possible duplicates: is the patient one of these?' });
    expect(within(list).getByText(existing.patient)).toBeInTheDocument();
    expect(within(list).getByText('same mobile, similar name and age')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Check the possible duplicates above: choose one, or register as a new patient.')).toBeInTheDocument();
    expect(await db.patients.count()).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Register as a new patient anyway' }));
    await expect.poll(() => db.patients.count()).toBe(2);
    await expect.poll(() => location.history.at(-1)).toMatch(/DT-K7-000002/);
  });

  it('jumps straight to a patient when a scanner types the ID and Enter, and says when an ID is mistyped', async () => {
    const user = userEvent.setup();
    const { front, admin, location } = await renderDesk();
    const p = await front.register(admin, PATIENT);
    const box = await screen.findByLabelText(/^Search patient/);
    const wrong = p.patient.slice(0, -1) + (p.patient.endsWith('0') ? '1' : '0');
    await user.type(box, `${wrong}{Enter}`);
    expect(await screen.findByText('This ID is not valid: a character is mistyped (the check character does not match).')).toBeInTheDocument();
    await user.clear(box);
    await user.type(box, `${p.patient}{Enter}`);
    await expect.poll(() => location.history.at(-1)).toBe(`/patient/${p.patient}`);
  });
});
