import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { describe, expect, it } from 'vitest';
import { SealError } from '../../src/crypto/sealing';
import { FrontDesk } from '../../src/device/frontDesk';
import { formatRecoveryCode } from '../../src/domain/keys/recoveryCode';
import { refusal } from '../helpers/refusal';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';

const CLERK = { name: 'Ravi Kumar', role: 'clerk' as const, pin: '739201', pinAgain: '739201' };

async function enrolled() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  await h.desk.accounts.recoveryPutAway();
  await h.desk.addUser(admin, CLERK);
  const patient = await new FrontDesk(h.desk).register(admin, { ...PATIENT, name: 'Zephyrine Quillbrook' });
  return { ...h, admin, patient };
}

/** What IndexedDB holds for the desk's tables and log, read with no key at all. */
async function rawRows(names: { dexie: string; pouch: string }) {
  const raw = new Dexie(names.dexie);
  await raw.open();
  const patients = await raw.table('patients').toArray();
  raw.close();
  const events = (await new PouchDB(names.pouch).allDocs({ include_docs: true })).rows.map((r) => r.doc as { _id: string; data?: unknown });
  return { patients, events };
}

describe('the data key', () => {
  it('opens only with a right PIN; a wrong one is counted and opens nothing', async () => {
    const { desk, names, patient } = await enrolled();
    desk.lock();
    expect(desk.isUnlocked).toBe(false);
    expect(await refusal(new FrontDesk(desk).patient(patient.patient))).toEqual(['locked']);
    expect(await refusal(desk.login(ADMIN.name, '000001'))).toEqual(['wrongPin']);
    expect(desk.isUnlocked).toBe(false);
    const { patients, events } = await rawRows(names);
    expect(JSON.stringify(patients)).not.toMatch(/Zephyrine|Quillbrook|zephyrine|9811012345|Lajpat/);
    expect(patients[0]).toMatchObject({ patient: patient.patient, device: 'K7' });
    const registered = events.find((e) => e._id.startsWith('ev:K7:') && JSON.stringify(e).includes('patient.registered'));
    expect(registered?.data).toMatch(/^s1\./);

    await desk.login(CLERK.name, CLERK.pin);
    expect((await new FrontDesk(desk).patient(patient.patient))?.name).toBe('Zephyrine Quillbrook');
  });

  it('a lock while the PIN is being checked wins: the unlock is refused and the records stay closed', async () => {
    const { desk, patient } = await enrolled();
    desk.lock();
    const unlocking = desk.login(CLERK.name, CLERK.pin);
    desk.lock();
    expect(await refusal(unlocking)).toEqual(['locked']);
    expect(desk.isUnlocked).toBe(false);
    expect(await refusal(new FrontDesk(desk).patient(patient.patient))).toEqual(['locked']);
    await desk.login(CLERK.name, CLERK.pin);
    expect(desk.isUnlocked).toBe(true);
  });

  it('a new user and a reset PIN get the same key, wrapped from the administrator\'s session; nobody else may', async () => {
    const { desk, admin } = await enrolled();
    const clerk = { name: CLERK.name, role: CLERK.role };
    expect(await refusal(desk.accounts.resetPin(clerk, ADMIN.name, { pin: '640218', pinAgain: '640218' }))).toEqual(['adminOnly']);
    expect(await refusal(desk.accounts.resetPin(admin, CLERK.name, { pin: '640218', pinAgain: '640219' }))).toEqual(['pinAgain:pinMismatch']);
    expect(await refusal(desk.accounts.resetPin(admin, 'Nobody', { pin: '640218', pinAgain: '640218' }))).toEqual(['unknownUser']);
    await desk.accounts.resetPin(admin, CLERK.name, { pin: '640218', pinAgain: '640218' });
    desk.lock();
    expect(await refusal(desk.accounts.resetPin(admin, CLERK.name, { pin: '640218', pinAgain: '640218' }))).toEqual(['locked']);
    expect(await refusal(desk.addUser(admin, { name: 'Meena Das', role: 'lab', pin: '550912', pinAgain: '550912' }))).toEqual(['locked']);
    expect(await refusal(desk.login(CLERK.name, CLERK.pin))).toEqual(['wrongPin']);
    expect(await desk.login(CLERK.name, '640218')).toEqual(clerk);
  });

  it('the recovery code opens the data and sets a new PIN; a mistyped, garbage or other device\'s code does not', async () => {
    const h = makeDesk();
    const { recoveryCode } = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    h.desk.lock();
    const input = { code: recoveryCode, name: ADMIN.name, pin: '558201', pinAgain: '558201' };
    // Two neighbouring characters that differ, swapped (the same two would leave the code as it was).
    const at = [...recoveryCode].findIndex((c, i) => c !== '-' && recoveryCode[i + 1] !== '-' && i + 1 < recoveryCode.length && c !== recoveryCode[i + 1]);
    const swapped = recoveryCode.slice(0, at) + recoveryCode[at + 1] + recoveryCode[at] + recoveryCode.slice(at + 2);
    expect(await refusal(h.desk.recover({ ...input, code: swapped }))).toEqual(['code:recoveryCheck']);
    expect(await refusal(h.desk.recover({ ...input, code: 'not a code' }))).toEqual(['code:recoveryFormat']);
    expect(await refusal(h.desk.recover({ ...input, code: 42 }))).toEqual(['code:recoveryFormat']);
    const other = formatRecoveryCode(new Uint8Array(20).fill(7));
    expect(await refusal(h.desk.recover({ ...input, code: other }))).toEqual(['code:recoveryWrong']);
    expect(await refusal(h.desk.recover({ ...input, pinAgain: '558202' }))).toEqual(['pinAgain:pinMismatch']);
    expect(h.desk.isUnlocked).toBe(false);

    // Typed from paper: lower case, spaces for hyphens.
    expect(await h.desk.recover({ ...input, code: recoveryCode.toLowerCase().replace(/-/g, ' ') })).toMatchObject({ name: ADMIN.name, role: 'admin' });
    expect(h.desk.isUnlocked).toBe(true);
    h.desk.lock();
    expect(await refusal(h.desk.login(ADMIN.name, ADMIN.pin))).toEqual(['wrongPin']);
    expect(await h.desk.login(ADMIN.name, '558201')).toMatchObject({ role: 'admin' });
  });

  it('a sealed row or event copied onto another record, or altered, does not open there', async () => {
    const { desk, names, admin } = await enrolled();
    const other = await new FrontDesk(desk).register(admin, { ...PATIENT, name: 'Sunita Devi' });
    const raw = new Dexie(names.dexie);
    await raw.open();
    const [a, b] = await raw.table('patients').toArray() as Array<Record<string, unknown>>;
    await raw.table('patients').put({ ...b, $sealed: a!.$sealed });
    raw.close();
    await expect(new FrontDesk(desk).patient(other.patient)).rejects.toThrow(SealError);

    // An event's sealed data swapped for another's: it is set aside, and the chain says where.
    const pouch = new PouchDB(names.pouch);
    const [first, second] = (await pouch.allDocs({ include_docs: true, startkey: 'ev:K7:', endkey: 'ev:K7:\uffff' })).rows.map((r) => r.doc as unknown as { _id: string; data: string });
    await pouch.put({ ...second!, data: first!.data });
    await desk.projections!.rebuild();
    expect(await desk.rejectCount()).toBe(1);
    expect(await desk.verifyOwnChain()).toMatchObject({ ok: false });
  });
});
