import { describe, expect, it } from 'vitest';
import { EmergencyDesk } from '../../src/device/emergencyDesk';
import { FrontDesk } from '../../src/device/frontDesk';
import { LabDesk } from '../../src/device/labDesk';
import { WardDesk } from '../../src/device/wardDesk';
import { refusal } from '../helpers/refusal';
import { ADMIN, bring, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';
import { everythingStored } from '../helpers/everythingStored';

async function setup(code = 'K7') {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code }, admin: ADMIN });
  const wards = new WardDesk(h.desk);
  await wards.defineWard(admin, { ward: 'SURG', name: 'Surgery ward', nameHi: 'सर्जरी वार्ड', beds: '1-4\nICU1-ICU2 icu' });
  return { ...h, admin, wards, front: new FrontDesk(h.desk), er: new EmergencyDesk(h.desk) };
}

/** Values no other record holds: a search of the raw stores can only find them here. */
const DIAGNOSIS = 'Xanthogranulomatous pyelonephritis query';
const CONSULTANT = 'Dr Quirinal Vashisthaputra';
const admitInput = (patient: string, bed = '3') => ({ patient, ward: 'SURG', bed, source: 'opd', dept: 'MED', consultant: CONSULTANT, diagnosis: DIAGNOSIS });

describe('ward set-up', () => {
  it('takes beds as typed, replaces a ward on a second set-up, and refuses bad input without writing anything', async () => {
    const { wards, admin, desk } = await setup();
    expect((await wards.wards()).map((w) => [w.ward, w.beds.length])).toEqual([['SURG', 6]]);
    await wards.defineWard(admin, { ward: 'SURG', name: 'Surgery ward', nameHi: '', beds: '1-6' });
    expect((await wards.wards())[0]!.beds.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5', '6']);
    const count = await desk.eventCount();
    expect(await refusal(wards.defineWard(admin, { ward: 'med ward', name: '', beds: '1-2\n2' }))).toEqual(['ward:wardCode', 'name:required', 'beds:bedTwice']);
    expect(await refusal(wards.defineWard(admin, { ward: 'MED', name: 'Medicine', beds: '' }))).toEqual(['beds:required']);
    expect(await refusal(wards.defineWard({ name: 'Kavita Joshi', role: 'clerk' }, { ward: 'MED', name: 'Medicine', beds: '1' }))).toEqual(['adminOnly']);
    expect(await desk.eventCount()).toBe(count);
  });
});

describe('admission, transfer and discharge on one device', () => {
  it('admits a patient from emergency with an IP number, transfers, discharges on death with its time, and seals the clinical values', async () => {
    const { wards, front, er, admin } = await setup();
    const { patient, visit } = await er.registerUnknown(admin, { sex: 'M', years: '40', arrival: 'police', mlc: { station: 'PS Saket' } });
    const other = await front.register(admin, PATIENT);
    const a = await wards.admit(admin, { ...admitInput(patient.patient), source: 'emergency', visit: visit.visit, mlc: true });
    expect(a).toMatchObject({ admission: expect.stringMatching(/^IP-K7-000001-[0-9A-Z]$/), status: 'admitted', ward: 'SURG', bed: '3', mlc: true, visit: visit.visit });
    const b = await wards.admit(admin, admitInput(other.patient, '1'));
    expect(b.admission).toMatch(/^IP-K7-000002-/);

    // This device knows the bed is taken and the patient is in: it refuses, and writes nothing.
    expect(await refusal(wards.admit(admin, admitInput(other.patient, '3')))).toEqual(['bedOccupied']);
    expect(await refusal(wards.admit(admin, admitInput(other.patient, '4')))).toEqual(['alreadyAdmitted']);
    expect(await refusal(wards.admit(admin, admitInput(other.patient, '9')))).toEqual(['bed:bedNotFound']);
    expect(await refusal(wards.admit(admin, { ...admitInput(other.patient), consultant: '', diagnosis: '', source: 'x' }))).toEqual(['source:admitSource', 'consultant:required', 'diagnosis:required']);
    expect(await refusal(wards.transfer(admin, a.admission, { ward: 'SURG', bed: '1' }))).toEqual(['bedOccupied']);
    expect(await refusal(wards.transfer(admin, a.admission, { ward: 'SURG', bed: '3' }))).toEqual(['bed:sameBed']);

    // Wristbands count their copies: the second is a reprint.
    expect(await wards.recordWristbandPrint(admin, a.admission)).toBe(1);
    expect(await wards.recordWristbandPrint(admin, a.admission)).toBe(2);
    expect((await wards.admission(a.admission))!.admission.wristbands).toBe(2);
    expect(await refusal(wards.recordWristbandPrint(admin, 'IP-K7-000099-X'))).toEqual(['admissionNotFound']);

    const moved = await wards.transfer(admin, a.admission, { ward: 'SURG', bed: 'ICU1' });
    expect(moved).toMatchObject({ ward: 'SURG', bed: 'ICU1', moves: [{ bed: '3' }, { bed: 'ICU1' }] });
    let board = (await wards.board('SURG'))!;
    expect(board.beds.map((x) => `${x.label}:${x.state}`)).toEqual(['1:occupied', '2:free', '3:cleaning', '4:free', 'ICU1:occupied', 'ICU2:free']);
    expect(board.beds.find((x) => x.label === 'ICU1')!.patients[0]!.person?.name).toBe('UNKNOWN MALE K7-0001');
    await wards.markBed(admin, 'SURG', '3', 'free');
    await wards.markBed(admin, 'SURG', '4', 'reserved');
    expect(await refusal(wards.markBed(admin, 'SURG', '1', 'cleaning'))).toEqual(['bedOccupied']);

    expect(await refusal(wards.discharge(admin, a.admission, { outcome: 'death', diedTime: '' }))).toEqual(['diedTime:required']);
    expect(await refusal(wards.discharge(admin, a.admission, { outcome: 'death', diedTime: '25:99' }))).toEqual(['diedTime:time']);
    const done = await wards.discharge(admin, a.admission, { outcome: 'death', diedTime: '09:15', note: '' });
    expect(done).toMatchObject({ status: 'discharged', outcome: 'death', diedAt: expect.stringMatching(/T03:45:00\.000Z$/) });
    expect(await refusal(wards.discharge(admin, a.admission, { outcome: 'normal' }))).toEqual(['admissionClosed']);
    board = (await wards.board('SURG'))!;
    expect(board.beds.map((x) => `${x.label}:${x.state}`)).toEqual(['1:occupied', '2:free', '3:free', '4:reserved', 'ICU1:cleaning', 'ICU2:free']);
    // The patient may be admitted again, under a new IP number.
    expect((await wards.admit(admin, admitInput(patient.patient, '2'))).admission).toMatch(/^IP-K7-000003-/);

    const raw = await everythingStored();
    for (const secret of [DIAGNOSIS, CONSULTANT]) expect(raw.includes(secret), secret).toBe(false);
    // Bed labels and marks are the ward's (readable); which ward and bed a patient lies in is not.
    expect(raw).toMatch(/"admission":"IP-K7-000001-/);
    expect(raw).not.toMatch(/"admission":"IP-[^}]*"(ward|bed|consultant|mlc)"/);
    // A bed's mark keeps its time sealed: beside the admission's readable discharge time it would say where the patient lay.
    expect(raw).toMatch(/"key":"SURG\/ICU1"/);
    expect(raw).not.toMatch(/"key":"SURG\/ICU1"[^}]*"at":/);
  });
});

describe('two tabs of one tablet admit into one bed at the same moment', () => {
  it('admits one patient and refuses the other as the bed is taken: no conflict on one device', async () => {
    const { wards, front, admin, names, locks } = await setup();
    const first = await front.register(admin, PATIENT);
    const second = await front.register(admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });
    // Another tab: the same storage and the same locks (the browser's Web Locks are shared by tabs).
    const tab = makeDesk({ names, locks });
    const clerk = await tab.desk.login(ADMIN.name, ADMIN.pin);
    const results = await Promise.allSettled([wards.admit(admin, admitInput(first.patient)), new WardDesk(tab.desk).admit(clerk, admitInput(second.patient))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected')!;
    expect(await refusal(Promise.reject(refused.reason))).toEqual(['bedOccupied']);
    const bed = (await wards.board('SURG'))!.beds.find((b) => b.label === '3')!;
    expect(bed.patients).toHaveLength(1);
  });
});

describe('two tablets offline put two patients in one bed', () => {
  it('shows both in the bed as a conflict once their events meet on one device, and the conflict ends when one is moved', async () => {
    const k7 = await setup('K7');
    const m2 = await setup('M2');
    const p1 = await k7.front.register(k7.admin, PATIENT);
    const p2 = await m2.front.register(m2.admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });
    const a = await k7.wards.admit(k7.admin, admitInput(p1.patient, '2'));
    const b = await m2.wards.admit(m2.admin, { ...admitInput(p2.patient, '2'), consultant: 'Dr Arvind Rao' });

    // M2's events reach K7 (as a pull brings them): stored as they were, then folded.
    await bring(m2, 'M2', k7);
    const bed2 = (await k7.wards.board('SURG'))!.beds.find((x) => x.label === '2')!;
    expect(bed2.state).toBe('conflict');
    expect(bed2.patients.map((p) => [p.admission, p.person?.name, p.consultant])).toEqual([
      [a.admission, 'Ravi Kumar', CONSULTANT],
      [b.admission, 'Sunita Devi', 'Dr Arvind Rao'],
    ]);
    // Nothing was overwritten: each admission is whole, and a rebuild from the log agrees.
    await k7.desk.projections!.rebuild();
    expect((await k7.wards.board('SURG'))!.beds.find((x) => x.label === '2')!.patients.map((p) => p.admission)).toEqual([a.admission, b.admission]);

    // The clerk decides: one patient moves to another bed, and the bed is plainly occupied again.
    await k7.wards.transfer(k7.admin, b.admission, { ward: 'SURG', bed: '4' });
    const board = (await k7.wards.board('SURG'))!;
    expect(board.beds.filter((x) => x.patients.length).map((x) => `${x.label}:${x.state}:${x.patients.map((p) => p.admission).join()}`))
      .toEqual([`2:occupied:${a.admission}`, `4:occupied:${b.admission}`]);
  });
});

describe('two tablets offline admit one patient to two beds', () => {
  it('flags both admissions on the board once the events meet, keeps each whole, and clears when one is discharged', async () => {
    const k7 = await setup('K7');
    const m2 = await setup('M2');
    const p1 = await k7.front.register(k7.admin, PATIENT);
    // M2 knows the patient (a pull), then both tablets go offline and admit them.
    await bring(k7, 'K7', m2);
    const a = await k7.wards.admit(k7.admin, admitInput(p1.patient, '1'));
    const b = await m2.wards.admit(m2.admin, { ...admitInput(p1.patient, 'ICU2'), consultant: 'Dr Arvind Rao' });
    // Alone, neither board has anything to flag.
    expect((await k7.wards.board('SURG'))!.beds.flatMap((x) => x.patients).map((p) => p.elsewhere)).toEqual([[]]);

    await bring(m2, 'M2', k7);
    const placed = (await k7.wards.board('SURG'))!.beds.flatMap((x) => x.patients);
    expect(placed.map((p) => [p.admission, p.bed, p.consultant, p.elsewhere])).toEqual([
      [a.admission, '1', CONSULTANT, [{ admission: b.admission, ward: 'SURG', bed: 'ICU2' }]],
      [b.admission, 'ICU2', 'Dr Arvind Rao', [{ admission: a.admission, ward: 'SURG', bed: '1' }]],
    ]);

    await k7.wards.discharge(k7.admin, b.admission, { outcome: 'normal', note: 'Admitted twice offline' });
    const after = (await k7.wards.board('SURG'))!;
    expect(after.beds.flatMap((x) => x.patients).map((p) => [p.admission, p.elsewhere])).toEqual([[a.admission, []]]);
    expect(after.beds.find((x) => x.label === 'ICU2')!.state).toBe('cleaning');
  });
});

describe('an admission entered in error', () => {
  it('frees the bed, keeps the admission in the history marked so with who and why, leaves the census, and refuses what would change it', async () => {
    const k7 = await setup('K7');
    const m2 = await setup('M2');
    const p1 = await k7.front.register(k7.admin, PATIENT);
    await bring(k7, 'K7', m2);
    const a = await k7.wards.admit(k7.admin, admitInput(p1.patient, '1'));
    const b = await m2.wards.admit(m2.admin, admitInput(p1.patient, 'ICU2'));
    await bring(m2, 'M2', k7);
    const { wards, admin, desk } = k7;

    // Bad input and the wrong role write nothing.
    const count = await desk.eventCount();
    expect(await refusal(wards.enteredInError(admin, b.admission, { reason: '  ' }))).toEqual(['reason:required']);
    expect(await refusal(wards.enteredInError(admin, b.admission, { reason: 'x'.repeat(201) }))).toEqual(['reason:tooLong']);
    expect(await refusal(wards.enteredInError({ name: 'Asha Lab', role: 'lab' }, b.admission, { reason: 'Admitted twice' }))).toEqual(['roleNotAllowed']);
    expect(await refusal(wards.enteredInError(admin, 'IP-K7-000099-X', { reason: 'Admitted twice' }))).toEqual(['admissionNotFound']);
    expect(await desk.eventCount()).toBe(count);

    const row = await wards.enteredInError(admin, b.admission, { reason: 'Admitted twice offline; the patient lies in bed 1' });
    expect(row).toMatchObject({ status: 'enteredInError', errorBy: ADMIN.name, errorReason: 'Admitted twice offline; the patient lies in bed 1', ward: 'SURG', bed: 'ICU2' });
    // The bed is free (no one ever lay there by it), not being cleaned; the patient's one admission stands unflagged.
    const board = (await wards.board('SURG'))!;
    expect(board.beds.find((x) => x.label === 'ICU2')!.state).toBe('free');
    expect(board.beds.flatMap((x) => x.patients).map((p) => [p.admission, p.elsewhere])).toEqual([[a.admission, []]]);
    expect((await wards.census('SURG'))!.rows.map((r) => r.admission.admission)).toEqual([a.admission]);
    // Still in the history, and nothing more can be recorded on it.
    expect((await wards.admission(b.admission))!.admission.status).toBe('enteredInError');
    expect(await refusal(wards.discharge(admin, b.admission, { outcome: 'normal' }))).toEqual(['admissionInError']);
    expect(await refusal(wards.transfer(admin, b.admission, { ward: 'SURG', bed: '2' }))).toEqual(['admissionInError']);
    expect(await refusal(wards.enteredInError(admin, b.admission, { reason: 'Again' }))).toEqual(['admissionInError']);

    // Another tablet folds it the same, and the reason stays sealed at rest.
    await bring(k7, 'K7', m2);
    expect((await m2.wards.admission(b.admission))!.admission).toMatchObject({ status: 'enteredInError', errorReason: row.errorReason });
    expect(await everythingStored()).not.toContain('the patient lies in bed 1');
  });
});

describe('lab requisitions for emergency and ward patients', () => {
  it('take the ordering location from the open admission, else the open emergency visit, and keep it sealed', async () => {
    const { wards, front, er, admin, desk } = await setup();
    const lab = new LabDesk(desk);
    const opd = await front.register(admin, PATIENT);
    expect(await lab.orderingLocation(opd.patient)).toBe('');
    const { patient, visit } = await er.registerUnknown(admin, { sex: 'F', years: '30', arrival: 'self' });
    expect(await lab.orderingLocation(patient.patient)).toBe(`Emergency · ${visit.visit}`);
    await er.triage(admin, visit.visit, { category: 'red', area: 'Resus bay 1' });
    expect(await lab.orderingLocation(patient.patient)).toBe('Emergency · Resus bay 1');
    const admission = await wards.admit(admin, { ...admitInput(patient.patient, 'ICU2'), source: 'emergency', visit: visit.visit });
    expect(await lab.orderingLocation(patient.patient)).toBe('SURG bed ICU2');

    const order = { patient: patient.patient, tests: ['CBC'], priority: 'urgent', dept: 'MED', clinician: 'Dr Meera Iyer', notes: '' };
    expect(await refusal(lab.request(admin, { ...order, location: 'x'.repeat(41) }))).toEqual(['location:tooLong']);
    const view = await lab.request(admin, { ...order, location: 'SURG bed ICU2' });
    expect(view.request.location).toBe('SURG bed ICU2');
    // An OPD requisition, and one stored before issue 14, have none.
    expect((await lab.request(admin, { ...order, patient: opd.patient, location: '' })).request.location).toBeUndefined();
    expect(await everythingStored()).not.toContain('SURG bed ICU2');

    await wards.discharge(admin, admission.admission, { outcome: 'referred' });
    expect(await lab.orderingLocation(patient.patient)).toBe('Emergency · Resus bay 1');
  });
});
