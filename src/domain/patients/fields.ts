import { z } from 'zod';
import { personName, text } from '../text';

export const SEXES = ['M', 'F', 'O'] as const;
export type Sex = (typeof SEXES)[number];
export const RELATIONS = ['father', 'mother', 'husband', 'wife', 'son', 'daughter', 'guardian', 'other'] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T, code: string) =>
  z.enum(values, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : code) });

/** Empty form fields arrive as '' and mean "not given". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** Indian mobile: 10 digits starting 6–9; +91, 91 or 0 in front and spaces or hyphens are forgiven. */
export const mobile = z.string().transform((v) => v.replace(/[\s-]/g, '').replace(/^(\+91|91|0)(?=\d{10}$)/, ''))
  .pipe(z.string().regex(/^[6-9]\d{9}$/, 'mobile'));

/** ABHA number: 14 digits, written 12-3456-7890-1234; stored in that form. */
export const abha = z.string().transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{14}$/, 'abha'))
  .transform((d) => `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6, 10)}-${d.slice(10)}`);

/** Hospital UHIDs differ between hospitals: letters, digits, / and -, 4–20 long, upper case. */
export const uhid = z.string().transform((v) => v.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9/-]{2,18}[A-Z0-9]$/, 'uhid'));

export const pinCode = z.string().transform((v) => v.replace(/\s/g, '')).pipe(z.string().regex(/^[1-9]\d{5}$/, 'pinCode'));

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date').refine(isRealDay, 'date');

export function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

const whole = (max: number) => z.coerce.number({ error: 'number' }).int('number').min(0, 'ageRange').max(max, 'ageRange');

/** Age as told at the desk ("about 45"), or a date of birth when the patient knows it. */
export const birth = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('age'), years: whole(125), months: whole(11), days: whole(30) }),
  z.strictObject({ kind: z.literal('dob'), dob: isoDay }),
], { error: 'required' });
export type Birth = z.output<typeof birth>;

export const address = z.strictObject({
  line: optional(text(120)),
  locality: text(80),
  district: text(60),
  state: text(40),
  pin: pinCode,
});

export const relative = z.strictObject({
  name: personName(80),
  relation: choice(RELATIONS, 'relation'),
});

/** Everything a clerk records about a patient; the same schema checks the form and the event. */
export const patientFields = z.strictObject({
  name: personName(80),
  sex: choice(SEXES, 'sex'),
  birth,
  mobile: optional(mobile),
  address,
  relative,
  uhid: optional(uhid),
  abha: optional(abha),
  remarks: optional(text(300)),
});
export type PatientFields = z.output<typeof patientFields>;
export type PatientFieldsInput = z.input<typeof patientFields>;
