import { createHash } from 'node:crypto';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupCentral } from '../../../src/central/setup';
import { verifyCentral } from '../../../src/central/verifyCentral';
import { computeHash, eventId, type AnyEvent } from '../../../src/domain/events/envelope';
import { Resync } from '../../../src/sync/resync';
import { SyncError } from '../../../src/sync/syncError';
import { en } from '../../../src/ui/i18n/en';
import { hi } from '../../../src/ui/i18n/hi';
import { tablet } from '../../helpers/centralHarness';
import { PATIENT } from '../../helpers/deviceHarness';
import { storeFetch } from '../../helpers/pouchServer';
import { DB, deviceAccount, gatewayHarness } from '../../helpers/gatewayHarness';

// Runs in jsdom (fake-indexeddb for the tablets' logs); the gateway and the store are real, on 127.0.0.1.
let gw: Awaited<ReturnType<typeof gatewayHarness>>;
beforeAll(async () => {
  gw = await gatewayHarness();
  await gw.allClear();
});
afterAll(async () => { await gw?.close(); });

const admin = () => gw.store.auth;
const gate = (creds: { username: string; password: string }, pull = false) =>
  ({ url: `${gw.base}/central/${DB}`, ...creds, declaredClean: true, pull });
const storeDoc = async (id: string, query = '') =>
  (await storeFetch(gw.store, `${DB}/${encodeURIComponent(id)}${query}`, { auth: admin() })).body as unknown as AnyEvent & { _rev: string; _conflicts?: string[] };

async function code(p: Promise<unknown>) {
  try { await p; } catch (err) {
    if (err instanceof SyncError) return { code: err.code, params: err.params };
    throw err;
  }
  throw new Error('expected a refusal');
}

/**
 * What only a store administrator can do: the design document (which the embedded store also applies
 * to admins, unlike CouchDB for a new branch) is taken out of the way, a second version of a
 * stored event is written as a new revision branch with `new_edits: false`, and set-up puts the
 * design document back. `revId` picks the branch's revision id, and with it CouchDB's winner.
 */
async function forkOnStore(id: string, change: (e: AnyEvent) => AnyEvent, revId: string) {
  const design = await storeFetch(gw.store, `${DB}/_design/downtime`, { auth: admin() });
  expect((await storeFetch(gw.store, `${DB}/_design/downtime?rev=${String(design.body._rev)}`, { method: 'DELETE', auth: admin() })).status).toBe(200);
  const { _rev: _r, hash: _h, ...stored } = await storeDoc(id);
  const content = change(stored as AnyEvent);
  const forged = { ...content, hash: computeHash(content), _rev: `1-${revId}`, _revisions: { start: 1, ids: [revId] } };
  const written = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: admin(), body: { docs: [forged], new_edits: false } });
  expect(written.status).toBe(201);
  await setupCentral({ url: gw.store.url, db: DB, auth: admin() });
  // The store really holds two live versions now, whichever won.
  expect((await storeDoc(id, '?conflicts=true'))._conflicts).toHaveLength(1);
  return forged;
}

async function removeRevision(id: string, rev: string) {
  const design = await storeFetch(gw.store, `${DB}/_design/downtime`, { auth: admin() });
  await storeFetch(gw.store, `${DB}/_design/downtime?rev=${String(design.body._rev)}`, { method: 'DELETE', auth: admin() });
  expect((await storeFetch(gw.store, `${DB}/${encodeURIComponent(id)}?rev=${rev}`, { method: 'DELETE', auth: admin() })).status).toBe(200);
  await setupCentral({ url: gw.store.url, db: DB, auth: admin() });
}

