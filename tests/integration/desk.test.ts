import PouchDB from 'pouchdb-browser';
import { describe, expect, it } from 'vitest';
import type { EventLog } from '../../src/device/eventLog';
import { buildEvent } from '../../src/domain/events/envelope';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { refusal } from '../helpers/refusal';
import { generatePatients } from '../helpers/synthetic/generate';
import { ADMIN, ENROLLMENT, fixedClock, makeDesk, pouchWithLanding, uniqueName } from '../helpers/deviceHarness';

/** Counts the projector's reads of the log's changes feed. */
function countFeedReads(log: EventLog) {
  const reads = { count: 0 };
  const changes = log.changes.bind(log);
  Object.assign(log, { changes: (since: number | string, limit: number) => { reads.count += 1; return changes(since, limit); } });
  return reads;
}

async function snapshot(db: ReturnType<typeof makeDesk>['db']) {
  return { devices: await db.devices.orderBy('code').toArray(), staff: await db.staff.orderBy('key').toArray(), rejects: await db.rejects.toArray() };
}

describe('enrollment and users', () => {
  it('enrolls the device with its first administrator, who can then log in', async () => {
    const { desk, db } = makeDesk();
    expect(await desk.start()).toBeNull();
    const { recoveryCode } = await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    expect(await desk.identity()).toMatchObject({ code: 'K7', hospital: 'AIIMS New Delhi' });
    // The recovery code comes back at each login until someone says its sheet is put away.
    expect(await desk.login('asha  verma', ADMIN.pin)).toEqual({ name: 'Asha Verma', role: 'admin', recoveryCode });
    await desk.accounts.recoveryPutAway();
    expect(await desk.login('asha  verma', ADMIN.pin)).toEqual({ name: 'Asha Verma', role: 'admin' });
    expect(await desk.eventCount()).toBe(2);
    expect(await db.devices.get('K7')).toMatchObject({ eventCount: 2, lastSeq: 2, hospital: 'AIIMS New Delhi' });
    expect(await db.staff.toArray()).toEqual([expect.objectContaining({ name: 'Asha Verma', role: 'admin' })]);
  });

  it('refuses bad enrollment data and writes nothing', async () => {
    const { desk, db } = makeDesk();
    const codes = await refusal(desk.enroll({
      enrollment: { ...ENROLLMENT, hospital: '', code: 'k-7', departments: [ENROLLMENT.departments[0], ENROLLMENT.departments[0]] },
      admin: { name: '!!!', pin: '12ab', pinAgain: '12ab' },
    }));
    expect(codes).toEqual(expect.arrayContaining([
      'enrollment.hospital:required', 'enrollment.code:deviceCode', 'enrollment.departments.1.code:duplicateCode',
      'admin.name:personName', 'admin.pin:pinDigits',
    ]));
    expect(await desk.identity()).toBeNull();
    expect(await db.users.count()).toBe(0);
    expect(await refusal(desk.enroll({ enrollment: { ...ENROLLMENT, code: 'ABCD' }, admin: ADMIN }))).toEqual(['enrollment.code:deviceCode']);
    expect(await refusal(desk.enroll({ enrollment: ENROLLMENT, admin: { ...ADMIN, pinAgain: '482914' } }))).toEqual(['admin.pinAgain:pinMismatch']);
  });

  it('keeps the printer resolution with the other printer settings: 203 dpi until an administrator sets 300', async () => {
    const { desk } = makeDesk();
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const admin = { name: 'Asha Verma', role: 'admin' } as const;
    expect(await desk.settings()).toMatchObject({ printerDpi: 203, paper: '80mm' });
    await desk.setPrinterDpi(admin, '300');
    await desk.setPaper(admin, 'A6');
    expect(await desk.settings()).toMatchObject({ printerDpi: 300, paper: 'A6' });
    expect(await refusal(desk.setPrinterDpi(admin, 600))).toEqual(['printerDpi:notAllowed']);
    expect(await refusal(desk.setPrinterDpi({ name: 'Meena Das', role: 'lab' }, 203))).toEqual(['adminOnly']);
    expect((await desk.settings()).printerDpi).toBe(300);
  });

  it('does not enroll twice', async () => {
    const { desk } = makeDesk();
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    expect(await refusal(desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN }))).toEqual(['alreadyEnrolled']);
  });

  it('adds users with a role; refuses duplicates, weak PINs and non-admin actors', async () => {
    const { desk } = makeDesk();
    const admin = await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    await desk.addUser(admin, { name: 'Ravi Kumar', role: 'clerk', pin: '739201', pinAgain: '739201' });
    await desk.addUser(admin, { name: 'सीमा शर्मा', role: 'lab', pin: '550912', pinAgain: '550912' });
    expect(await refusal(desk.addUser(admin, { name: 'RAVI  kumar', role: 'lab', pin: '739201', pinAgain: '739201' }))).toEqual(['name:duplicateUser']);
    expect(await refusal(desk.addUser(admin, { name: 'Mohan', role: 'clerk', pin: '12345', pinAgain: '12345' }))).toEqual(['pin:pinShort']);
    expect(await refusal(desk.addUser(admin, { name: 'Mohan', role: 'clerk', pin: '123456', pinAgain: '123456' }))).toEqual(['pin:pinTrivial']);
    expect(await refusal(desk.addUser(admin, { name: 'Mohan', role: 'boss', pin: '739201', pinAgain: '739201' }))).toEqual(['role:role']);
    expect(await refusal(desk.addUser(admin, { name: 'M'.repeat(41), role: 'clerk', pin: '739201', pinAgain: '739201' }))).toEqual(['name:tooLong']);
    expect(await refusal(desk.addUser({ name: 'Ravi Kumar', role: 'clerk' }, { name: 'Mohan', role: 'clerk', pin: '739201', pinAgain: '739201' }))).toEqual(['adminOnly']);
    expect((await desk.users()).map((u) => `${u.name}/${u.role}`)).toEqual(['Asha Verma/admin', 'Ravi Kumar/clerk', 'सीमा शर्मा/lab']);
    expect(await desk.eventCount()).toBe(4);
  });
});

