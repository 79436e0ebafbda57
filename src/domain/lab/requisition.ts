import * as z from 'zod/mini';
import { blankAsAbsent } from '../preprocess';
import { departmentCode } from '../device';
import { DOWNTIME_ID } from '../ids/downtimeId';
import { personName, text } from '../text';
import { testCode, testsByCode, type Catalogue, type LabTest } from './catalogue';

export const PRIORITIES = ['routine', 'urgent', 'stat'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const priority = z.enum(PRIORITIES, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : 'priority') });


export const MAX_TESTS_PER_REQUEST = 60;

/** What the technician fills in; the same rules check the form and the use-case. */
export const requisitionInput = z.strictObject({
  patient: z.string({ error: 'required' }).check(z.regex(DOWNTIME_ID, 'downtimeId')),
  tests: z.pipe(z.array(testCode, { error: 'noTests' }).check(z.minLength(1, 'noTests'), z.maxLength(MAX_TESTS_PER_REQUEST, 'tooMany')),
    // The same test ticked twice is one test.
    z.transform((codes: string[]) => [...new Set(codes)])),
  priority,
  dept: departmentCode,
  clinician: personName(60),
  notes: blankAsAbsent(text(300)),
  /** Where the patient is: a ward and bed, an emergency area (issue 14); none for OPD patients. */
  location: blankAsAbsent(text(40)),
});
export type RequisitionInput = z.output<typeof requisitionInput>;

export type ResolvedTests = { ok: true; tests: LabTest[] } | { ok: false; unknown: string[] };

/** The catalogue's definitions of the ordered codes, or the codes the catalogue does not know. */
export function resolveTests(codes: readonly string[], catalogue: Catalogue): ResolvedTests {
  const known = testsByCode(catalogue.tests);
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) return { ok: false, unknown };
  return { ok: true, tests: codes.map((c) => known.get(c)!) };
}
