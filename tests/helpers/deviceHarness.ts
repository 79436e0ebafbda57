import { DeskDb } from '../../src/device/db';
import { Desk } from '../../src/device/desk';
import { createPouchEventLog, type EventLog } from '../../src/device/eventLog';
import { KeyRing } from '../../src/device/keyRing';
import { pouchLegacyLog, type LegacyLog } from '../../src/device/legacyLog';
import { inProcessLocks, type Locks } from '../../src/device/locks';
import { openedEvents, sealEvents } from '../../src/device/sealedEvents';
import { idbEventRange } from '../../src/device/idbEventRange';
import { openLocalPouch } from '../../src/device/localPouch';

let counter = 0;
/** A unique name per test, so that tests on fake-indexeddb never see each other's data. */
export const uniqueName = (prefix: string) => `${prefix}-${Date.now()}-${counter++}`;

export function fixedClock(start = Date.parse('2026-11-26T04:30:00.000Z'), stepMs = 1000) {
  let t = start;
  return () => new Date((t += stepMs));
}

/** A log as the app opens it (its PouchDB too): sealed under `keyRing` when one is given. */
export function openLog(db: string | PouchDB.Database, device: string, locks: Locks = inProcessLocks(), now = fixedClock(), keyRing?: KeyRing): EventLog {
  const pouch = typeof db === 'string' ? openLocalPouch(db) : db;
  return createPouchEventLog({
    db: keyRing ? sealEvents(pouch, keyRing) : pouch, device, locks, now,
    rangeReader: idbEventRange(pouch.name, keyRing ? openedEvents(keyRing) : (docs) => Promise.resolve(docs)),
    openRemote: async (s) => (await import('../../src/device/remotePouch')).openRemotePouch(s.url, s),
  });
}

/** A whole device (Dexie + PouchDB on fake-indexeddb) as the app wires it, with a cheap PIN hash. */
export function makeDesk(options: {
  now?: () => Date; locks?: Locks; names?: { dexie: string; pouch: string; legacyPouch?: string }; pouch?: PouchDB.Database;
  /** Wraps the old plaintext log as the desk opens it (to stop it halfway). */
  legacy?: (log: LegacyLog) => LegacyLog;
} = {}) {
  const names = options.names ?? { dexie: uniqueName('desk'), pouch: uniqueName('events') };
  const locks = options.locks ?? inProcessLocks();
  const now = options.now ?? fixedClock();
  const keyRing = new KeyRing();
  const db = new DeskDb(names.dexie, keyRing);
  const desk = new Desk({
    db, keyRing, locks, now, pinIterations: 1000,
    openLog: async (device) => openLog(options.pouch ?? names.pouch, device, locks, now, keyRing),
    ...(names.legacyPouch ? { openLegacyLog: async () => (options.legacy ?? ((l) => l))(pouchLegacyLog(openLocalPouch(names.legacyPouch!))) } : {}),
  });
  return { desk, db, names, locks, keyRing };
}

export const ENROLLMENT = {
  hospital: 'AIIMS New Delhi',
  code: 'K7',
  departments: [
    { code: 'MED', name: 'General Medicine', nameHi: 'सामान्य चिकित्सा' },
    { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग' },
  ],
  timeZone: 'Asia/Kolkata',
};
export const ADMIN = { name: 'Asha Verma', pin: '482913', pinAgain: '482913' };

export const PATIENT = {
  name: 'Ravi Kumar',
  sex: 'M',
  birth: { kind: 'age', years: 45, months: 0, days: 0 },
  mobile: '98110 12345',
  address: { line: 'House 12, Gali 4', locality: 'Lajpat Nagar', district: 'South Delhi', state: 'Delhi', pin: '110024' },
  relative: { name: 'Mohan Lal', relation: 'father' },
  uhid: '',
  abha: '',
  remarks: '',
};

/**
 * A PouchDB handle whose next `put` is followed at once by `landing` written through another
 * handle: what a pull or another tab does between a write and whatever comes after it.
 */
export function pouchWithLanding(name: string) {
  const db = openLocalPouch(name);
  const other = openLocalPouch(name);
  const put = db.put.bind(db);
  let landing: object | null = null;
  db.put = (async (doc: object) => {
    const res = await put(doc);
    if (landing) {
      const doc = landing;
      landing = null;
      await other.put(doc);
    }
    return res;
  }) as typeof db.put;
  return { db, landNext: (doc: object) => { landing = doc; } };
}

/** `from`'s events of device `code` reach `to` (as a pull brings them), then are folded. */
export async function bring(from: { desk: Desk }, code: string, to: { desk: Desk }): Promise<void> {
  await to.desk.eventLog!.importDocs(await from.desk.eventLog!.readRange(code, 1, 10_000));
  await to.desk.projections!.catchUp();
}
