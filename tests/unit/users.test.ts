import { describe, expect, it } from 'vitest';
import { isTrivialPin, newUser, userKey } from '../../src/domain/users';
import { DEVICE_CODE, enrollment, DEFAULT_DEPARTMENTS } from '../../src/domain/device';
import { toIssues } from '../../src/domain/validation';

const codes = (r: { success: boolean; error?: unknown }) =>
  r.success ? [] : toIssues(r.error as never).map((i) => `${i.path}:${i.code}`);

describe('users', () => {
  it.each(['111111', '123456', '987654', '901234', '000000'])('calls %s trivial', (pin) => expect(isTrivialPin(pin)).toBe(true));
  it.each(['482913', '120934', '112233'])('accepts %s', (pin) => expect(isTrivialPin(pin)).toBe(false));

  it.each([
    [{ name: '', role: 'clerk', pin: '482913', pinAgain: '482913' }, 'name:required'],
    [{ name: '@@@', role: 'clerk', pin: '482913', pinAgain: '482913' }, 'name:personName'],
    [{ name: 'Ravi', role: 'clerk', pin: '48291', pinAgain: '48291' }, 'pin:pinShort'],
    [{ name: 'Ravi', role: 'clerk', pin: '４８２９１３', pinAgain: '４８２９１３' }, 'pin:pinDigits'],
    [{ name: 'Ravi', role: 'clerk', pin: '4829134829134', pinAgain: '4829134829134' }, 'pin:tooLong'],
    [{ name: 'Ravi', role: 'clerk', pin: '482913', pinAgain: '482914' }, 'pinAgain:pinMismatch'],
    [{ name: 'Ravi', role: 'clerk', pin: '482913', pinAgain: '482913', extra: 1 }, 'extra:unknownField'],
    [{ name: 'Ravi', pin: '482913', pinAgain: '482913' }, 'role:required'],
  ])('refuses %o', (input, code) => {
    expect(codes(newUser.safeParse(input))).toContain(code);
  });

  it('accepts Devanagari names and folds case, accents and spaces for uniqueness', () => {
    expect(newUser.safeParse({ name: 'सीमा शर्मा', role: 'lab', pin: '482913', pinAgain: '482913' }).success).toBe(true);
    expect(userKey(' José  PÉREZ ')).toBe(userKey('jose perez'));
    expect(userKey('सीमा')).not.toBe(userKey('सिमा'));
  });
});

describe('enrollment', () => {
  const good = { hospital: 'AIIMS', code: 'K7', departments: DEFAULT_DEPARTMENTS, timeZone: 'Asia/Kolkata' };
  it.each(['K', 'K7K7', 'k7', 'K-7', ' ', 'क7'])('refuses device code %j', (code) => {
    expect(DEVICE_CODE.test(code)).toBe(false);
    expect(codes(enrollment.safeParse({ ...good, code }))).toEqual(expect.arrayContaining([expect.stringMatching(/^code:/)]));
  });
  it.each(['K7', '7K', 'ABC', '123'])('accepts device code %s', (code) => {
    expect(enrollment.safeParse({ ...good, code }).success).toBe(true);
  });
  it('refuses an over-long hospital name, a bad time zone and bad departments', () => {
    expect(codes(enrollment.safeParse({ ...good, hospital: 'H'.repeat(101) }))).toEqual(['hospital:tooLong']);
    expect(codes(enrollment.safeParse({ ...good, timeZone: 'Asia Kolkata' }))).toEqual(['timeZone:timeZone']);
    expect(codes(enrollment.safeParse({ ...good, timeZone: 'Asia/Atlantis' }))).toEqual(['timeZone:timeZone']);
    expect(codes(enrollment.safeParse({ ...good, departments: [{ code: 'med', name: 'x', nameHi: 'y' }] }))).toEqual(['departments.0.code:departmentCode']);
    expect(codes(enrollment.safeParse({ ...good, departments: [{ code: 'MED', name: '', nameHi: 'y' }] }))).toEqual(['departments.0.name:required']);
  });
});
