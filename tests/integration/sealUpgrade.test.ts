import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { describe, expect, it } from 'vitest';
import type { OpenProgress } from '../../src/device/desk';
import { FrontDesk } from '../../src/device/frontDesk';
import { LabDesk } from '../../src/device/labDesk';
import { makeVerifier } from '../../src/device/pin';
import { refusal } from '../helpers/refusal';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT, uniqueName } from '../helpers/deviceHarness';
import { everythingStored } from '../helpers/everythingStored';

const CLERK = { name: 'Ravi Kumar', role: 'clerk' as const, pin: '739201', pinAgain: '739201' };
const SECRETS = ['Zephyrine Quillbrook', '9811077341', 'Quenneville', 'Tarabai Lane', 'hunter-secret-42', 'fever for 3 days'];

/**
 * A device as the release before sealing left it: the plaintext log under its old name, the
 * version-3 Dexie tables in plaintext, users with PIN verifiers, and the resync gate with its
 * password. Its events are made by today's code and copied out in the clear.
 */
async function legacyDevice() {
  const source = makeDesk();
  const admin = await source.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  await source.desk.addUser(admin, CLERK);
  const front = new FrontDesk(source.desk);
  const patient = await front.register(admin, { ...PATIENT, name: 'Zephyrine Quillbrook', mobile: '9811077341', address: { ...PATIENT.address, line: '4 Tarabai Lane' } });
  await front.issueToken(admin, patient.patient, 'MED');
  await new LabDesk(source.desk).request(admin, { patient: patient.patient, tests: ['CBC'], priority: 'routine', dept: 'MED', clinician: 'Dr. Prosper Quenneville', notes: 'fever for 3 days' });
  const events: Array<{ _id: string; _rev: string }> = [];
  for await (const page of source.desk.eventLog!.readChain('K7')) events.push(...(page as typeof events));

  const names = { dexie: uniqueName('legacy-desk'), pouch: uniqueName('sealed-log'), legacyPouch: uniqueName('legacy-log') };
  await new PouchDB(names.legacyPouch).bulkDocs(events, { new_edits: false });
  const old = new Dexie(names.dexie);
  old.version(3).stores({
    settings: 'key', users: 'key, role', devices: 'code', staff: 'key, device', projectionMeta: 'key', rejects: 'id',
    patients: 'patient, uhid, abha, mobile, mobileTail, *words, *pairs, registeredDay',
    tokens: 'id, [dept+day], [dept+day+status+queuedAt], [device+dept+day+number], patient', labRequests: 'request, patient',
    specimens: 'specimen, request, [status+requestedAt], [status+priority+requestedAt], [status+dept+requestedAt], [status+container+requestedAt]',
    catalogues: 'version, device', labOpen: 'block, oldest', syncHistory: '++id, startedAt', syncRefusals: 'id',
  });
  const identity = await source.db.settings.get('identity');
  const users = await Promise.all([ADMIN, CLERK].map(async (u, i) => ({
    key: u.name.toLowerCase(), name: u.name, role: i === 0 ? 'admin' : 'clerk', verifier: await makeVerifier(u.pin, 1000), failures: 0, lastFailureAt: null, createdAt: '2026-11-20T04:30:00.000Z',
  })));
  await old.table('settings').bulkPut([identity, { key: 'syncGate', value: { open: true, url: '/central/downtime', username: 'device-k7', password: 'hunter-secret-42', pull: false } }]);
  await old.table('users').bulkPut(users);
  for (const table of ['patients', 'tokens', 'labRequests', 'specimens', 'devices', 'staff', 'catalogues', 'labOpen', 'projectionMeta']) {
    await old.table(table).bulkPut(await source.db.table(table).toArray());
  }
  old.close();
  return { names, patient: patient.patient, events: events.length, expected: await snapshot(source.db) };
}

async function snapshot(db: Dexie) {
  const out: Record<string, unknown[]> = {};
  for (const t of ['patients', 'tokens', 'labRequests', 'specimens', 'devices', 'staff', 'catalogues', 'labOpen']) out[t] = await db.table(t).toArray();
  return out;
}

describe('a device updated from the release before sealing', () => {
  it('seals everything at the first login, with progress, keeps every record and leaves no plaintext behind', async () => {
    const { names, patient, events, expected } = await legacyDevice();
    const before = await everythingStored();
    for (const s of SECRETS) expect(before).toContain(s);

    const { desk, db } = makeDesk({ names });
    expect(await desk.start()).toMatchObject({ code: 'K7' });
    const progress: OpenProgress[] = [];
    const admin = await desk.login(ADMIN.name, ADMIN.pin, (p) => progress.push(p));
    expect(admin.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    expect(progress.filter((p) => p.step === 'sealLog').at(-1)).toEqual({ step: 'sealLog', done: events, total: events });
    expect(progress.filter((p) => p.step === 'project').at(-1)).toEqual({ step: 'project', done: events, total: events });

    expect(await snapshot(db)).toEqual(expected);
    const found = await new FrontDesk(desk).search('quill');
    expect(found.kind === 'patients' && found.patients.map((p) => p.patient)).toEqual([patient]);
    expect((await new FrontDesk(desk).search('7341')).kind === 'patients').toBe(true);
    expect(await desk.verifyOwnChain()).toMatchObject({ ok: true });
    expect((await new PouchDB(names.legacyPouch).info()).doc_count).toBe(0);

    desk.lock();
    const after = await everythingStored();
    for (const s of [...SECRETS, 'zephyrine', 'quillbrook', '1433778911']) expect(after.toLowerCase()).not.toContain(s.toLowerCase());
    expect(after).toContain('Asha Verma');
    // The gate went with its password: an administrator opens it again.
    expect(await db.settings.get('syncGate')).toBeUndefined();
  });

  it('resumes after a tab closed halfway, and asks the other old users for a new PIN from an administrator', async () => {
    const { names, events, expected } = await legacyDevice();
    // The tab closes after the copy, before the old log is deleted.
    const first = makeDesk({ names, legacy: (log) => ({ ...log, destroy: () => Promise.reject(new Error('tab closed')) }) });
    await expect(first.desk.login(ADMIN.name, ADMIN.pin)).rejects.toThrow('tab closed');
    // A login that failed halfway leaves no key in memory.
    expect(first.desk.isUnlocked).toBe(false);

    const again = makeDesk({ names });
    // The recovery code made by the interrupted login was never shown: it is shown now.
    const admin = await again.desk.login(ADMIN.name, ADMIN.pin);
    expect(admin.recoveryCode).toMatch(/^[0-9A-Z]{4}-/);
    await again.desk.accounts.recoveryPutAway();
    expect(await snapshot(again.db)).toEqual(expected);
    expect(await again.desk.eventCount()).toBe(events);

    again.desk.lock();
    expect(await refusal(again.desk.login(CLERK.name, CLERK.pin))).toEqual(['pinNeedsReset']);
    expect(await again.desk.login(ADMIN.name, ADMIN.pin)).toEqual({ name: ADMIN.name, role: 'admin' });
    await again.desk.accounts.resetPin(admin, CLERK.name, { pin: '640218', pinAgain: '640218' });
    again.desk.lock();
    expect(await again.desk.login(CLERK.name, '640218')).toEqual({ name: CLERK.name, role: 'clerk' });
  });
});
