import * as z from 'zod/mini';
import { preprocess, blankAsAbsent } from '../preprocess';
import { personName, text } from '../text';

/** M, F, other; U: not known (an unconscious patient whose sex the clerk cannot tell). */
export const SEXES = ['M', 'F', 'O', 'U'] as const;
export type Sex = (typeof SEXES)[number];
export const RELATIONS = ['father', 'mother', 'husband', 'wife', 'son', 'daughter', 'guardian', 'other'] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T, code: string) =>
  z.enum(values, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : code) });


/** Indian mobile: 10 digits starting 6–9; +91, 91 or 0 in front and spaces or hyphens are forgiven. */
export const mobile = z.pipe(
  z.pipe(z.string(), z.transform((v: string) => v.replace(/[\s-]/g, '').replace(/^(\+91|91|0)(?=\d{10}$)/, ''))),
  z.string().check(z.regex(/^[6-9]\d{9}$/, 'mobile')),
);

/** ABHA number: 14 digits, written 12-3456-7890-1234; stored in that form. */
export const abha = z.pipe(
  z.pipe(z.pipe(z.string(), z.transform((v: string) => v.replace(/[\s-]/g, ''))), z.string().check(z.regex(/^\d{14}$/, 'abha'))),
  z.transform((d: string) => `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6, 10)}-${d.slice(10)}`),
);

/** Hospital UHIDs differ between hospitals: letters, digits, / and -, 4–20 long, upper case. */
export const uhid = z.pipe(z.pipe(z.string(), z.transform((v: string) => v.trim().toUpperCase())),
  z.string().check(z.regex(/^[A-Z0-9][A-Z0-9/-]{2,18}[A-Z0-9]$/, 'uhid')));

export const pinCode = z.pipe(z.pipe(z.string(), z.transform((v: string) => v.replace(/\s/g, ''))), z.string().check(z.regex(/^[1-9]\d{5}$/, 'pinCode')));

export const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date'), z.refine(isRealDay, 'date'));

export function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

const whole = (max: number) => z.coerce.number({ error: 'number' }).check(z.int('number'), z.gte(0, 'ageRange'), z.lte(max, 'ageRange'));

/** Age as told at the desk ("about 45"), or a date of birth when the patient knows it. */
export const birth = z.discriminatedUnion('kind', [
  // `estimated`: the age is the clerk's guess (an unknown patient), not what the patient said.
  z.strictObject({ kind: z.literal('age'), years: whole(125), months: whole(11), days: whole(30), estimated: z.optional(z.literal(true)) }),
  z.strictObject({ kind: z.literal('dob'), dob: isoDay }),
], { error: 'required' });
export type Birth = z.output<typeof birth>;

/**
 * An object whose parts were all left empty is "not given" (the form sends every box, some
 * pre-filled from the desk's last district and state). Events stored before the fields became
 * optional hold every part and still parse the same.
 */
const optionalGroup = <S extends z.ZodMiniType>(schema: S) =>
  preprocess((v) => (isEmptyGroup(v) ? undefined : v), z.optional(schema));

function isEmptyGroup(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    && Object.values(v).every((x) => x === undefined || (typeof x === 'string' && x.trim() === ''));
}

export const address = z.strictObject({
  line: blankAsAbsent(text(120)),
  locality: blankAsAbsent(text(80)),
  district: blankAsAbsent(text(60)),
  state: blankAsAbsent(text(40)),
  pin: blankAsAbsent(pinCode),
});

export const relative = z.strictObject({
  name: blankAsAbsent(personName(80)),
  relation: blankAsAbsent(choice(RELATIONS, 'relation')),
});

/** A name for a patient whose own is not known: "UNKNOWN MALE K7-0007", or one a clerk gives ("Bed 3 boy"). */
export const alias = z.pipe(text(60), z.string().check(z.regex(/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'/#-]*$/u, 'alias')));

/**
 * Everything a clerk records about a patient; the same schema checks the form and the event.
 * Required are a name or an alias, sex (or unknown) and an age (or its estimate): an emergency
 * patient may have nothing else. Every other field is optional (patientRecord adds the
 * name-or-alias rule; this object stays refinement-free so corrections can take part of it).
 */
export const patientFields = z.strictObject({
  name: blankAsAbsent(personName(80)),
  alias: blankAsAbsent(alias),
  sex: choice(SEXES, 'sex'),
  birth,
  mobile: blankAsAbsent(mobile),
  address: optionalGroup(address),
  relative: optionalGroup(relative),
  uhid: blankAsAbsent(uhid),
  abha: blankAsAbsent(abha),
  remarks: blankAsAbsent(text(300)),
});

/** A registration: the fields, with a name or an alias (an unknown patient's). */
export const patientRecord = patientFields.check(z.superRefine((f, ctx) => {
  if (f.name === undefined && f.alias === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'nameOrAlias' });
}));
export type PatientFields = z.output<typeof patientFields>;
export type PatientFieldsInput = z.input<typeof patientFields>;
