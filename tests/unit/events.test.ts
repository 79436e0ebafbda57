import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPARTMENTS } from '../../src/domain/device';
import { ValidationError } from '../../src/domain/errors';
import { buildEvent, computeHash, eventId, parseEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import { GENESIS_PREV } from '../../src/domain/hash';

const at = '2026-11-26T10:21:33.120Z';
const enrolled = { hospital: 'AIIMS New Delhi', code: 'K7', departments: DEFAULT_DEPARTMENTS.slice(0, 2), timeZone: 'Asia/Kolkata' };

function issuesOf(fn: () => unknown) {
  try { fn(); } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('buildEvent', () => {
  it('starts a chain at sequence 1 from the genesis link and names the event by device and sequence', () => {
    const e = buildEvent({ type: 'device.enrolled', data: enrolled, device: 'K7', head: null, at, by: 'Asha' });
    expect(e._id).toBe('ev:K7:0000000001');
    expect(e.seq).toBe(1);
    expect(e.prev).toBe(GENESIS_PREV);
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.hash).toBe(computeHash(e));
  });

  it('links each event to the hash of the one before', () => {
    const head: ChainHead = { seq: 41, hash: 'a'.repeat(64) };
    const e = buildEvent({ type: 'user.added', data: { name: 'Ravi Kumar', role: 'clerk' }, device: 'K7', head, at, by: 'Asha' });
    expect(e._id).toBe(eventId('K7', 42));
    expect(e.prev).toBe(head.hash);
  });

  it('stores cleaned text: trimmed, single spaces', () => {
    const e = buildEvent({ type: 'user.added', data: { name: '  Ravi   Kumar ', role: 'clerk' }, device: 'K7', head: null, at, by: 'Asha' });
    expect(e.data.name).toBe('Ravi Kumar');
  });

  it.each([
    ['unknown type', 'token.exploded', {}, 'type', 'unknownEventType'],
    ['missing field', 'user.added', { name: 'Ravi' }, 'role', 'required'],
    ['extra field', 'user.added', { name: 'Ravi', role: 'clerk', pin: '123456' }, 'pin', 'unknownField'],
    ['bad role', 'user.added', { name: 'Ravi', role: 'root' }, 'role', 'role'],
    ['over-long name', 'user.added', { name: 'R'.repeat(41), role: 'clerk' }, 'name', 'tooLong'],
    ['empty name', 'user.added', { name: '   ', role: 'clerk' }, 'name', 'required'],
    ['digits for a name', 'user.added', { name: '12345', role: 'clerk' }, 'name', 'personName'],
    ['bad device code in data', 'device.enrolled', { ...enrolled, code: 'k7' }, 'code', 'deviceCode'],
    ['no departments', 'device.enrolled', { ...enrolled, departments: [] }, 'departments', 'noDepartments'],
  ])('refuses %s', (_label, type, data, path, code) => {
    const issues = issuesOf(() => buildEvent({ type: type as never, data, device: 'K7', head: null, at, by: 'Asha' }));
    expect(issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('refuses a bad device, author or time', () => {
    const data = { name: 'Ravi', role: 'clerk' };
    expect(issuesOf(() => buildEvent({ type: 'user.added', data, device: 'K77Z', head: null, at, by: 'A' }))[0]?.code).toBe('deviceCode');
    expect(issuesOf(() => buildEvent({ type: 'user.added', data, device: 'K7', head: null, at, by: '' }))[0]?.code).toBe('required');
    expect(issuesOf(() => buildEvent({ type: 'user.added', data, device: 'K7', head: null, at: 'yesterday', by: 'A' }))[0]?.code).toBe('timestamp');
  });
});

describe('parseEvent', () => {
  const good = buildEvent({ type: 'user.added', data: { name: 'रवि कुमार', role: 'lab' }, device: 'K7', head: null, at, by: 'Asha' });

  it('accepts an event as written, with storage metadata', () => {
    expect(parseEvent({ ...good, _rev: '1-abc' }).data).toEqual({ name: 'रवि कुमार', role: 'lab' });
  });

  it.each<[string, (e: AnyEvent) => unknown, string]>([
    ['changed data', (e) => ({ ...e, data: { ...e.data, role: 'admin' } }), 'hashMismatch'],
    ['id that does not match the sequence', (e) => ({ ...e, _id: 'ev:K7:0000000002' }), 'eventIdMismatch'],
    ['extra top-level field', (e) => ({ ...e, note: 'x' }), 'unknownField'],
    ['bad hash shape', (e) => ({ ...e, hash: 'xyz' }), 'hashFormat'],
    ['missing data field', (e) => ({ ...e, data: { name: 'Ravi' } }), 'required'],
    ['unknown type', (e) => ({ ...e, type: 'patient.exploded' }), 'unknownEventType'],
  ])('reports %s', (_label, mutate, code) => {
    expect(issuesOf(() => parseEvent(mutate(good))).map((i) => i.code)).toContain(code);
  });

  it('reports garbage that is not an object', () => {
    expect(() => parseEvent('garbage')).toThrow(ValidationError);
    expect(() => parseEvent(null)).toThrow(ValidationError);
  });
});

describe('department rules (sex, age range) in department lists', () => {
  const plain = [{ code: 'MED', name: 'General Medicine', nameHi: 'सामान्य चिकित्सा' }];

  it('still parses and hashes events stored before departments had rules', () => {
    const old = buildEvent({ type: 'departments.updated', data: { departments: plain }, device: 'K7', head: null, at, by: 'Asha' });
    const read = parseEvent(JSON.parse(JSON.stringify(old)));
    expect(read.data).toEqual({ departments: plain });
    expect(computeHash(read)).toBe(old.hash);
  });

  it('keeps the rules a department is given, as numbers', () => {
    const e = buildEvent({ type: 'device.enrolled', data: { ...enrolled, departments: [
      { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग', minYears: '', maxYears: '17' },
      { code: 'OBG', name: 'Obstetrics', nameHi: 'प्रसूति', sex: 'F' },
    ] }, device: 'K7', head: null, at, by: 'Asha' });
    expect(JSON.parse(JSON.stringify(e.data.departments))).toEqual([
      { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग', maxYears: 17 },
      { code: 'OBG', name: 'Obstetrics', nameHi: 'प्रसूति', sex: 'F' },
    ]);
    expect(parseEvent(JSON.parse(JSON.stringify(e))).hash).toBe(e.hash);
  });

  it.each([
    ['an age range upside down', { minYears: 18, maxYears: 5 }, 'departments.0.maxYears', 'deptAgeOrder'],
    ['an age past 125', { maxYears: 130 }, 'departments.0.maxYears', 'deptAgeRange'],
    ['a sex other than M or F', { sex: 'O' }, 'departments.0.sex', 'notAllowed'],
    ['an unknown rule', { pregnant: true }, 'departments.0.pregnant', 'unknownField'],
  ])('refuses %s', (_label, extra, path, code) => {
    const issues = issuesOf(() => buildEvent({ type: 'departments.updated', data: { departments: [{ ...plain[0], ...extra }] }, device: 'K7', head: null, at, by: 'Asha' }));
    expect(issues).toContainEqual(expect.objectContaining({ path, code }));
  });
});
