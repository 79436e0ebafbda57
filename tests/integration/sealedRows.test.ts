import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { placeKey } from '../../src/domain/atRest';
import type { AdmissionRow } from '../../src/domain/projections/wardRows';
import { DeskDb } from '../../src/device/db';
import { KeyRing } from '../../src/device/keyRing';
import { uniqueName } from '../helpers/deviceHarness';

const admission = (n: number, ward: string, bed: string): AdmissionRow => ({
  admission: `IP-K7-${String(n).padStart(6, '0')}-X`, patient: `DT-K7-${String(n).padStart(6, '0')}-X`, device: 'K7', number: n, status: 'admitted',
  ward, bed, placedAt: '2026-11-26T04:30:00.000Z', moves: [], source: 'opd', dept: 'MED', consultant: 'Dr Rao', diagnosis: 'Dengue fever',
  admittedAt: '2026-11-26T04:30:00.000Z', admittedBy: 'Asha Verma',
});

async function ward() {
  const ring = new KeyRing();
  await ring.open(crypto.getRandomValues(new Uint8Array(32)));
  const db = new DeskDb(uniqueName('sealed-rows'), ring);
  await db.admissions.bulkPut([admission(1, 'SURG', '1'), admission(2, 'SURG', '2'), admission(3, 'MED', '1')]);
  return { db, ring, surg: { index: 'place', key: ring.searchKey('place', placeKey('SURG', 'admitted')) } };
}

describe('rows read as stored and opened together', () => {
  it('are the rows the sealing middleware gives, in a transaction and out of one, and by primary keys', async () => {
    const { db, surg } = await ward();
    const viaDexie = await db.admissions.where('place').equals(surg.key).toArray();
    expect(viaDexie.map((a) => a.bed)).toEqual(['1', '2']);
    expect(await db.openRows('admissions', await db.storedRows('admissions', surg))).toEqual(viaDexie);
    const inside = await db.transaction('r', db.admissions, () => db.storedRows('admissions', surg));
    expect(await db.openRows('admissions', inside)).toEqual(viaDexie);
    const byKeys = await db.storedRows('admissions', { keys: ['IP-K7-000003-X', 'IP-K7-000099-X'] });
    expect(await db.openRows('admissions', byKeys)).toEqual([admission(3, 'MED', '1')]);
  });

  it('hold nothing readable of what is sealed, and do not open once the device is locked', async () => {
    const { db, ring, surg } = await ward();
    const stored = await db.storedRows('admissions', surg);
    expect(JSON.stringify(stored)).not.toMatch(/SURG|Dengue|Dr Rao/);
    ring.close();
    await expect(db.openRows('admissions', stored)).rejects.toMatchObject({ code: 'locked' });
  });
});
