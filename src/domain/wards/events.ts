import * as z from 'zod/mini';
import { blankAsAbsent } from '../preprocess';
import { departmentCode } from '../device';
import { VISIT_ID } from '../emergency/visitId';
import { DOWNTIME_ID } from '../ids/downtimeId';
import { personName, text } from '../text';
import { BED_LABEL, MAX_BEDS } from './bedList';
import { ADMISSION_ID } from './admissionId';
import { ADMIT_SOURCES, BED_MARKS, BED_TYPES, DISCHARGES } from './codes';

const choice = <T extends readonly [string, ...string[]]>(values: T, code: string) =>
  z.enum(values, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : code) });

/** A ward's short code (the census and the bed board name it): 2–6 capital letters or digits. */
export const WARD_CODE = /^[A-Z0-9]{2,6}$/;
export const wardCode = z.string({ error: 'required' }).check(z.trim(), z.minLength(1, 'required'), z.regex(WARD_CODE, 'wardCode'));
const bedLabel = z.string({ error: 'required' }).check(z.minLength(1, 'required'), z.regex(BED_LABEL, 'bedLabel'));
const admissionId = z.string().check(z.regex(ADMISSION_ID, 'admissionId'));
const place = z.strictObject({ ward: wardCode, bed: bedLabel });

export const wardFields = z.strictObject({
  ward: wardCode,
  name: text(60),
  nameHi: blankAsAbsent(text(60)),
  beds: z.array(z.strictObject({ label: bedLabel, type: choice(BED_TYPES, 'bedType') }), { error: 'required' })
    .check(z.minLength(1, 'required'), z.maxLength(MAX_BEDS, 'tooManyBeds'),
      z.superRefine((beds, ctx) => {
        const seen = new Set<string>();
        beds.forEach((b, i) => {
          if (seen.has(b.label)) ctx.addIssue({ code: 'custom', message: 'bedTwice', path: [i, 'label'] });
          seen.add(b.label);
        });
      })),
});

/** What the admit form asks; the IP number is given by the device. */
export const admitFields = z.strictObject({
  patient: z.string({ error: 'required' }).check(z.regex(DOWNTIME_ID, 'downtimeId')),
  ward: wardCode,
  bed: bedLabel,
  source: choice(ADMIT_SOURCES, 'admitSource'),
  visit: blankAsAbsent(z.string().check(z.regex(VISIT_ID, 'visitId'))),
  dept: departmentCode,
  consultant: personName(60),
  diagnosis: text(200),
  mlc: z.optional(z.boolean()),
});

export const dischargeFields = z.strictObject({
  outcome: choice(DISCHARGES, 'discharge'),
  /** The time of death, for a death only. */
  diedAt: z.optional(z.iso.datetime({ error: 'timestamp' })),
  note: blankAsAbsent(text(200)),
});

/** Why an admission was entered in error: required, so the history says it. */
export const enteredInErrorFields = z.strictObject({
  reason: text(200),
});

/** A death needs its time; no other outcome has one. */
const deathTime = (d: { outcome: string; diedAt?: string | undefined }, ctx: z.core.$RefinementCtx) => {
  if (d.outcome === 'death' && !d.diedAt) ctx.addIssue({ code: 'custom', message: 'required', path: ['diedAt'] });
  if (d.outcome !== 'death' && d.diedAt) ctx.addIssue({ code: 'custom', message: 'diedAtNotDeath', path: ['diedAt'] });
};

/**
 * The wards' events (issue 14, point 3). Transfers and discharges name the bed they leave, so a
 * device folding them needs nothing else to know which bed is being cleaned. Strict, like
 * every event: the gateway and the design document refuse the rest.
 */
export const WARD_EVENT_SCHEMAS = {
  'ward.defined': wardFields,
  'bed.marked': z.extend(place, { status: choice(BED_MARKS, 'bedMark') }),
  'ward.admitted': z.extend(admitFields, { admission: admissionId }),
  'ward.transferred': z.strictObject({ admission: admissionId, from: place, to: place }),
  'ward.discharged': z.extend(dischargeFields, { admission: admissionId, from: place }).check(z.superRefine(deathTime)),
  /**
   * The admission should never have been recorded (the wrong patient, or one patient admitted
   * twice by two tablets offline): the bed it names is free again, the admission stays in the
   * history marked so and leaves the census and the HIS's stays.
   */
  'ward.enteredInError': z.extend(enteredInErrorFields, { admission: admissionId, from: place }),
  /** A wristband left the printer: copies count from 1, so a reprint says "REPRINT n". */
  'ward.wristbandPrinted': z.strictObject({ admission: admissionId, copy: z.number().check(z.int(), z.gte(1), z.lte(99)) }),
} as const;

export { deathTime };
