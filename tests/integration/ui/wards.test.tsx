import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FrontDesk } from '../../../src/device/frontDesk';
import { WardDesk } from '../../../src/device/wardDesk';
import { initI18n, loadLanguage, setLanguage } from '../../../src/ui/i18n';
import { WardCensus } from '../../../src/print/WardCensus';
import { censusSheet } from '../../../src/ui/wards/printCensus';
import { DeskProvider } from '../../../src/ui/services';
import { useSession } from '../../../src/ui/session';
import { WardRoutes } from '../../../src/ui/wards/WardRoutes';
import { ADMIN, bring, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});

async function tablet(code: string) {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code }, admin: ADMIN });
  const wards = new WardDesk(h.desk);
  await wards.defineWard(admin, { ward: 'SURG', name: 'Surgery ward', beds: '1-4' });
  return { ...h, admin, wards, front: new FrontDesk(h.desk) };
}
type Tablet = Awaited<ReturnType<typeof tablet>>;

/** The ward screens of `t`, its administrator logged in. */
function openWards(t: Tablet, path = '/') {
  useSession.getState().login(t.admin);
  const location = memoryLocation({ path, record: true });
  render(
    <DeskProvider desk={t.desk}>
      <Router hook={location.hook}><WardRoutes /></Router>
    </DeskProvider>,
  );
}

