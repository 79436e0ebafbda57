import PouchDBBrowser from 'pouchdb-browser';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/domain/events/chain';
import { FrontDesk } from '../../src/device/frontDesk';
import { openLocalPouch } from '../../src/device/localPouch';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT, uniqueName } from '../helpers/deviceHarness';

/**
 * The release before issue 15's split opened the log with pouchdb-browser 9 (tests keep it as
 * that release's PouchDB); this one opens it with PouchDB 9's core and `idb` adapter only
 * (src/device/localPouch.ts). A tablet that upgrades must find its log as it left it.
 */
type Raw = PouchDB.Database<Record<string, unknown>>;

async function everything(db: Raw) {
  const docs = await db.allDocs({ include_docs: true, conflicts: true });
  const changes = await db.changes({ style: 'all_docs', include_docs: true });
  return {
    docs: docs.rows,
    changes: changes.results.map((r) => ({ id: r.id, seq: r.seq, deleted: r.deleted ?? false, revs: r.changes.map((c) => c.rev).sort() })),
    // Counts, sequence, name, attachment format.
    info: await db.info(),
    fork: await db.get('ev:M2:0000000001', { open_revs: 'all' }),
    gone: await db.get('ev:M2:0000000002', { revs: true, open_revs: 'all' }),
    checkpoint: await db.get('_local/pull-checkpoint'),
  };
}

async function idbLayout(pouchName: string) {
  const names = (await indexedDB.databases()).map((d) => d.name).sort();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(`_pouch_${pouchName}`);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const layout = { names, version: db.version, stores: [...db.objectStoreNames].sort() };
  db.close();
  return layout;
}

describe('the event log after the upgrade that split PouchDB', () => {
  it('opens a log the release before wrote, with its forks, deletions and pull checkpoint, exactly as it was', async () => {
    const name = uniqueName('log');
    const before = new PouchDBBrowser<Record<string, unknown>>(name);
    await before.put({ _id: 'ev:K7:0000000001', type: 'user.added', data: { name: 'Asha Verma', role: 'admin' } });
    // A pull brought two revisions of one document (a fork) and a document deleted since.
    await before.bulkDocs([
      { _id: 'ev:M2:0000000001', _rev: '1-a', type: 'user.added', data: { name: 'Ravi', role: 'clerk' } },
      { _id: 'ev:M2:0000000001', _rev: '1-b', type: 'user.added', data: { name: 'Ravi', role: 'admin' } },
      { _id: 'ev:M2:0000000002', _rev: '1-c', type: 'user.added', data: { name: 'Mohan', role: 'clerk' } },
    ], { new_edits: false });
    await before.remove('ev:M2:0000000002', '1-c');
    await before.put({ _id: '_local/pull-checkpoint', last_seq: 3 });
    const wrote = await everything(before);
    const layout = await idbLayout(name);
    await before.close();

    const after = openLocalPouch(name) as Raw;
    expect((after as Raw & { adapter: string }).adapter).toBe('idb');
    expect(await everything(after)).toEqual(wrote);
    // Same IndexedDB database, neither upgraded nor joined by another one.
    expect(await idbLayout(name)).toEqual(layout);

    // And the other way: what this release writes, the release before reads (a rollback).
    await after.put({ _id: 'ev:K7:0000000002', type: 'user.added', data: { name: 'Ravi Kumar', role: 'clerk' } });
    const now = await everything(after);
    await after.close();
    expect(await everything(new PouchDBBrowser<Record<string, unknown>>(name))).toEqual(now);
  });

  it('lets the desk log in on its upgraded log, read every event as written and carry the chain on', async () => {
    const names = { dexie: uniqueName('desk'), pouch: uniqueName('events') };
    const old = makeDesk({ names, pouch: new PouchDBBrowser(names.pouch) });
    const admin = await old.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    await new FrontDesk(old.desk).register(admin, PATIENT);
    const written = await old.desk.eventLog!.readRange('K7', 1, 100);
    await old.desk.eventLog!.close();

    const upgraded = makeDesk({ names });
    const user = await upgraded.desk.login(ADMIN.name, ADMIN.pin);
    const sita = await new FrontDesk(upgraded.desk).register(user, { ...PATIENT, name: 'Sita Devi', sex: 'F', mobile: '98110 54321' });

    // Every event opened under the device's key as before (patient values are sealed at rest).
    const events = await upgraded.desk.eventLog!.readRange('K7', 1, 100);
    expect(events.slice(0, written.length)).toEqual(written);
    expect(verifyChain('K7', events)).toMatchObject({ ok: true, count: written.length + 1 });
    expect(events.at(-1)).toMatchObject({ type: 'patient.registered', data: { patient: sita.patient } });
  });
});