describe('conflicting revisions on the central store', () => {
  it('a resync never says synced while the store holds a conflicting revision of one of its events, and leaves the status as it was', async () => {
    const t = await tablet('T1', 2);
    await t.resync.openGate(t.admin, gate(gw.accounts.T1));
    const first = await t.resync.run(t.admin);
    expect(first.outcome).toBe('confirmed');
    const status = await storeDoc('device:T1');
    expect(status).toMatchObject({ type: 'device-status', confirmedSeq: first.total });

    // A store admin writes a second version of event 2 straight into the store; the tablet then
    // registers one more patient, so the run has something new to confirm and report.
    const forged = await forkOnStore('ev:T1:0000000002', (e) => ({ ...e, by: 'Someone Else' }), createHash('md5').update('forged T1').digest('hex'));
    await t.front.register(t.admin, { ...PATIENT, name: 'Sunita Devi' });
    const gateBefore = await t.resync.gate();

    expect(await code(t.resync.run(t.admin))).toEqual({ code: 'centralConflict', params: { count: 1, seqs: '2' } });
    // What docs/security.md says of `central verify`: it reads every revision and names the fork.
    const reports = await verifyCentral({ url: gw.store.url, db: DB, auth: admin() });
    // Which version the store serves depends on the two revision ids (the original's follows its
    // content, time included): served, the forged one reads as a changed event, else as a fork.
    const t1 = reports.find((r) => r.device === 'T1');
    expect(t1).toMatchObject({ ok: false, break: { seq: 2 } });
    expect(['forked', 'changed']).toContain(t1 && !t1.ok ? t1.break.kind : null);
    expect(t.resync.current()).toMatchObject({ phase: 'failed', message: { code: 'centralConflict' } });
    expect((await t.db.syncHistory.toArray()).map((h) => h.outcome)).toEqual(['confirmed', 'failed']);
    // The new event reached the store, but the status document is exactly as before.
    expect((await gw.storedEvents('T1')).map((d) => d.seq)).toContain(first.total + 1);
    expect(await storeDoc('device:T1')).toEqual(status);
    expect((await t.resync.gate())?.syncedUnderMarkerAt).toBe(gateBefore?.syncedUnderMarkerAt);

    // Said in both languages, naming the sequence.
    const i = i18next.createInstance();
    await i.init({ resources: { en: { translation: en }, hi: { translation: hi } }, lng: 'en', interpolation: { escapeValue: false } });
    expect(i.t('sync.errors.centralConflict', { count: 1, seqs: '2' })).toMatch(/^Not synced: .*event 2,/);
    await i.changeLanguage('hi');
    expect(i.t('sync.errors.centralConflict', { count: 1, seqs: '2' })).toMatch(/घटना 2 का/);

    // Once the store admin removes the version the tablet did not write, the run is verified and reported.
    await removeRevision('ev:T1:0000000002', forged._rev);
    const after = await t.resync.run(t.admin);
    expect(after).toMatchObject({ outcome: 'confirmed', confirmed: first.total + 1 });
    expect(t.resync.current().message?.code).toBe('allConfirmed');
    expect(await storeDoc('device:T1')).toMatchObject({ confirmedSeq: first.total + 1, head: { seq: first.total + 1 } });
  });

  it("the administrator's pull refuses conflicting versions of an event, says so, and folds neither", async () => {
    const t2 = await tablet('T2', 2);
    await t2.resync.openGate(t2.admin, gate(gw.accounts.T2));
    expect((await t2.resync.run(t2.admin)).outcome).toBe('confirmed');
    const office = await tablet('AD', 0);
    await office.resync.openGate(office.admin, gate(gw.accounts.AD, true));
    expect(await office.resync.run(office.admin)).toMatchObject({ outcome: 'confirmed', message: undefined });
    expect(office.resync.current().pullError).toBeNull();
    const registrations = (await gw.storedEvents('T2')).filter((d) => d.type === 'patient.registered') as Array<Extract<AnyEvent, { type: 'patient.registered' }> & { _rev: string }>;
    const [first, second] = registrations;
    const original = first!.data.fields.name;
    const before = await office.db.devices.get('T2');
    expect((await office.db.patients.get(first!.data.patient))?.name).toBe(original);

    // A second version of T2's first registration, renamed, on a revision id that wins on the store.
    const forged = await forkOnStore(first!._id, (e) => {
      const data = (e as typeof first & object).data;
      return { ...e, data: { ...data, fields: { ...data.fields, name: 'Forged Name' } } } as AnyEvent;
    }, 'f'.repeat(32));
    expect((await storeDoc(first!._id))._rev).toBe(forged._rev);

    const run = await office.resync.run(office.admin);
    expect(run.outcome).toBe('confirmed');
    const refusal = { code: 'pullConflicts', params: { count: 1, ids: first!._id } };
    expect(office.resync.current().pullError).toEqual(refusal);
    expect(run.message).toBe(`pullConflicts ${JSON.stringify(refusal.params)}`);
    // The office's log holds both versions, its winner the one the store serves (PouchDB's rule is CouchDB's)...
    const local = await office.desk.eventLog!.readRange('T2', first!.seq, 1);
    expect(local[0]!._rev).toBe(forged._rev);
    // ...but the projection folded neither again: the registration shown before stays, counted once.
    expect((await office.db.patients.get(first!.data.patient))?.name).toBe(original);
    expect(await office.db.devices.get('T2')).toEqual(before);
    expect((await office.db.rejects.toArray()).map((r) => r.id)).toEqual([first!._id]);

    // Unresolved, it is named again at the next pull, although nothing new arrives.
    await office.resync.run(office.admin);
    expect(office.resync.current().pullError).toEqual(refusal);

    // An administrator's device pulling for the first time gets both versions at once: neither is shown.
    const fresh = await tablet('AE', 0);
    await fresh.resync.openGate(fresh.admin, gate(await deviceAccount(gw.store, 'AE', { reader: true }), true));
    await fresh.resync.run(fresh.admin);
    expect(fresh.resync.current().pullError).toEqual(refusal);
    expect(await fresh.db.patients.get(first!.data.patient)).toBeUndefined();
    expect((await fresh.db.patients.get(second!.data.patient))?.name).toBe(second!.data.fields.name);

    const i = i18next.createInstance();
    await i.init({ resources: { en: { translation: en }, hi: { translation: hi } }, lng: 'en', interpolation: { escapeValue: false } });
    expect(i.t('sync.errors.pullConflicts', refusal.params)).toBe(`Refused: the central store holds conflicting versions of event ${first!._id}. This desk does not use either version (one shown before the conflict arrived stays as it was) until the store administrator resolves it (npm run central -- verify).`);
    await i.changeLanguage('hi');
    expect(i.t('sync.errors.pullConflicts', refusal.params)).toMatch(new RegExp(`^अस्वीकार: .*${first!._id}`));
  });

  it('a run with nothing new reads back a sample of the older events, not the whole range; central verify finds what the sample missed', async () => {
    const t = await tablet('T3', 3);
    // The sample's random numbers: 0.99 picks the newest of the older events, 0 the first.
    let pick = 0.99;
    const resync = new Resync(t.desk, (ms) => new Promise((r) => setTimeout(r, Math.min(ms / 10, 2000))), { conflictSample: 2, random: () => pick });
    await resync.openGate(t.admin, gate(await deviceAccount(gw.store, 'T3')));
    const conflictReads = (mark: number) => gw.requests.slice(mark).filter((r) => r.path.includes('_all_docs') && r.path.includes('conflicts=true'))
      .map((r) => (r.method === 'GET' ? `GET ${decodeURIComponent(r.path.replace(/^.*startkey=/, 'from ').replace(/&endkey=/, ' to '))}` : `POST ${(JSON.parse(r.body!) as { keys: string[] }).keys.join(' ')}`));

    // The first run confirms every event: one ranged read of all of them.
    let mark = gw.requests.length;
    const first = await resync.run(t.admin);
    expect(first.outcome).toBe('confirmed');
    const n = first.total;
    expect(n).toBeGreaterThan(2);
    expect(conflictReads(mark)).toEqual([`GET from "${eventId('T3', 1)}" to "${eventId('T3', n)}"`]);

    // Nothing new: no ranged read at all, only the sample of older events (here one distinct id).
    mark = gw.requests.length;
    expect(await resync.run(t.admin)).toMatchObject({ outcome: 'confirmed', sent: 0, confirmed: n });
    expect(conflictReads(mark)).toEqual([`POST ${eventId('T3', n)}`]);

    // One new event: the range is what the run confirmed, from the last clean check.
    await t.front.register(t.admin, { ...PATIENT, name: 'Kamla Devi' });
    mark = gw.requests.length;
    expect(await resync.run(t.admin)).toMatchObject({ outcome: 'confirmed', total: n + 1 });
    expect(conflictReads(mark)).toEqual([`POST ${eventId('T3', n)}`, `GET from "${eventId('T3', n + 1)}" to "${eventId('T3', n + 1)}"`]);

    // A store admin forks the first event afterwards (on a revision id that loses, so the chain the
    // store serves stays whole). A sample that misses it says nothing; verify does.
    const forged = await forkOnStore(eventId('T3', 1), (e) => ({ ...e, by: 'Someone Else' }), '0'.repeat(32));
    expect((await resync.run(t.admin)).outcome).toBe('confirmed');
    const reports = await verifyCentral({ url: gw.store.url, db: DB, auth: admin() });
    expect(reports.find((r) => r.device === 'T3')).toMatchObject({ ok: false, break: { kind: 'forked', seq: 1 } });

    // A sample that meets it fails the run; the event is asked about again at every run until resolved.
    pick = 0;
    expect(await code(resync.run(t.admin))).toEqual({ code: 'centralConflict', params: { count: 1, seqs: '1' } });
    pick = 0.99;
    expect(await code(resync.run(t.admin))).toEqual({ code: 'centralConflict', params: { count: 1, seqs: '1' } });
    await removeRevision(eventId('T3', 1), forged._rev);
    expect((await resync.run(t.admin)).outcome).toBe('confirmed');
    mark = gw.requests.length;
    expect((await resync.run(t.admin)).outcome).toBe('confirmed');
    expect(conflictReads(mark)).toEqual([`POST ${eventId('T3', n + 1)}`]);
  });
});
