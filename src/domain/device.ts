import * as z from 'zod/mini';
import { blankAsAbsent } from './preprocess';
import { text } from './text';

/** 2–3 upper-case letters or digits; embedded in every human-facing number (DESIGN.md §3). */
export const DEVICE_CODE = /^[A-Z0-9]{2,3}$/;
export const deviceCode = z.string({ error: 'required' }).check(z.trim(), z.minLength(1, 'required'),
  z.regex(DEVICE_CODE, 'deviceCode'));

export const departmentCode = z.string({ error: 'required' }).check(z.trim(), z.minLength(1, 'required'),
  z.regex(/^[A-Z]{2,4}$/, 'departmentCode'));

const ruleYears = z.coerce.number({ error: 'number' }).check(z.int('number'), z.gte(0, 'deptAgeRange'), z.lte(125, 'deptAgeRange'));

/**
 * A department and whom it sees: `sex` and an age range (whole years, both ends included). A
 * token for a patient outside them needs the clerk's confirmation. The rules are optional, so
 * departments recorded before they existed (every stored `device.enrolled` and
 * `departments.updated` event) still parse, and a department without them fits everyone.
 */
export const department = z.strictObject({
  code: departmentCode,
  name: text(60),
  nameHi: text(60),
  sex: blankAsAbsent(z.enum(['M', 'F'], { error: 'notAllowed' })),
  minYears: blankAsAbsent(ruleYears),
  maxYears: blankAsAbsent(ruleYears),
}).check(z.refine((d) => d.minYears === undefined || d.maxYears === undefined || d.minYears <= d.maxYears,
  { message: 'deptAgeOrder', path: ['maxYears'] }));
export type Department = z.output<typeof department>;

export const departmentList = z.array(department).check(z.minLength(1, 'noDepartments'), z.maxLength(60, 'tooMany'),
  z.superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      if (seen.has(d.code)) ctx.addIssue({ code: 'custom', message: 'duplicateCode', path: [i, 'code'] });
      seen.add(d.code);
    });
  }));

export const timeZone = z.string().check(z.minLength(1, 'required'), z.maxLength(64, 'tooLong'),
  z.regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { error: 'timeZone', abort: true }), z.refine(isKnownTimeZone, 'timeZone'));

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const enrollment = z.strictObject({
  hospital: text(100),
  code: deviceCode,
  departments: departmentList,
  timeZone,
});
export type Enrollment = z.output<typeof enrollment>;

export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

/** The OPD departments most Indian tertiary hospitals run, with whom they see; the administrator edits them at enrollment. */
export const DEFAULT_DEPARTMENTS: readonly Department[] = [
  { code: 'MED', name: 'General Medicine', nameHi: 'सामान्य चिकित्सा' },
  { code: 'SUR', name: 'General Surgery', nameHi: 'सामान्य शल्य चिकित्सा' },
  // Children up to 17: an adult at the paediatric OPD is most often a wrong pick at the desk.
  { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग', maxYears: 17 },
  { code: 'OBG', name: 'Obstetrics & Gynaecology', nameHi: 'प्रसूति एवं स्त्री रोग', sex: 'F' },
  { code: 'ORT', name: 'Orthopaedics', nameHi: 'अस्थि रोग' },
  { code: 'ENT', name: 'Ear, Nose & Throat', nameHi: 'नाक, कान, गला' },
  { code: 'OPH', name: 'Ophthalmology', nameHi: 'नेत्र रोग' },
  { code: 'DER', name: 'Dermatology', nameHi: 'त्वचा रोग' },
  { code: 'PSY', name: 'Psychiatry', nameHi: 'मनोरोग' },
  { code: 'DEN', name: 'Dental', nameHi: 'दंत रोग' },
  { code: 'CAR', name: 'Cardiology', nameHi: 'हृदय रोग' },
  { code: 'EMR', name: 'Emergency', nameHi: 'आपातकालीन' },
];
