import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { stemOf } from '../../src/domain/atRest';
import { nameSounds } from '../../src/domain/patients/nameKeys';
import type { PatientRow } from '../../src/domain/projections/rows';
import { DeskDb } from '../../src/device/db';
import { KeyRing } from '../../src/device/keyRing';
import type { IndexPage } from '../../src/device/sealedIndexPage';
import { uniqueName } from '../helpers/deviceHarness';

/** The device's key ring, counting how many rows it opens. */
class CountingRing extends KeyRing {
  opened = 0;

  override unseal(context: string, sealed: string): unknown {
    const value = super.unseal(context, sealed);
    this.opened += 1;
    return value;
  }

  override async unsealMany(items: ReadonlyArray<{ context: string; sealed: string }>): Promise<unknown[]> {
    const values = await super.unsealMany(items);
    this.opened += items.length;
    return values;
  }
}

const NAMES = ['Sunita Devi', 'Sunil Dev', 'Sunita Sharma', 'Devi Prasad', 'Sunaina Devi', 'सुनीता देवी'];

async function deviceWithPatients() {
  const ring = new CountingRing();
  await ring.open(crypto.getRandomValues(new Uint8Array(32)));
  const db = new DeskDb(uniqueName('sealed-page'), ring);
  await db.patients.bulkPut(NAMES.map((name, i) => ({
    patient: `K7-${String(i + 1).padStart(6, '0')}`, device: 'K7', number: i + 1, name, sounds: nameSounds(name), sex: 'F',
    born: '1980-01-01', registeredDay: '2026-11-26', registeredAt: '2026-11-26T04:30:00.000Z', registeredBy: 'Asha Verma', history: [],
  }) as unknown as PatientRow));
  ring.opened = 0;
  return { db, ring };
}

describe('Reading a sealed index page', () => {
  it('opens only the rows whose stored hashed word prefixes are wanted, and a larger page opens none of them twice', async () => {
    const { db, ring } = await deviceWithPatients();
    const prefixes = ['sunita', 'dev'].map((w) => ring.searchKey('stems', stemOf(w)));
    const opened = new Map<unknown, PatientRow>();
    const page = (limit: number): Promise<IndexPage<PatientRow>> => db.indexPage<PatientRow>({
      table: 'patients', index: 'stems', key: ring.searchKey('stems', 'sun'), limit, opened,
      wanted: (keys) => prefixes.every((k) => keys('stems').includes(k)),
    });

    const first = await page(2);
    expect(first.held).toBe(2);
    expect(first.rows.map((p) => p.name)).toEqual(['Sunita Devi']);
    expect(ring.opened).toBe(1);

    // Both scripts are held under the same sounds: the Devanagari name is wanted too.
    const all = await page(10);
    expect(all.held).toBe(5);
    expect(all.rows.map((p) => p.name)).toEqual(['Sunita Devi', 'सुनीता देवी']);
    expect(all.rows[0]).toMatchObject({ patient: 'K7-000001', sounds: ['sunita', 'devi'], registeredBy: 'Asha Verma' });
    expect(ring.opened).toBe(2);
  });

  it('does not open a row while the key ring is locked', async () => {
    const { db, ring } = await deviceWithPatients();
    const key = ring.searchKey('stems', 'sun');
    ring.close();
    await expect(db.indexPage<PatientRow>({ table: 'patients', index: 'stems', key, limit: 10, opened: new Map(), wanted: () => true }))
      .rejects.toMatchObject({ code: 'locked' });
    expect(ring.opened).toBe(0);
  });
});

describe('a page that may stop early', () => {
  it('opens a chunk at a time and leaves the rest of the page unopened once the rows are enough', async () => {
    const { db, ring } = await deviceWithPatients();
    const one = await db.patients.get('K7-000001');
    await db.patients.bulkPut(Array.from({ length: 200 }, (_, i) => ({ ...one!, patient: `K7-1${String(i).padStart(5, '0')}` })));
    ring.opened = 0;
    const page = (enough?: (rows: readonly PatientRow[]) => boolean) => db.indexPage<PatientRow>({
      table: 'patients', index: 'stems', key: ring.searchKey('stems', 'sun'), limit: 300, opened: new Map(), wanted: () => true, enough,
    });
    const stopped = await page((rows) => rows.length > 10);
    expect(stopped.held).toBe(205);
    expect(stopped.rows.length).toBeLessThan(205);
    expect(stopped.rows.length).toBeGreaterThan(10);
    expect(ring.opened).toBe(stopped.rows.length);
    // In the index's order: the rows shown are the page's first ones.
    const whole = await page();
    expect(whole.rows).toHaveLength(205);
    expect(stopped.rows.map((p) => p.patient)).toEqual(whole.rows.slice(0, stopped.rows.length).map((p) => p.patient));
  });
});
