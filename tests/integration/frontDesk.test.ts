import { describe, expect, it } from 'vitest';
import { parseDowntimeId } from '../../src/domain/ids/downtimeId';
import { verifyChain } from '../../src/domain/events/chain';
import { FrontDesk } from '../../src/device/frontDesk';
import { TokenQueue } from '../../src/device/tokenQueue';
import type { PatientRow } from '../../src/domain/projections/rows';
import { refusal } from '../helpers/refusal';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';

async function setup(now?: () => Date, code = 'K7', names?: { dexie: string; pouch: string }) {
  const h = makeDesk({ now, names });
  const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code }, admin: ADMIN });
  return { ...h, admin, front: new FrontDesk(h.desk) };
}

describe('registration', () => {
  it('gives consecutive downtime IDs with a valid check character and stores the cleaned fields', async () => {
    const { front, admin } = await setup();
    const a = await front.register(admin, PATIENT);
    const b = await front.register(admin, { ...PATIENT, name: 'सीमा देवी', sex: 'F', mobile: '+91 99990 00001' });
    expect(a.patient).toMatch(/^DT-K7-000001-[0-9A-Z]$/);
    expect(parseDowntimeId(b.patient)).toMatchObject({ ok: true, number: 2, device: 'K7' });
    expect(a).toMatchObject({ name: 'Ravi Kumar', mobile: '9811012345', sounds: ['ravi', 'kumar'] });
    expect(a.uhid).toBeUndefined();
    expect(b.mobile).toBe('9999000001');
  });

  it.each([
    [{ ...PATIENT, name: '12345' }, 'name:personName'],
    [{ ...PATIENT, mobile: '12345' }, 'mobile:mobile'],
    [{ ...PATIENT, abha: '1234' }, 'abha:abha'],
    [{ ...PATIENT, uhid: '!!' }, 'uhid:uhid'],
    [{ ...PATIENT, birth: { kind: 'age', years: 200, months: 0, days: 0 } }, 'birth.years:ageRange'],
    [{ ...PATIENT, birth: { kind: 'dob', dob: '2099-01-01' } }, 'birth.dob:dobFuture'],
    [{ ...PATIENT, birth: { kind: 'dob', dob: '2024-02-30' } }, 'birth.dob:date'],
    [{ ...PATIENT, address: { ...PATIENT.address, pin: '011002' } }, 'address.pin:pinCode'],
    [{ ...PATIENT, remarks: 'x'.repeat(301) }, 'remarks:tooLong'],
    [{ ...PATIENT, sex: '' }, 'sex:required'],
  ])('refuses bad input and stores nothing (%#)', async (input, code) => {
    const { front, admin, desk, db } = await setup();
    expect(await refusal(front.register(admin, input))).toContain(code);
    expect(await db.patients.count()).toBe(0);
    expect(await desk.eventCount()).toBe(2);
  });

  it('keeps HTML as plain text', async () => {
    const { front, admin } = await setup();
    const p = await front.register(admin, { ...PATIENT, remarks: '<script>alert(1)</script>' });
    expect(p.remarks).toBe('<script>alert(1)</script>');
  });

  it('records corrections as events with their history', async () => {
    const { front, admin } = await setup();
    const p = await front.register(admin, PATIENT);
    const fixed = await front.correct(admin, p.patient, { name: 'Ravi Kumaar', mobile: '9811012346' }, 'spelling');
    expect(fixed).toMatchObject({ name: 'Ravi Kumaar', mobile: '9811012346', sounds: ['ravi', 'kumar'] });
    expect(fixed.history).toEqual([expect.objectContaining({ by: ADMIN.name, changes: { name: 'Ravi Kumaar', mobile: '9811012346' }, reason: 'spelling' })]);
    expect(await refusal(front.correct(admin, p.patient, { name: 'Ravi Kumaar' }, ''))).toEqual([':noChanges']);
    expect(await refusal(front.correct(admin, p.patient, { mobile: '1' }, ''))).toEqual(['mobile:mobile']);
  });
});

