import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/device/db';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { uniqueName } from '../helpers/deviceHarness';

describe('device database upgrade', () => {
  it('gives patients projected by the first version their name pairs and mobile tails and turns open lab work into slots, keeping every field', async () => {
    const name = uniqueName('upgrade');
    // The first version's patients table, as a tablet that ran it holds it.
    const old = new Dexie(name);
    old.version(1).stores({ patients: 'patient, uhid, abha, mobile, *words, registeredAt, registeredDay', labOpen: 'block' });
    const row = { patient: 'DT-K7-000001-X', name: 'Sunita Devi', words: ['sunita', 'devi'], mobile: '9811012345', history: [] };
    await old.table('patients').put(row);
    const sp = formatSpecimenId('K7', 1002);
    const item = { requestedAt: '2026-11-26T04:30:00.000Z', priority: 'stat', dept: 'MED', container: 'EDTA', collected: true };
    await old.table('labOpen').put({ block: 'K7:0001', items: { [sp]: item } });
    old.close();

    const db = new DeskDb(name);
    expect(await db.patients.get(row.patient)).toEqual({ ...row, pairs: ['dev sun'], mobileTail: '5432101189' });
    expect(await db.patients.where('pairs').equals('dev sun').primaryKeys()).toEqual([row.patient]);
    expect(await db.patients.where('mobileTail').startsWith('5432').primaryKeys()).toEqual([row.patient]);
    const block = await db.labOpen.get('K7:0001');
    expect(block).toMatchObject({ block: 'K7:0001', open: 1 });
    expect(block!.items[2]).toEqual({ ...item, specimen: sp });
    expect(block!.items.filter(Boolean)).toHaveLength(1);
    db.close();
  });
});
