import { addDevice } from '../../src/central/devices';
import { declareAllClear } from '../../src/central/allClear';
import { startEmbeddedStore } from '../../src/central/embeddedStore';
import { setupCentral, type SetupTarget } from '../../src/central/setup';
import { FrontDesk } from '../../src/device/frontDesk';
import { Resync } from '../../src/sync/resync';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from './deviceHarness';
import { startTestStore, storeFetch, type TestStore } from './pouchServer';

export const DB = 'downtime';

/** A real embedded store set up as `npm start` sets it up, with device accounts on demand. */
export async function centralStore() {
  let store: TestStore = await startTestStore();
  const target = (): SetupTarget => ({ url: store.url, db: DB, auth: store.auth });
  await setupCentral(target());
  return {
    get store() { return store; },
    target,
    dbUrl: () => `${store.url}${DB}`,
    addDevice: (code: string) => addDevice({ url: store.url, auth: store.auth }, code),
    allClear: (at?: Date) => declareAllClear(target(), 'Dr Mehta (IT security)', at),
    /** Every event document the central store holds, by id. */
    eventIds: async () => {
      const res = await storeFetch(store, `${DB}/_all_docs?startkey=${encodeURIComponent('"ev:"')}&endkey=${encodeURIComponent('"ev:\ufff0"')}`, { auth: store.auth });
      return (res.body.rows as Array<{ id: string }>).map((r) => r.id);
    },
    /** Stop the server process; its data folder stays. */
    kill: () => store.stop(),
    /** Start it again on the same port and data. */
    restart: async () => {
      const port = Number(new URL(store.url).port);
      const dataDir = store.dataDir;
      const dispose = store.dispose;
      const again = await startEmbeddedStore({ port, dataDir, adminPassword: null, log: () => {} });
      store = { ...again, dispose: async () => { await again.stop(); await dispose().catch(() => undefined); } };
    },
    dispose: () => store.dispose(),
  };
}

/** A tablet with some registrations, whose resync waits only milliseconds between retries. */
export async function tablet(code: string, patients = 3) {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code }, admin: ADMIN });
  const front = new FrontDesk(h.desk);
  for (let i = 0; i < patients; i += 1) {
    await front.register(admin, { ...PATIENT, name: `${PATIENT.name} ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26) % 26)}` });
  }
  // Retries wait a tenth of the real backoff: long enough for a killed store to come back.
  const resync = new Resync(h.desk, (ms) => new Promise((r) => setTimeout(r, Math.min(ms / 10, 2000))));
  return { ...h, admin, front, resync };
}