describe('login throttling', () => {
  it('lets a few mistakes pass, then makes the user wait, then locks; the right PIN later resets', async () => {
    let now = Date.parse('2026-11-26T04:30:00.000Z');
    const { desk } = makeDesk({ now: () => new Date(now) });
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    expect(await refusal(desk.login('Asha Verma', '000001'))).toEqual(['wrongPin']);
    expect(await refusal(desk.login('Asha Verma', '000002'))).toEqual(['wrongPin']);
    expect(await refusal(desk.login('Asha Verma', '000003'))).toEqual(['pinWait']);
    // Even the right PIN is refused while the wait runs: the wait is what slows guessing.
    expect(await refusal(desk.login('Asha Verma', ADMIN.pin))).toEqual(['pinWait']);
    for (const wait of [5_000, 15_000, 45_000]) {
      now += wait;
      await refusal(desk.login('Asha Verma', '999990'));
    }
    now += 60_000;
    expect(await refusal(desk.login('Asha Verma', ADMIN.pin))).toEqual(['accountLocked']);
    now += 15 * 60_000;
    expect(await desk.login('Asha Verma', ADMIN.pin)).toMatchObject({ role: 'admin' });
    expect(await refusal(desk.login('Nobody', ADMIN.pin))).toEqual(['unknownUser']);
  });
});

