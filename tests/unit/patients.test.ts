import { describe, expect, it } from 'vitest';
import { ageLabel, birthDay, birthProblem, yearsBetween } from '../../src/domain/patients/age';
import { jaroWinkler, nameSimilarity, possibleDuplicates } from '../../src/domain/patients/duplicates';
import { abha, mobile, patientFields, uhid } from '../../src/domain/patients/fields';
import { MANY_WORDS, namePairKeys, nameStem, nameWords, stemPairs } from '../../src/domain/patients/nameKeys';
import { soundOf } from '../../src/domain/patients/soundKey';
import { AT_REST } from '../../src/domain/atRest';
import { classifyQuery } from '../../src/domain/patients/searchQuery';
import { localDay } from '../../src/domain/tokens/day';
import { nextStatus } from '../../src/domain/tokens/queue';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';

describe('field formats', () => {
  it.each([['9811012345', '9811012345'], ['+91 98110 12345', '9811012345'], ['098110-12345', '9811012345']])('mobile %s', (raw, clean) => {
    expect(mobile.parse(raw)).toBe(clean);
  });
  it.each(['5811012345', '981101234', '98110123456', 'abcdefghij', '+1 9811012345'])('refuses mobile %s', (raw) => {
    expect(mobile.safeParse(raw).success).toBe(false);
  });
  it('normalises ABHA numbers and refuses other lengths', () => {
    expect(abha.parse('12 3456 7890 1234')).toBe('12-3456-7890-1234');
    expect(abha.safeParse('1234567890123').success).toBe(false);
    expect(abha.safeParse('12-3456-7890-123X').success).toBe(false);
  });
  it('upper-cases UHIDs and refuses symbols', () => {
    expect(uhid.parse(' aiims/2026-001 ')).toBe('AIIMS/2026-001');
    expect(uhid.safeParse('<b>').success).toBe(false);
    expect(uhid.safeParse('X'.repeat(21)).success).toBe(false);
  });
  it('accepts a minimal patient and a part of an address (issue 14), and refuses a wrong part', () => {
    const base = {
      name: 'सीमा', sex: 'F', birth: { kind: 'age', years: '30', months: '0', days: '0' },
      address: { locality: 'Rohini', district: 'North West Delhi', state: 'Delhi', pin: '110085' },
      relative: { name: 'Ram', relation: 'husband' },
    };
    expect(patientFields.parse(base).birth).toEqual({ kind: 'age', years: 30, months: 0, days: 0 });
    expect(patientFields.parse({ ...base, address: { ...base.address, district: '' } }).address).toEqual({ locality: 'Rohini', state: 'Delhi', pin: '110085' });
    expect(patientFields.safeParse({ ...base, address: { ...base.address, pin: '11008' } }).success).toBe(false);
    expect(patientFields.safeParse({ ...base, relative: { name: 'Ram', relation: 'cousin' } }).success).toBe(false);
  });
});

describe('ages', () => {
  it('counts whole years like people do', () => {
    expect(yearsBetween('1980-11-27', '2026-11-26')).toBe(45);
    expect(yearsBetween('1980-11-26', '2026-11-26')).toBe(46);
  });
  it('keeps a told age growing from the day it was told', () => {
    const b = { kind: 'age', years: 45, months: 0, days: 0 } as const;
    expect(birthDay(b, '2026-11-26')).toBe('1981-11-26');
    expect(ageLabel(b, '2026-11-26', '2027-11-26')).toBe('46 y');
    expect(ageLabel({ kind: 'age', years: 0, months: 0, days: 12 }, '2026-11-26', '2026-11-26')).toBe('12 d');
    expect(ageLabel({ kind: 'age', years: 0, months: 7, days: 0 }, '2026-11-26', '2026-11-26')).toBe('7 m');
  });
  it('calls impossible births mistakes', () => {
    expect(birthProblem({ kind: 'dob', dob: '2026-11-27' }, '2026-11-26')).toBe('dobFuture');
    expect(birthProblem({ kind: 'dob', dob: '1890-01-01' }, '2026-11-26')).toBe('ageRange');
    expect(birthProblem({ kind: 'age', years: 125, months: 0, days: 0 }, '2026-11-26')).toBeNull();
  });
});