describe('search', () => {
  it('finds by ID, mobile, name prefixes in either script, and tells a mistyped ID from an unknown one', async () => {
    const { front, admin } = await setup();
    const ravi = await front.register(admin, { ...PATIENT, uhid: '107612345678', abha: '12-3456-7890-1234' });
    await front.register(admin, { ...PATIENT, name: 'सीमा देवी', sex: 'F', mobile: '', birth: { kind: 'age', years: 30, months: 0, days: 0 } });
    await front.register(admin, { ...PATIENT, name: 'Rávi Shankar', mobile: '' });
    const names = async (q: string, f = {}) => {
      const r = await front.search(q, f);
      return r.kind === 'patients' ? r.patients.map((p) => p.name) : r.kind;
    };
    expect(await names(ravi.patient.toLowerCase().replace(/-/g, ' '))).toEqual(['Ravi Kumar']);
    const wrongCheck = ravi.patient.slice(0, -1) + (ravi.patient.endsWith('0') ? '1' : '0');
    expect(await front.search(wrongCheck)).toEqual({ kind: 'badId', reason: 'idCheck' });
    expect(await names('DT-K7-999999-' + 'Z')).not.toEqual([]);
    expect(await names('+91 98110-12345')).toEqual(['Ravi Kumar']);
    expect(await names('107612345678')).toEqual(['Ravi Kumar']);
    expect(await names('12345678901234')).toEqual(['Ravi Kumar']);
    expect(await names('ravi')).toEqual(['Ravi Kumar', 'Rávi Shankar']);
    expect(await names('sha RA')).toEqual(['Rávi Shankar']);
    expect(await names('सीमा')).toEqual(['सीमा देवी']);
    expect(await names('ravi', { ageMin: 50 })).toEqual([]);
    expect(await names('ravi', { sex: 'F' })).toEqual([]);
  });

  it('finds a patient by the last 4 or more digits of the mobile, a numeric UHID of that length too, and follows corrections', async () => {
    const { front, admin } = await setup();
    const ravi = await front.register(admin, PATIENT); // 98110 12345
    await front.register(admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F', mobile: '98990 45678' });
    await front.register(admin, { ...PATIENT, name: 'Mohan Lal', mobile: '', uhid: '2345' });
    const names = async (q: string, f = {}) => {
      const r = await front.search(q, f);
      return r.kind === 'patients' ? r.patients.map((p) => p.name) : r.kind;
    };
    expect(await names('2345')).toEqual(['Mohan Lal', 'Ravi Kumar']);
    expect(await names('12345')).toEqual(['Ravi Kumar']);
    expect(await names('0 12345')).toEqual(['Ravi Kumar']);
    expect(await names('990-45678')).toEqual(['Sunita Devi']);
    expect(await names('45678', { sex: 'M' })).toEqual([]);
    expect(await names('345')).toEqual([]);
    await front.correct(admin, ravi.patient, { mobile: '9811099999' }, 'new phone');
    expect(await names('12345')).toEqual([]);
    expect(await names('9999')).toEqual(['Ravi Kumar']);
  });

  it('finds two-word names through their pair key, long names too, and asks for more of the name past its reading limit', async () => {
    const { front, admin, db } = await setup();
    const ravi = await front.register(admin, PATIENT);
    const long = await front.register(admin, { ...PATIENT, name: 'Aa Bb Cc Dd Ee Ff Gg Hh Ii Jj Kk Ll Mm Ravindra Kumar', mobile: '' });
    const seema = await front.register(admin, { ...PATIENT, name: 'Seema Kumari', sex: 'F', mobile: '' });
    const names = async (q: string, f = {}) => {
      const r = await front.search(q, f);
      return r.kind === 'patients' ? { names: r.patients.map((p) => p.name), more: r.truncated } : r.kind;
    };
    expect(await names('kum rav')).toEqual({ names: [long.name, 'Ravi Kumar'], more: false });
    expect(await names('ravin kum')).toEqual({ names: [long.name], more: false });
    expect(await names('kumari')).toEqual({ names: ['Seema Kumari'], more: false });
    // Thousands of Kumars registered after them: "kumar" alone is too common to read through.
    const rows = Array.from({ length: 3100 }, (_, i) => ({ ...ravi, patient: `${ravi.patient}-${String(i).padStart(4, '0')}` }));
    await db.patients.bulkPut(rows);
    expect(await names('ravi kum')).toEqual({ names: expect.arrayContaining(['Ravi Kumar']), more: true });
    expect(await names('kumar', { sex: 'F' })).toEqual({ names: [], more: true });
    expect(await names('kumari', { sex: 'F' })).toEqual({ names: ['Seema Kumari'], more: false });
    expect(await names('see kum')).toEqual({ names: ['Seema Kumari'], more: false });
    // A first letter is enough beside a common surname: the pair key, not every Kumar, is read.
    expect(await names('s kum')).toEqual({ names: ['Seema Kumari'], more: false });
    expect(await names('kumari s')).toEqual({ names: ['Seema Kumari'], more: false });
    // More matches than a page, all within the first read: the list still says there are more.
    await db.patients.bulkPut(Array.from({ length: 55 }, (_, i) => ({ ...seema, patient: `${seema.patient}-${i}` })));
    expect(await names('seema')).toEqual({ names: Array(50).fill('Seema Kumari'), more: true });
    // Possible duplicates of yet another Ravi Kumar: the most recently registered come first.
    const dups = await front.duplicates({ ...PATIENT, mobile: '' });
    expect(dups).toHaveLength(10);
    expect(dups.map((d) => d.patient)).toEqual(expect.arrayContaining([rows[3099]!.patient, rows[3098]!.patient]));
    // Three words: read through the pair with the fewest holders, however many hold "kum rav" alone.
    const sharma = await front.register(admin, { ...PATIENT, name: 'Ravi Kumar Sharma', mobile: '' });
    expect(await names('rav kum sha')).toEqual({ names: ['Ravi Kumar Sharma'], more: false });
    expect(await names('rav kum sha', { sex: 'F' })).toEqual({ names: [], more: false });
    // ...and when thousands hold all three, the first ones are shown and the list says so.
    await db.patients.bulkPut(Array.from({ length: 3100 }, (_, i) => ({ ...sharma, patient: `${sharma.patient}-${String(i).padStart(4, '0')}` })));
    expect(await names('sha rav kum')).toEqual({ names: Array(50).fill('Ravi Kumar Sharma'), more: true });
  });

  it('with age and sex, finds every match however many pages it takes, and never shows one that does not pass', async () => {
    const { front, admin, db } = await setup();
    const ravi = await front.register(admin, PATIENT);
    const year = new Date().getUTCFullYear();
    // 700 namesakes (the first one the registered patient); one in twenty is a man of 30, the rest women or men of 75.
    const rows = Array.from({ length: 700 }, (_, i) => ({
      ...ravi, patient: i === 0 ? ravi.patient : `${ravi.patient}-${String(i).padStart(4, '0')}`,
      sex: (i % 20 === 7 || i % 2 === 0 ? 'M' : 'F') as PatientRow['sex'], born: `${i % 20 === 7 ? year - 30 : year - 75}-01-01`,
    }));
    await db.patients.bulkPut(rows);
    const found = async (filters: object) => {
      const r = await front.search('ravi', filters);
      return r.kind === 'patients' ? { ids: r.patients.map((p) => p.patient).sort(), more: r.truncated } : r.kind;
    };
    const men30 = rows.filter((_, i) => i % 20 === 7).map((r) => r.patient).sort();
    expect(await found({ sex: 'M', ageMin: 20, ageMax: 60 })).toEqual({ ids: men30, more: false });
    expect(await found({ ageMin: 25, ageMax: 35 })).toEqual({ ids: men30, more: false });
    // Half of them pass: a page of results, every one of them a woman of 75, and more to come.
    const women = await front.search('ravi', { sex: 'F', ageMin: 70 });
    expect(women).toMatchObject({ kind: 'patients', truncated: true });
    const shown = women.kind === 'patients' ? women.patients : [];
    expect(shown).toHaveLength(50);
    expect(shown.every((p) => p.sex === 'F' && p.born === `${year - 75}-01-01`)).toBe(true);
  });

  it('finds a name typed in Latin letters registered in Devanagari, and the other way round', async () => {
    const { front, admin } = await setup();
    await front.register(admin, { ...PATIENT, name: 'सुनीता देवी', sex: 'F', mobile: '' });
    await front.register(admin, { ...PATIENT, name: 'Ravi Kumar', mobile: '' });
    await front.register(admin, { ...PATIENT, name: 'श्याम सुंदर', mobile: '' });
    const names = async (q: string) => {
      const r = await front.search(q);
      return r.kind === 'patients' ? r.patients.map((p) => p.name) : r.kind;
    };
    expect(await names('Sunita Devi')).toEqual(['सुनीता देवी']);
    expect(await names('suneeta')).toEqual(['सुनीता देवी']);
    expect(await names('devi sun')).toEqual(['सुनीता देवी']);
    expect(await names('रवि कुमार')).toEqual(['Ravi Kumar']);
    expect(await names('कुमा')).toEqual(['Ravi Kumar']);
    expect(await names('Shyam Sundar')).toEqual(['श्याम सुंदर']);
    expect(await names('सुनी')).toEqual(['सुनीता देवी']);
    expect(await names('Sunil')).toEqual([]);
  });

  it('shows possible duplicates: same mobile, or similar name with the same sex and a close age', async () => {
    const { front, admin } = await setup();
    const ravi = await front.register(admin, PATIENT);
    const dup = (input: object) => front.duplicates({ ...PATIENT, ...input }).then((d) => d.map((x) => `${x.patient === ravi.patient ? 'ravi' : x.patient}:${x.reasons.join('+')}`));
    expect(await dup({ name: 'Ravi Kumaar', mobile: '' })).toEqual(['ravi:name']);
    expect(await dup({ name: 'Kumar Ravi', mobile: '' })).toEqual(['ravi:name']);
    expect(await dup({ name: 'Anita Sharma', sex: 'F' })).toEqual(['ravi:mobile']);
    expect(await dup({ name: 'Ravi Kumar', mobile: '9811099999', birth: { kind: 'age', years: 20, months: 0, days: 0 } })).toEqual([]);
    expect(await dup({ name: 'Ravi Kumar', mobile: '', sex: 'F' })).toEqual([]);
  });
});

describe('tokens and the queue', () => {
  it('counts tokens per department and day, restarting at midnight in the hospital time zone', async () => {
    let now = Date.parse('2026-11-26T18:00:00.000Z'); // 23:30 in Kolkata
    const { front, admin } = await setup(() => new Date(now));
    const p = await front.register(admin, PATIENT);
    expect((await front.issueToken(admin, p.patient, 'MED')).token).toBe('MED-K7-001');
    expect((await front.issueToken(admin, p.patient, 'MED')).token).toBe('MED-K7-002');
    expect((await front.issueToken(admin, p.patient, 'PED')).token).toBe('PED-K7-001');
    now = Date.parse('2026-11-26T18:31:00.000Z'); // 00:01 the next day in Kolkata
    const next = await front.issueToken(admin, p.patient, 'MED');
    expect(next).toMatchObject({ token: 'MED-K7-001', day: '2026-11-27' });
    expect(await refusal(front.issueToken(admin, p.patient, 'XYZ'))).toEqual(['dept:departmentUnknown']);
    expect(await refusal(front.issueToken(admin, 'DT-K7-000099-0', 'MED'))).toEqual(['patientNotFound']);
  });

  it('issues a token for a department the patient does not fit (sex, age range) only once the clerk confirms', async () => {
    const departments = [
      { code: 'MED', name: 'General Medicine', nameHi: 'सामान्य चिकित्सा' },
      { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग', maxYears: '17' },
      { code: 'OBG', name: 'Obstetrics & Gynaecology', nameHi: 'प्रसूति एवं स्त्री रोग', sex: 'F', minYears: '' },
      { code: 'GER', name: 'Geriatrics', nameHi: 'वृद्धावस्था रोग', minYears: 60 },
    ];
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, departments }, admin: ADMIN });
    const front = new FrontDesk(h.desk);
    const boy = await front.register(admin, { ...PATIENT, name: 'Aarav Kumar', birth: { kind: 'age', years: 7, months: 0, days: 0 } });
    const man = await front.register(admin, PATIENT);
    const woman = await front.register(admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });

    expect(await refusal(front.issueToken(admin, boy.patient, 'OBG'))).toEqual(['deptWomenOnly']);
    expect(await refusal(front.issueToken(admin, man.patient, 'PED'))).toEqual(['deptTooOld']);
    expect(await refusal(front.issueToken(admin, boy.patient, 'GER'))).toEqual(['deptTooYoung']);
    expect(await h.db.tokens.count()).toBe(0);

    expect((await front.issueToken(admin, boy.patient, 'PED')).token).toBe('PED-K7-001');
    expect((await front.issueToken(admin, woman.patient, 'OBG')).token).toBe('OBG-K7-001');
    expect((await front.issueToken(admin, man.patient, 'MED')).token).toBe('MED-K7-001');
    expect((await front.issueToken(admin, man.patient, 'PED', { confirmMisfit: true })).token).toBe('PED-K7-002');
  });

  it('moves tokens through the queue and refuses moves that make no sense', async () => {
    const { front, admin, db, desk } = await setup();
    const queue = new TokenQueue(desk);
    const p = await front.register(admin, PATIENT);
    const t1 = await front.issueToken(admin, p.patient, 'MED');
    const t2 = await front.issueToken(admin, p.patient, 'MED');
    expect((await queue.move(admin, 'call', { dept: 'MED' }))?.token).toBe(t1.token);
    await queue.move(admin, 'skip', { id: t1.id });
    expect((await queue.move(admin, 'call', { dept: 'MED' }))?.token).toBe(t2.token);
    await queue.move(admin, 'done', { id: t2.id });
    expect(await refusal(queue.move(admin, 'done', { id: t1.id }))).toEqual(['badMove']);
    expect(await refusal(queue.move(admin, 'cancel', { id: t1.id }))).toEqual(['reason:required']);
    await queue.move(admin, 'cancel', { id: t1.id }, 'left the hospital');
    expect(await queue.move(admin, 'call', { dept: 'MED' })).toBeNull();
    const q = await queue.queue('MED');
    expect(q).toMatchObject({ waitingCount: 0, doneCount: 1, cancelledCount: 1, called: [] });
    expect(await db.tokens.get(t1.id)).toMatchObject({ status: 'cancelled', cancelReason: 'left the hospital' });
    expect(await front.recordPrint(admin, t2.id, '80mm')).toBe(1);
    expect(await front.recordPrint(admin, t2.id, '80mm')).toBe(2);
  });

  it('two tabs issuing tokens at once never hand out the same number', async () => {
    const a = await setup();
    const tabB = makeDesk({ names: a.names, locks: a.locks });
    await tabB.desk.login(ADMIN.name, ADMIN.pin);
    const frontB = new FrontDesk(tabB.desk);
    const p = await a.front.register(a.admin, PATIENT);
    const issued = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a.front : frontB).issueToken(a.admin, p.patient, 'MED')));
    expect(new Set(issued.map((t) => t.token)).size).toBe(12);
    const docs: unknown[] = [];
    for await (const page of a.desk.eventLog!.readChain('K7')) docs.push(...page);
    expect(verifyChain('K7', docs)).toMatchObject({ ok: true });
  });
});
