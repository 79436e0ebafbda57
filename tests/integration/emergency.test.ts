import { describe, expect, it } from 'vitest';
import { EmergencyDesk } from '../../src/device/emergencyDesk';
import { FrontDesk } from '../../src/device/frontDesk';
import { refusal } from '../helpers/refusal';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';
import { everythingStored } from '../helpers/everythingStored';

async function setup() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  return { ...h, admin, front: new FrontDesk(h.desk), er: new EmergencyDesk(h.desk) };
}

/** Values no other record holds: a search of the raw stores can only find them here. */
const BROUGHT_BY = 'Constable Xavierpal Quorindra';
const OFFICER = 'SI Ysolde Brannaghan';
const GD = 'GD 7731Q/2026';
const UNKNOWN = { sex: 'M', years: '35', arrival: 'police', broughtBy: BROUGHT_BY, mlc: { station: 'PS Hauz Khas', officer: OFFICER, entry: GD }, complaint: 'Head injury, road traffic accident' };

describe('registration without the optional fields', () => {
  it('takes a name, sex and age alone; search and duplicate detection cope with no mobile or address', async () => {
    const { front, admin } = await setup();
    const p = await front.register(admin, { name: 'Sita Devi', sex: 'F', birth: { kind: 'age', years: '60', months: '0', days: '0' },
      mobile: '', address: { line: '', locality: '', district: 'South Delhi', state: 'Delhi', pin: '' }, relative: { name: '', relation: '' } });
    expect(p).toMatchObject({ name: 'Sita Devi', sex: 'F', address: { district: 'South Delhi', state: 'Delhi' } });
    expect(p.relative).toBeUndefined();
    expect(p.mobile).toBeUndefined();
    const found = await front.search('sita');
    expect(found.kind === 'patients' && found.patients.map((x) => x.patient)).toEqual([p.patient]);
    const dups = await front.duplicates({ name: 'Seeta Devi', sex: 'F', birth: { kind: 'age', years: 61, months: 0, days: 0 } });
    expect(dups.map((d) => d.patient)).toEqual([p.patient]);
  });

  it('refuses a patient with neither name nor alias, and stores nothing', async () => {
    const { front, admin, desk } = await setup();
    expect(await refusal(front.register(admin, { name: '', alias: '', sex: 'M', birth: { kind: 'age', years: 30, months: 0, days: 0 } }))).toEqual(['name:nameOrAlias']);
    expect(await desk.eventCount()).toBe(2);
  });
});

