import { cleanText } from '../fold';
import { birthProblem } from '../patients/age';
import { isRealDay, mobile as mobileSchema, uhid as uhidSchema, type Birth, type Sex } from '../patients/fields';
import type { BadReason } from './record';

/** A value of the file read, or why it cannot be. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: BadReason };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (reason: BadReason): Read<never> => ({ ok: false, reason });

const SEX_WORDS: Record<string, Sex> = {
  m: 'M', male: 'M', man: 'M', पुरुष: 'M', पु: 'M', नर: 'M',
  f: 'F', female: 'F', woman: 'F', महिला: 'F', स्त्री: 'F', म: 'F', मादा: 'F',
  o: 'O', other: 'O', t: 'O', tg: 'O', transgender: 'O', अन्य: 'O', ट्रांसजेंडर: 'O',
  u: 'U', unknown: 'U', 'not known': 'U', अज्ञात: 'U',
};

/** Sex as HIS exports write it (M/F, Male/Female, पुरुष/महिला, FHIR's codes); empty is "not known". */
export function readSex(value: string): Read<Sex> {
  const key = cleanText(value).toLowerCase().replace(/\.$/, '');
  if (key === '') return ok('U');
  const sex = SEX_WORDS[key];
  return sex ? ok(sex) : bad('sex');
}

export function readUhid(value: string): Read<string> {
  if (cleanText(value) === '') return bad('uhidMissing');
  const parsed = uhidSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : bad('uhidFormat');
}

/** Indian mobile numbers as the desk takes them (+91, 0 and spaces forgiven); empty is none. */
export function readMobile(value: string): Read<string | undefined> {
  if (cleanText(value) === '') return ok(undefined);
  const parsed = mobileSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : bad('mobile');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date of birth as HIS exports write it: ISO (1980-03-12, with a time after it or not), day
 * first as India writes it (12/03/1980, 12-03-1980, 12.03.1980) or with the month's name
 * (12-Mar-1980, 12 March 1980). Never month first: 03/12/1980 is the 3rd of December.
 */
export function readDate(value: string): string | null {
  const v = cleanText(value).toLowerCase();
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[- ]([a-z]{3,9})[- ,]+(\d{4})$/.exec(v))) {
    const month = MONTHS.indexOf(match[2]!.slice(0, 3));
    if (month === -1 || !'january february march april may june july august september october november december'.split(' ')[month]!.startsWith(match[2]!)) return null;
    [d, m, y] = [Number(match[1]), month + 1, Number(match[3])];
  } else return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  return y >= 1880 && isRealDay(day) ? day : null;
}

/** An age in years, or months for a baby: "45", "45 Y", "45 yrs", "6 months", "६ माह" is not read (digits 0–9 only). */
export function readAge(value: string): Read<Birth | undefined> {
  const v = cleanText(value).toLowerCase();
  if (v === '') return ok(undefined);
  const match = /^(\d{1,4})(?:\.0+)?\s*(y|yr|yrs|year|years|वर्ष|साल|m|mo|mon|month|months|माह|महीने|महीना)?\.?$/.exec(v);
  if (!match) return bad('age');
  const n = Number(match[1]);
  const months = /^(m|mo|mon|month|months|माह|महीने|महीना)$/.test(match[2] ?? '');
  const birth: Birth = months
    ? { kind: 'age', years: Math.floor(n / 12), months: n % 12, days: 0 }
    : { kind: 'age', years: n, months: 0, days: 0 };
  return birth.years > 125 ? bad('ageRange') : ok(birth);
}

/** A date of birth (preferred when the file has both) or an age; a birth after `today` or over 125 years is refused. */
export function readBirth(dob: string, age: string, today: string): Read<Birth | undefined> {
  let birth: Birth | undefined;
  if (cleanText(dob) !== '') {
    const day = readDate(dob);
    if (!day) return bad('date');
    birth = { kind: 'dob', dob: day };
  } else {
    const read = readAge(age);
    if (!read.ok) return read;
    birth = read.value;
  }
  const problem = birth ? birthProblem(birth, today) : null;
  return problem ? bad(problem) : ok(birth);
}

export const MAX_NAME = 120;
export const MAX_ADDRESS = 300;

/** Free text cut to a size an index row keeps (an HIS address may be a page long). */
export const clip = (value: string, max: number): string => cleanText(value).slice(0, max);