describe('the bed board', () => {
  it('shows a bed two tablets filled offline with both patients as a conflict, and a transfer decides it', async () => {
    const user = userEvent.setup();
    const k7 = await tablet('K7');
    const m2 = await tablet('M2');
    const admit = { ward: 'SURG', bed: '2', source: 'direct', dept: 'MED', consultant: 'Dr Meera Iyer', diagnosis: 'Dengue fever' };
    const ravi = await k7.front.register(k7.admin, PATIENT);
    const sunita = await m2.front.register(m2.admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });
    await k7.wards.admit(k7.admin, { ...admit, patient: ravi.patient });
    const second = await m2.wards.admit(m2.admin, { ...admit, patient: sunita.patient });
    await bring(m2, 'M2', k7);

    openWards(k7);
    // The ward list calls the conflict out before anyone opens the board.
    const row = await screen.findByTestId('ward-row');
    expect(row).toHaveTextContent('1 bed with two patients: decide who stays');
    await user.click(within(row).getByRole('link'));

    const bed = (label: string) => screen.getAllByTestId('bed').find((b) => b.dataset.bed === label)!;
    await screen.findByText('Two patients');
    expect(bed('2').dataset.state).toBe('conflict');
    expect(bed('2')).toHaveTextContent('Ravi Kumar');
    expect(bed('2')).toHaveTextContent('Sunita Devi');
    expect(within(bed('2')).getAllByRole('link')).toHaveLength(2);

    // The decision: Sunita Devi moves to bed 3.
    await user.click(within(bed('2')).getByRole('link', { name: /Sunita Devi/ }));
    await screen.findByTestId('admission-place');
    await within(screen.getByLabelText('To bed')).findByRole('option', { name: '3' });
    await user.selectOptions(screen.getByLabelText('To bed'), '3');
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(await screen.findByText('Ward SURG, bed 3')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Bed board SURG' }));
    await screen.findByText('Surgery ward', { exact: false });
    await screen.findAllByText('Occupied');
    expect(screen.queryByText('Two patients')).toBeNull();
    expect(bed('2').dataset.state).toBe('occupied');
    expect(bed('3')).toHaveTextContent(second.admission);
  });

  it('flags a patient two tablets admitted to two beds offline on the ward list and beside both beds, with links to each admission', async () => {
    const user = userEvent.setup();
    const k7 = await tablet('K7');
    const m2 = await tablet('M2');
    const admit = { ward: 'SURG', source: 'direct', dept: 'MED', consultant: 'Dr Meera Iyer', diagnosis: 'Dengue fever' };
    const ravi = await k7.front.register(k7.admin, PATIENT);
    await bring(k7, 'K7', m2);
    const first = await k7.wards.admit(k7.admin, { ...admit, bed: '1', patient: ravi.patient });
    const second = await m2.wards.admit(m2.admin, { ...admit, bed: '4', patient: ravi.patient });
    await bring(m2, 'M2', k7);

    openWards(k7);
    const row = await screen.findByTestId('ward-row');
    expect(row).toHaveTextContent('1 patient admitted to two beds: keep the admission where they lie');
    await user.click(within(row).getByRole('link'));
    await screen.findByText('1 patient admitted to two beds', { exact: false });
    const bed = (label: string) => screen.getAllByTestId('bed').find((b) => b.dataset.bed === label)!;
    // Both beds stay occupied by the same patient, each pointing at the other admission.
    expect(bed('1').dataset.state).toBe('occupied');
    expect(bed('4').dataset.state).toBe('occupied');
    expect(within(bed('1')).getByRole('link', { name: `ALSO ADMITTED to SURG bed 4 (${second.admission})` })).toHaveAttribute('href', `/admission/${second.admission}`);
    expect(within(bed('4')).getByRole('link', { name: `ALSO ADMITTED to SURG bed 1 (${first.admission})` })).toBeInTheDocument();
  });

  it('lists every ward with its counts and conflicts without reading a single patient', async () => {
    const k7 = await tablet('K7');
    const m2 = await tablet('M2');
    await k7.wards.defineWard(k7.admin, { ward: 'MED', name: 'Medicine ward', beds: '1-3' });
    const admit = { source: 'direct', dept: 'MED', consultant: 'Dr Meera Iyer', diagnosis: 'Dengue fever' };
    const ravi = await k7.front.register(k7.admin, PATIENT);
    const sunita = await k7.front.register(k7.admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });
    await bring(k7, 'K7', m2);
    await k7.wards.admit(k7.admin, { ...admit, ward: 'SURG', bed: '1', patient: ravi.patient });
    await k7.wards.admit(k7.admin, { ...admit, ward: 'SURG', bed: '2', patient: sunita.patient });
    await k7.wards.markBed(k7.admin, 'SURG', '3', 'reserved');
    // M2, offline: Ravi again in MED 1, and someone new in SURG 2.
    const arjun = await m2.front.register(m2.admin, { ...PATIENT, name: 'Arjun Singh' });
    await m2.wards.admit(m2.admin, { ...admit, ward: 'MED', bed: '1', patient: ravi.patient });
    await m2.wards.admit(m2.admin, { ...admit, ward: 'SURG', bed: '2', patient: arjun.patient });
    await bring(m2, 'M2', k7);

    const patients = k7.desk.db.patients;
    const reads = [vi.spyOn(patients, 'get'), vi.spyOn(patients, 'bulkGet'), vi.spyOn(patients, 'where'), vi.spyOn(patients, 'toArray')];
    openWards(k7);
    await screen.findAllByTestId('ward-row');
    await waitFor(() => expect(screen.getAllByTestId('ward-row')).toHaveLength(2));
    const [med, surg] = screen.getAllByTestId('ward-row') as [HTMLElement, HTMLElement];
    expect(med).toHaveTextContent('1 occupied · 2 free · 0 reserved · 0 being cleaned');
    expect(med).toHaveTextContent('1 patient admitted to two beds');
    expect(surg).toHaveTextContent('1 occupied · 1 free · 1 reserved · 0 being cleaned');
    expect(surg).toHaveTextContent('1 bed with two patients');
    expect(surg).toHaveTextContent('1 patient admitted to two beds');
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    // The board, opened from the list, does read them: it shows names.
    const user = userEvent.setup();
    await user.click(within(surg).getByRole('link'));
    expect(await screen.findByText('Arjun Singh')).toBeInTheDocument();
  });

  it('marks on the printed census a patient two tablets admitted to two beds, naming the other bed in both languages', async () => {
    const k7 = await tablet('K7');
    const m2 = await tablet('M2');
    const admit = { ward: 'SURG', source: 'direct', dept: 'MED', consultant: 'Dr Meera Iyer', diagnosis: 'Dengue fever' };
    const ravi = await k7.front.register(k7.admin, PATIENT);
    const sunita = await k7.front.register(k7.admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });
    await bring(k7, 'K7', m2);
    const first = await k7.wards.admit(k7.admin, { ...admit, bed: '1', patient: ravi.patient });
    await k7.wards.admit(k7.admin, { ...admit, bed: '2', patient: sunita.patient });
    const second = await m2.wards.admit(m2.admin, { ...admit, bed: '4', patient: ravi.patient });
    await bring(m2, 'M2', k7);

    await loadLanguage('hi');
    const sheet = censusSheet((await k7.wards.census('SURG'))!);
    render(<WardCensus census={sheet} />);
    const row = (bed: string) => screen.getAllByRole('row').find((r) => r.querySelector('.wc-bed')?.textContent === bed)!;
    expect(within(row('1')).getByTestId('census-twice')).toHaveTextContent(`ALSO ADMITTED to SURG bed 4 (${second.admission}) / SURG बिस्तर 4 पर भी भर्ती (${second.admission})`);
    expect(within(row('4')).getByTestId('census-twice')).toHaveTextContent(`ALSO ADMITTED to SURG bed 1 (${first.admission})`);
    // Sunita lies in one bed only: nothing beside her.
    expect(row('2')).toHaveTextContent('Sunita Devi');
    expect(within(row('2')).queryByTestId('census-twice')).toBeNull();
  });

  it('marks an admission entered in error only after asking, with a reason; Escape goes back with nothing written; the bed is free after', async () => {
    const user = userEvent.setup();
    const k7 = await tablet('K7');
    const ravi = await k7.front.register(k7.admin, PATIENT);
    const a = await k7.wards.admit(k7.admin, { ward: 'SURG', bed: '2', source: 'direct', dept: 'MED', consultant: 'Dr Meera Iyer', diagnosis: 'Dengue fever', patient: ravi.patient });
    openWards(k7, `/admission/${a.admission}`);
    const form = await screen.findByRole('form', { name: 'Entered in error' });
    const reason = within(form).getByLabelText('Why (required)');
    // No reason: the field says so, nothing is asked.
    await user.click(reason);
    await user.keyboard('{Enter}');
    expect(await within(form).findByText('This is required.')).toBeInTheDocument();
    expect(within(form).queryByRole('button', { name: 'Yes, mark it' })).toBeNull();
    await user.type(reason, 'Wrong patient: Ravi Kumar is in OPD{Enter}');
    const question = await within(form).findByRole('alert');
    expect(question).toHaveTextContent(`Mark admission ${a.admission} entered in error? Bed SURG 2 becomes free`);
    expect(within(question).getByRole('button', { name: 'Yes, mark it' })).toHaveFocus();
    const events = await k7.desk.eventCount();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(reason).toHaveFocus());
    expect(within(form).queryByRole('button', { name: 'Yes, mark it' })).toBeNull();
    expect(await k7.desk.eventCount()).toBe(events);
    // Asked again, and Enter on the question records it.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Yes, mark it' })).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('admission-in-error')).toHaveTextContent(`Entered in error`);
    expect(screen.getByTestId('admission-in-error')).toHaveTextContent(`by ${k7.admin.name}: Wrong patient: Ravi Kumar is in OPD`);
    expect(screen.queryByRole('button', { name: 'Transfer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Discharge' })).toBeNull();
    await user.click(screen.getByRole('link', { name: 'Bed board SURG' }));
    await screen.findByText('Surgery ward', { exact: false });
    expect(screen.getAllByTestId('bed').find((b) => b.dataset.bed === '2')!.dataset.state).toBe('free');
  });
});