describe('names and duplicates', () => {
  it('folds case and accents but keeps Devanagari intact', () => {
    expect(nameWords('  RÁVI   kumar ')).toEqual(['ravi', 'kumar']);
    expect(nameWords('सीमा  देवी')).toEqual(['सीमा', 'देवी']);
    expect(nameWords("D'Souza-Pereira")).toEqual(['d', 'souza', 'pereira']);
  });
  it('keys each two words by their first one to three letters, once, whatever the order of the name', () => {
    expect(namePairKeys(nameWords('Sunita Devi')).sort()).toEqual(
      ['d s', 'd su', 'd sun', 'de s', 'de su', 'de sun', 'dev s', 'dev su', 'dev sun'].sort());
    expect(namePairKeys(nameWords('Devi Sunita')).sort()).toEqual(namePairKeys(nameWords('Sunita Devi')).sort());
    // One-letter words pair with each length of the other words.
    expect(namePairKeys(nameWords('O. P. Sharma')).sort()).toEqual(['o p', 'o s', 'o sh', 'o sha', 'p s', 'p sh', 'p sha'].sort());
    // Two words with the same start still make a key: "a word starts with ram, another too".
    expect(namePairKeys(nameWords('Ram Ramesh'))).toContain('ram ram');
    expect(namePairKeys(nameWords('सीमा देवी'))).toContain(`${'देवी'.slice(0, 3)} ${'सीमा'.slice(0, 3)}`);
    expect(namePairKeys(nameWords('Ravi'))).toEqual([]);
    const many = 'Aa Bb Cc Dd Ee Ff Gg';
    expect(namePairKeys(nameWords(many.split(' ').slice(0, 6).join(' ')))).toHaveLength(15 * 4);
    expect(namePairKeys(nameWords(many))).toEqual([MANY_WORDS]);
  });
  it('looks typed stems up by the same keys the names are stored under', () => {
    expect(stemPairs(['sin', 'm'])).toEqual(['m sin']);
    expect(namePairKeys(nameWords('Mohan Singh'))).toContain('m sin');
    expect(stemPairs(['sa', 'beg', 'ra'])).toEqual(['beg sa', 'ra sa', 'beg ra']);
  });
  it('scores similar names high and different ones low', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(nameSimilarity('ravi kumar', 'kumar ravi')).toBe(1);
    expect(nameSimilarity('ravi kumar', 'ravi kumaar')).toBeGreaterThan(0.9);
    expect(nameSimilarity('ravi kumar', 'anita sharma')).toBeLessThan(0.7);
  });
  it('ranks a same-mobile and similar-name match above a name-only one', () => {
    const known = [
      { patient: 'A', name: 'Ravi Kumar', sex: 'M' as const, ageYears: 44 },
      { patient: 'B', name: 'Ravi Kumar', sex: 'M' as const, ageYears: 46, mobile: '9811012345' },
      { patient: 'C', name: 'Ravi Kumar', sex: 'M' as const, ageYears: 60 },
      { patient: 'D', name: 'Ravi Kumar', sex: 'F' as const, ageYears: 45 },
    ];
    const found = possibleDuplicates({ name: 'Ravi Kumar', sex: 'M', ageYears: 45, mobile: '9811012345' }, known);
    expect(found.map((f) => `${f.patient}:${f.reasons.join('+')}`)).toEqual(['B:mobile+name', 'A:name']);
  });
});

describe('search box', () => {
  const id = formatDowntimeId('K7', 123);
  it.each([
    ['', { kind: 'empty' }],
    [id.toLowerCase(), { kind: 'downtimeId', id }],
    [id.slice(0, -1) + (id.endsWith('Z') ? 'Y' : 'Z'), { kind: 'badId', reason: 'idCheck' }],
    ['DT-K7-12', { kind: 'badId', reason: 'idFormat' }],
    ['med-k7-017', { kind: 'token', token: 'MED-K7-017' }],
    ['+91 98110 12345', { kind: 'mobile', mobile: '9811012345' }],
    ['12345678901234', { kind: 'abha', abha: '12-3456-7890-1234' }],
    ['107612345678', { kind: 'uhid', uhid: '107612345678' }],
    ['2345', { kind: 'digits', digits: '2345' }],
    ['98110 1234', { kind: 'digits', digits: '981101234' }],
    ['345', { kind: 'uhid', uhid: '345' }],
    ['aiims/2026-001', { kind: 'uhid', uhid: 'AIIMS/2026-001' }],
    ['Ravi KU', { kind: 'name', words: ['ravi', 'ku'] }],
    ['रवि', { kind: 'name', words: ['रवि'] }],
  ])('reads %j', (input, expected) => {
    expect(classifyQuery(input)).toEqual(expected);
  });
});

describe('tokens', () => {
  it('takes the day in the hospital time zone', () => {
    expect(localDay('2026-11-26T18:29:00Z', 'Asia/Kolkata')).toBe('2026-11-26');
    expect(localDay('2026-11-26T18:30:00Z', 'Asia/Kolkata')).toBe('2026-11-27');
  });
  it('allows only moves that make sense', () => {
    expect(nextStatus('waiting', 'call')).toBe('called');
    expect(nextStatus('called', 'skip')).toBe('waiting');
    expect(nextStatus('called', 'done')).toBe('done');
    expect(nextStatus('waiting', 'done')).toBeNull();
    expect(nextStatus('done', 'cancel')).toBeNull();
    expect(nextStatus('cancelled', 'call')).toBeNull();
  });
});

describe('pair keys of a patient known by a name and an alias', () => {
  it('pairs each name apart, so an identified emergency patient is not filed among the "many words" names', () => {
    const row = { name: 'Ramesh Kumar', alias: 'UNKNOWN MALE K7-0007', sounds: [], patient: formatDowntimeId('K7', 1) } as unknown as Record<string, unknown>;
    const pairs = AT_REST.patients!.searchKeys!(row).pairs as string[];
    const pairOf = (a: string, b: string) => stemPairs([nameStem(soundOf(a)), nameStem(soundOf(b))])[0]!;
    expect(pairs).not.toContain(MANY_WORDS);
    expect(pairs).toContain(pairOf('ramesh', 'kumar'));
    expect(pairs).toContain(pairOf('unknown', 'male'));
    expect(pairs).toContain(pairOf('अज्ञात', 'पुरुष'));
    expect(pairs).not.toContain(pairOf('ramesh', 'unknown'));
  });
});
