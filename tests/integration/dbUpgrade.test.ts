import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/device/db';
import { uniqueName } from '../helpers/deviceHarness';

describe('device database upgrade', () => {
  it('gives patients projected by the first version their name pairs, keeping every field', async () => {
    const name = uniqueName('upgrade');
    // The first version's patients table, as a tablet that ran it holds it.
    const old = new Dexie(name);
    old.version(1).stores({ patients: 'patient, uhid, abha, mobile, *words, registeredAt, registeredDay' });
    const row = { patient: 'DT-K7-000001-X', name: 'Sunita Devi', words: ['sunita', 'devi'], mobile: '9811012345', history: [] };
    await old.table('patients').put(row);
    old.close();

    const db = new DeskDb(name);
    expect(await db.patients.get(row.patient)).toEqual({ ...row, pairs: ['dev sun'] });
    expect(await db.patients.where('pairs').equals('dev sun').primaryKeys()).toEqual([row.patient]);
    db.close();
  });
});
