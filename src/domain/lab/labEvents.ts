import * as z from 'zod/mini';
import { DOWNTIME_ID } from '../ids/downtimeId';
import { parseSpecimenId, SPECIMEN_ID } from '../ids/specimenId';
import { personName, text } from '../text';
import { catalogueVersion, labTestList, TEST_CODE } from './catalogue';
import { CONTAINERS, SAMPLES } from './containers';
import { LAB_PAPERS, LABEL_PAPERS } from './paper';
import { LAB_REQUEST_ID } from './requestId';
import { PRIORITIES } from './requisition';
import { RESULT_EVENT_SCHEMAS } from './results/resultEvents';
import { REJECT_REASONS } from './status';

/** A specimen ID as printed, with a check character that matches: a label is only as good as its ID. */
const specimenId = z.string().check(z.regex(SPECIMEN_ID, 'specimenId'), z.refine((id) => parseSpecimenId(id).ok, 'specimenId'));
const requestId = z.string().check(z.regex(LAB_REQUEST_ID, 'labRequestId'));
const code = z.string().check(z.regex(TEST_CODE, 'testCode'));
const isoTime = z.iso.datetime({ error: 'timestamp' });
const optionalText = (max: number) => z.optional(text(max));
const distinct = (list: readonly string[]) => new Set(list).size === list.length;

/** Tubes handled together (a patient's tubes collected at once, a rack received or reported). */
const specimenList = z.array(specimenId).check(z.minLength(1, 'noSpecimens'), z.maxLength(200, 'tooMany'), z.refine(distinct, 'duplicateSpecimen'));

const labRequested = z.strictObject({
  request: requestId,
  patient: z.string().check(z.regex(DOWNTIME_ID, 'downtimeId')),
  catalogueVersion,
  tests: z.array(code).check(z.minLength(1, 'noTests'), z.maxLength(60, 'tooMany'), z.refine(distinct, 'duplicateCode')),
  priority: z.enum(PRIORITIES),
  dept: z.string().check(z.regex(/^[A-Z]{2,4}$/, 'departmentCode')),
  clinician: personName(60),
  notes: optionalText(300),
  // Since issue 14: the ordering location (ward and bed, emergency area); absent before and for OPD.
  location: optionalText(40),
  specimens: z.array(z.strictObject({
    specimen: specimenId,
    container: z.enum(CONTAINERS),
    sample: z.enum(SAMPLES),
    tests: z.array(code).check(z.minLength(1, 'noTests')),
  })).check(z.minLength(1, 'noSpecimens'), z.maxLength(60, 'tooMany')),
}).check(z.superRefine((r, ctx) => {
  // Every ordered test is in exactly one container, and no container holds a test not ordered:
  // a pulled document that breaks this would leave a test with no tube, or a tube with no test.
  const inTubes = r.specimens.flatMap((s) => s.tests);
  if (!distinct(inTubes) || inTubes.length !== r.tests.length || !inTubes.every((c) => r.tests.includes(c))) {
    ctx.addIssue({ code: 'custom', message: 'specimenTests', path: ['specimens'] });
  }
  if (!distinct(r.specimens.map((s) => s.specimen))) ctx.addIssue({ code: 'custom', message: 'duplicateSpecimen', path: ['specimens'] });
}));

const labPrinted = z.strictObject({
  request: requestId,
  what: z.enum(['labels', 'slip', 'report']),
  paper: z.enum(LAB_PAPERS),
  copy: z.number().check(z.int(), z.gte(1), z.lte(99)),
  /** Labels are printed and counted per container: a broken tube's label is reprinted alone. */
  specimen: z.optional(specimenId),
}).check(z.superRefine((p, ctx) => {
  const label = (LABEL_PAPERS as readonly string[]).includes(p.paper);
  // Labels per specimen on a label roll, the slip per request on A5, a results report per specimen on A4 or A5.
  const fits = p.what === 'labels' ? Boolean(p.specimen) && label
    : p.what === 'slip' ? p.specimen === undefined && p.paper === 'A5'
      : Boolean(p.specimen) && !label;
  if (!fits) {
    ctx.addIssue({ code: 'custom', message: 'printTarget', path: ['what'] });
  }
}));

/** The lab's event types; a family of ../events/families.ts, loaded on the first such event. */
export const LAB_EVENT_SCHEMAS = {
  'lab.requested': labRequested,
  'specimen.collected': z.strictObject({ specimens: specimenList, collectedAt: isoTime, collectedBy: personName(60) }),
  'specimen.received': z.strictObject({ specimens: specimenList }),
  'specimen.reported': z.strictObject({ specimens: specimenList, note: optionalText(200) }),
  'specimen.rejected': z.strictObject({
    specimen: specimenId,
    reason: z.enum(REJECT_REASONS, { error: 'rejectReason' }),
    note: optionalText(200),
  }).check(z.refine((r) => r.reason !== 'other' || Boolean(r.note), { message: 'rejectNote', path: ['note'] })),
  'lab.printed': labPrinted,
  'catalogue.updated': z.strictObject({ version: catalogueVersion, basedOn: catalogueVersion, tests: labTestList }),
  ...RESULT_EVENT_SCHEMAS,
} as const;