describe('projections', () => {
  it('a full rebuild gives exactly the tables that incremental application gave', async () => {
    const { desk, db } = makeDesk();
    const admin = await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    for (const [name, role] of [['Ravi Kumar', 'clerk'], ['Meena Das', 'lab'], ['Arjun Rao', 'admin']] as const) {
      await desk.addUser(admin, { name, role, pin: '739201', pinAgain: '739201' });
    }
    const incremental = await snapshot(db);
    expect(incremental.staff).toHaveLength(4);
    await desk.projections!.rebuild();
    expect(await snapshot(db)).toEqual(incremental);
  });

  it('a rebuild that reads the log ahead while it writes, page after page, gives the tables that small catch-ups gave', async () => {
    const { desk, db } = makeDesk();
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const log = desk.eventLog!;
    // More than two of the projector's pages (500), folded a hundred at a time as they were written.
    const people = generatePatients(7, 1100);
    for (let start = 0; start < people.length; start += 100) {
      await log.appendMany(people.slice(start, start + 100).map((fields, i) => ({
        type: 'patient.registered' as const, data: { patient: formatDowntimeId('K7', start + i + 1), fields, day: '2026-11-20' },
      })), ADMIN.name);
      await desk.projections!.catchUp();
    }
    const tables = async () => ({ ...await snapshot(db), patients: await db.patients.orderBy('patient').toArray() });
    const incremental = await tables();
    expect(incremental.patients).toHaveLength(1100);
    expect(incremental.devices.find((d) => d.code === 'K7')).toMatchObject({ eventCount: 1102, lastPatientNumber: 1100 });
    await desk.projections!.rebuild();
    expect(await tables()).toEqual(incremental);
  });

  it('coalesces a burst of catch-up requests into at most one run behind the current one', async () => {
    const { desk } = makeDesk();
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const reads = countFeedReads(desk.eventLog!);
    await Promise.all(Array.from({ length: 200 }, () => desk.projections!.catchUp()));
    expect(reads.count).toBeLessThanOrEqual(2);
  });

  it('projects a write from the document in hand; one landing in between sends both through the feed, none twice', async () => {
    const pouchName = uniqueName('events');
    const { db: pouch, landNext } = pouchWithLanding(pouchName);
    const { desk, db } = makeDesk({ names: { dexie: uniqueName('desk'), pouch: pouchName }, pouch });
    const admin = await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const reads = countFeedReads(desk.eventLog!);
    await desk.addUser(admin, { name: 'Ravi Kumar', role: 'clerk', pin: '739201', pinAgain: '739201' });
    expect(reads.count).toBe(0);
    expect((await db.staff.toArray()).map((s) => s.name)).toContain('Ravi Kumar');

    landNext(buildEvent({ type: 'user.added', data: { name: 'Meena Das', role: 'lab' }, device: 'M3', head: null, at: fixedClock()().toISOString(), by: 'x' }));
    await desk.addUser(admin, { name: 'Arjun Rao', role: 'admin', pin: '739201', pinAgain: '739201' });
    expect(reads.count).toBeGreaterThan(0);
    expect((await db.staff.toArray()).map((s) => s.name).sort()).toEqual(['Arjun Rao', 'Asha Verma', 'Meena Das', 'Ravi Kumar']);
    const incremental = await snapshot(db);
    expect(incremental.devices.find((d) => d.code === 'K7')).toMatchObject({ eventCount: 4, lastSeq: 4 });
    await desk.projections!.rebuild();
    expect(await snapshot(db)).toEqual(incremental);
  });

  it('settles on a design document pulled last, instead of reading the feed before every numbered write', async () => {
    const { desk, names } = makeDesk();
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    await new PouchDB(names.pouch).put({ _id: '_design/downtime', views: {} });
    await desk.projections!.catchUp();
    expect(await desk.projections!.checkpoint()).toBe(await desk.eventLog!.lastSeq());
  });

  it('catches up on login with events written while it was not running, and skips nothing on restart', async () => {
    const first = makeDesk();
    const admin = await first.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    // Another tab (same storage) writes while this one is closed.
    const other = makeDesk({ names: first.names });
    await other.desk.login(ADMIN.name, ADMIN.pin);
    await other.desk.addUser(admin, { name: 'Ravi Kumar', role: 'clerk', pin: '739201', pinAgain: '739201' });
    const again = makeDesk({ names: first.names });
    await again.desk.login(ADMIN.name, ADMIN.pin);
    expect((await again.db.staff.toArray()).map((s) => s.name).sort()).toEqual(['Asha Verma', 'Ravi Kumar']);
    expect(await again.db.devices.get('K7')).toMatchObject({ eventCount: 3, lastSeq: 3 });
  });

  it('reports a garbage or tampered document in the log and projects everything else', async () => {
    const { desk, db, names } = makeDesk();
    await desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const before = await snapshot(db);
    const raw = new PouchDB(names.pouch);
    // What a broken or hostile central store could hand us on a pull.
    await raw.put({ _id: 'ev:M2:0000000001', type: 'user.added', junk: true });
    const good = buildEvent({ type: 'user.added', data: { name: 'Ravi', role: 'clerk' }, device: 'M3', head: null, at: fixedClock()().toISOString(), by: 'x' });
    await raw.put({ ...good, data: { name: 'Ravi', role: 'admin' } });
    await desk.projections!.catchUp();
    const after = await snapshot(db);
    expect(after.rejects.map((r) => r.id).sort()).toEqual(['ev:M2:0000000001', 'ev:M3:0000000001']);
    expect(after.rejects.find((r) => r.id === 'ev:M3:0000000001')?.reason).toMatch(/hashMismatch/);
    expect(after.staff).toEqual(before.staff);
    expect(after.devices).toEqual(before.devices);
  });
});
