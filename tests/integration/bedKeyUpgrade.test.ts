import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { UNHASHED_BEDS } from '../../src/device/db';
import { FrontDesk } from '../../src/device/frontDesk';
import { WardDesk } from '../../src/device/wardDesk';
import { refusal } from '../helpers/refusal';
import { ADMIN, ENROLLMENT, fixedClock, makeDesk, PATIENT, uniqueName } from '../helpers/deviceHarness';

const admitInput = (patient: string, bed: string) => ({ patient, ward: 'SURG', bed, source: 'opd', dept: 'MED', consultant: 'Dr Meera Iyer', diagnosis: 'Appendicitis' });

/**
 * A device as version 11 of the tables left it: admissions made by today's code, stored without
 * the bed's keyed hash (`berth`), which that version did not have. The log is the device's own.
 */
async function deviceBeforeBedKeys() {
  const source = makeDesk();
  const admin = await source.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const wards = new WardDesk(source.desk);
  await wards.defineWard(admin, { ward: 'SURG', name: 'Surgery ward', beds: '1-4' });
  const front = new FrontDesk(source.desk);
  const patients: string[] = [];
  for (const name of ['Ishaan Bhatt', 'Kavya Menon', 'Rohan Gill', 'Tara Sethi']) patients.push((await front.register(admin, { ...PATIENT, name })).patient);
  await wards.admit(admin, admitInput(patients[0]!, '1'));
  await wards.admit(admin, admitInput(patients[1]!, '2'));
  await wards.transfer(admin, (await wards.currentAdmission(patients[1]!))!.admission, { ward: 'SURG', bed: '3' });
  source.desk.lock();

  const current = new Dexie(source.names.dexie);
  await current.open();
  const schema = Object.fromEntries(current.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]));
  const old = new Dexie(uniqueName('before-bed-keys'));
  old.version(11).stores({ ...schema, admissions: 'admission, place, patient, status' });
  for (const table of current.tables) {
    const rows = await table.toArray();
    if (table.name === 'admissions') for (const row of rows) delete (row as { berth?: unknown }).berth;
    await old.table(table.name).bulkPut(rows);
  }
  current.close();
  source.db.close();
  old.close();
  return { names: { dexie: old.name, pouch: source.names.pouch }, patients };
}

describe('a device updated with admissions stored before bed keys', () => {
  it('still refuses their beds, frees a bed they leave, and checks beds by key once the projections are rebuilt', async () => {
    const { names, patients } = await deviceBeforeBedKeys();
    // Updated a day later: its moves come after the old ones.
    const { desk, db } = makeDesk({ names, now: fixedClock(Date.parse('2026-11-27T04:30:00.000Z')) });
    const admin = await desk.login(ADMIN.name, ADMIN.pin);
    expect((await db.projectionMeta.get(UNHASHED_BEDS))?.value).toBe(true);
    const wards = new WardDesk(desk);

    // Beds 1 and 3 hold patients admitted before the update: an admission, a transfer and a mark find them.
    expect(await refusal(wards.admit(admin, admitInput(patients[2]!, '1')))).toEqual(['bedOccupied']);
    expect(await refusal(wards.admit(admin, admitInput(patients[2]!, '3')))).toEqual(['bedOccupied']);
    expect(await refusal(wards.markBed(admin, 'SURG', '3', 'reserved'))).toEqual(['bedOccupied']);
    const third = await wards.admit(admin, admitInput(patients[2]!, '2'));
    expect(await refusal(wards.transfer(admin, third.admission, { ward: 'SURG', bed: '1' }))).toEqual(['bedOccupied']);

    // A patient moved out of an old row's bed leaves it free.
    await wards.transfer(admin, (await wards.currentAdmission(patients[0]!))!.admission, { ward: 'SURG', bed: '4' });
    await wards.markBed(admin, 'SURG', '1', 'free');
    expect(await refusal(wards.admit(admin, admitInput(patients[3]!, '4')))).toEqual(['bedOccupied']);

    const { projector } = await desk.context();
    await projector.rebuild();
    expect(await db.projectionMeta.get(UNHASHED_BEDS)).toBeUndefined();
    for (const bed of ['2', '3', '4']) expect(await refusal(wards.admit(admin, admitInput(patients[3]!, bed)))).toEqual(['bedOccupied']);
    expect((await wards.admit(admin, admitInput(patients[3]!, '1'))).bed).toBe('1');
  });

  it('marks nothing on a device that had no admissions', async () => {
    const { desk, db } = makeDesk();
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    expect(await db.projectionMeta.get(UNHASHED_BEDS)).toBeUndefined();
  });
});
