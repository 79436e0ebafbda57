import * as z from 'zod/mini';
import { text } from '../text';
import { CONTAINERS, SAMPLES, SECTIONS } from './containers';

/** Short codes are what fits on a 38 mm label and what a technician types: CBC, LFT, HBSAG. */
export const TEST_CODE = /^[A-Z][A-Z0-9]{1,7}$/;
export const testCode = z.pipe(z.pipe(z.string({ error: 'required' }), z.transform((v: string) => v.trim().toUpperCase())),
  z.string().check(z.minLength(1, 'required'), z.regex(TEST_CODE, 'testCode')));

const choice = <T extends readonly [string, ...string[]]>(values: T, code: string) =>
  z.enum(values, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : code) });

export const labTest = z.strictObject({
  code: testCode,
  name: text(80),
  nameHi: text(80),
  section: choice(SECTIONS, 'section'),
  sample: choice(SAMPLES, 'sample'),
  container: choice(CONTAINERS, 'container'),
  /** Collected on its own even when another test uses the same container (timed or separate draws). */
  separate: z.optional(z.boolean()),
});
export type LabTest = z.output<typeof labTest>;

export const labTestList = z.array(labTest).check(z.minLength(1, 'noTests'), z.maxLength(400, 'tooMany'),
  z.superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.code)) ctx.addIssue({ code: 'custom', message: 'duplicateCode', path: [i, 'code'] });
      seen.add(t.code);
    });
  }));

/**
 * A catalogue version: the built-in one is BASE-n; an administrator's edit publishes
 * <device>-<n>. Versions are never changed once published, so a request made with one can always
 * be shown as it was ordered, whatever later versions add, change or remove.
 */
export const CATALOGUE_VERSION = /^(BASE|[A-Z0-9]{2,3})-\d{1,4}$/;
export const catalogueVersion = z.string().check(z.regex(CATALOGUE_VERSION, 'catalogueVersion'));
export const catalogueVersionOf = (device: string, n: number) => `${device}-${n}`;

export interface Catalogue {
  version: string;
  tests: LabTest[];
}

export const testsByCode = (tests: readonly LabTest[]) => new Map(tests.map((x) => [x.code, x]));