describe('an unknown patient in the emergency department', () => {
  it('gets an alias counted per device, is found by it in English and Hindi, and is never a "duplicate" of another unknown', async () => {
    const { er, front, admin } = await setup();
    const first = await er.registerUnknown(admin, UNKNOWN);
    const second = await er.registerUnknown(admin, { sex: 'F', years: '70', arrival: 'ambulance' });
    expect(first.patient).toMatchObject({ name: 'UNKNOWN MALE K7-0001', alias: 'UNKNOWN MALE K7-0001', unnamed: true, sex: 'M', birth: { kind: 'age', years: 35, estimated: true } });
    expect(second.patient.alias).toBe('UNKNOWN FEMALE K7-0002');
    expect(first.visit).toMatchObject({ visit: 'ER-K7-000001', patient: first.patient.patient, status: 'open', arrival: 'police', broughtBy: BROUGHT_BY, mlc: { entry: GD } });
    expect(second.visit.visit).toBe('ER-K7-000002');
    // A named patient registered in between takes the next downtime ID and leaves the alias count alone.
    const named = await front.register(admin, PATIENT);
    const third = await er.registerUnknown(admin, { sex: 'U', years: '20', arrival: 'self' });
    expect(third.patient.alias).toBe('UNKNOWN PERSON K7-0003');
    expect(named.patient < third.patient.patient).toBe(true);

    for (const q of ['unknown male', 'अज्ञात पुरुष']) {
      const r = await front.search(q);
      expect(r.kind === 'patients' && r.patients.map((x) => x.patient), q).toEqual([first.patient.patient]);
    }
    expect(await front.duplicates({ sex: 'M', birth: { kind: 'age', years: 35, months: 0, days: 0 } })).toEqual([]);
    expect(await front.duplicates({ name: 'Unknown Male', sex: 'M', birth: { kind: 'age', years: 35, months: 0, days: 0 } })).toEqual([]);
  });

  it('is identified later by a correction that keeps the alias in the record and its history', async () => {
    const { er, front, admin } = await setup();
    const { patient } = await er.registerUnknown(admin, UNKNOWN);
    const named = await front.correct(admin, patient.patient, { name: 'Ramesh Yadav', mobile: '9811099999' }, 'identified by his brother');
    expect(named).toMatchObject({ name: 'Ramesh Yadav', alias: 'UNKNOWN MALE K7-0001', mobile: '9811099999' });
    expect(named.unnamed).toBeUndefined();
    expect(named.history).toEqual([expect.objectContaining({ changes: { name: 'Ramesh Yadav', mobile: '9811099999' }, reason: 'identified by his brother' })]);
    for (const q of ['ramesh', 'unknown male']) {
      const r = await front.search(q);
      expect(r.kind === 'patients' && r.patients.map((x) => x.patient), q).toEqual([patient.patient]);
    }
  });

  it('is triaged, shown on the board red first, and leaves it with a disposition; a closed visit takes no more', async () => {
    const { er, admin, db } = await setup();
    const a = await er.registerUnknown(admin, { sex: 'M', years: '50', arrival: 'relatives' });
    const b = await er.registerUnknown(admin, UNKNOWN);
    const c = await er.registerUnknown(admin, { sex: 'F', years: '25', arrival: 'self' });
    await er.triage(admin, a.visit.visit, { category: 'green', complaint: 'Sprain', area: '' });
    const red = await er.triage(admin, b.visit.visit, { category: 'red', area: 'Resus bay 1' });
    expect(red).toMatchObject({ category: 'red', area: 'Resus bay 1', complaint: UNKNOWN.complaint });
    expect(red.triagedAt! >= red.arrivedAt).toBe(true);
    expect((await er.board()).map((e) => e.visit.visit)).toEqual([b.visit.visit, c.visit.visit, a.visit.visit]);

    const done = await er.dispose(admin, b.visit.visit, { disposition: 'admitted', note: 'Neurosurgery ward' });
    expect(done).toMatchObject({ status: 'closed', disposition: 'admitted', note: 'Neurosurgery ward' });
    expect((await er.board()).map((e) => e.visit.visit)).toEqual([c.visit.visit, a.visit.visit]);
    expect(await refusal(er.triage(admin, b.visit.visit, { category: 'yellow' }))).toEqual(['visitClosed']);
    expect(await refusal(er.dispose(admin, b.visit.visit, { disposition: 'died' }))).toEqual(['visitClosed']);
    expect(await refusal(er.triage(admin, 'ER-K7-000099', { category: 'red' }))).toEqual(['visitNotFound']);
    // A visit of another tablet, as a pull would fold it on the administrator's device: not on this board.
    await db.emergencyVisits.put({ ...done, visit: 'ER-M2-000001', device: 'M2', number: 1, status: 'open', category: 'red', disposition: undefined, disposedAt: undefined });
    expect((await er.board()).map((e) => e.visit.visit)).toEqual([c.visit.visit, a.visit.visit]);
  });

  it('opens a visit for a registered patient who comes to the emergency department, numbered after the unknown ones', async () => {
    const { er, front, admin, desk } = await setup();
    await er.registerUnknown(admin, { sex: 'M', years: '50', arrival: 'self' });
    const known = await front.register(admin, PATIENT);
    const visit = await er.arrive(admin, known.patient, { arrival: 'relatives', broughtBy: 'Mohan Lal (father)' });
    expect(visit).toMatchObject({ visit: 'ER-K7-000002', patient: known.patient, arrival: 'relatives', status: 'open' });
    expect((await er.board()).map((e) => e.patient?.name)).toEqual(['UNKNOWN MALE K7-0001', 'Ravi Kumar']);
    const events = await desk.eventCount();
    expect(await refusal(er.arrive(admin, 'DT-K7-000099-0', { arrival: 'self' }))).toEqual(['patientNotFound']);
    expect(await refusal(er.arrive(admin, known.patient, { arrival: '' }))).toEqual(['arrival:required']);
    expect(await desk.eventCount()).toBe(events);
  });

  it('refuses a second open visit for a patient whose visit is still open, with its number, and takes one once it is closed', async () => {
    const { er, front, admin, desk } = await setup();
    const known = await front.register(admin, PATIENT);
    const first = await er.arrive(admin, known.patient, { arrival: 'police', broughtBy: 'HC Ram Singh', mlc: { station: 'PS Saket', entry: 'DD 12A' }, complaint: 'Assault' });
    expect(first).toMatchObject({ arrival: 'police', broughtBy: 'HC Ram Singh', mlc: { station: 'PS Saket', entry: 'DD 12A' }, complaint: 'Assault' });
    const events = await desk.eventCount();
    await expect(er.arrive(admin, known.patient, { arrival: 'self' })).rejects.toMatchObject({ code: 'visitAlreadyOpen', params: { visit: first.visit } });
    expect(await desk.eventCount()).toBe(events);
    expect((await er.board()).map((e) => e.visit.visit)).toEqual([first.visit]);
    await er.dispose(admin, first.visit, { disposition: 'discharged' });
    const again = await er.arrive(admin, known.patient, { arrival: 'self' });
    expect(again.visit).not.toBe(first.visit);
    expect((await er.board()).map((e) => e.visit.visit)).toEqual([again.visit]);
  });

  it('refuses bad input and writes nothing', async () => {
    const { er, admin, desk, db } = await setup();
    expect((await refusal(er.registerUnknown(admin, { sex: '', years: 'abc', arrival: 'helicopter', mlc: { station: '' } }))).sort())
      .toEqual(['arrival:arrival', 'mlc.station:required', 'sex:required', 'years:number']);
    expect(await desk.eventCount()).toBe(2);
    expect(await db.patients.count()).toBe(0);
    const { visit } = await er.registerUnknown(admin, { sex: 'M', years: '30', arrival: 'self' });
    expect(await refusal(er.triage(admin, visit.visit, { category: 'purple' }))).toEqual(['category:triage']);
    expect(await refusal(er.dispose(admin, visit.visit, { disposition: '' }))).toEqual(['disposition:required']);
    expect(await desk.eventCount()).toBe(4);
  });

  it('is sealed at rest: the alias, who brought them, the officer and the GD entry are nowhere in plaintext', async () => {
    const { er, admin, desk } = await setup();
    const { patient, visit } = await er.registerUnknown(admin, UNKNOWN);
    await er.triage(admin, visit.visit, { category: 'red', complaint: 'Unconscious since the crash', area: 'Resus bay 1' });
    desk.lock();
    const stored = await everythingStored();
    // The dump is worth something: it holds the visit's and patient's ids, which stay readable.
    expect(stored).toContain(visit.visit);
    expect(stored).toContain(patient.patient);
    for (const secret of [patient.alias!, 'K7-0001', BROUGHT_BY, OFFICER, GD, 'PS Hauz Khas', 'Unconscious since the crash', 'Resus bay 1']) {
      expect(stored, secret).not.toContain(secret);
    }
  });
});
