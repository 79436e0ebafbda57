import * as z from 'zod/mini';
import { text } from '../../text';
import { catalogueVersion, TEST_CODE } from '../catalogue';
import { analyteProblems } from './analyteRules';

/**
 * What a test measures: its analytes, each with how a value is typed and read. Kept apart from
 * the test list (catalogue.ts) because the test list is frozen as BASE-1 and because the
 * analytes of every test together are larger than one event may be (32 KB): an administrator's
 * edit publishes one test's analytes at a time.
 */
export const ANALYTE_CODE = /^[A-Z][A-Z0-9]{0,9}$/;
export const analyteCode = z.string().check(z.regex(ANALYTE_CODE, 'analyteCode'));

/** Age bands a reference range is given for: under 28 days, under 18 years, the rest. */
export const AGE_BANDS = ['newborn', 'child', 'adult'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

const limit = z.number().check(z.gte(-1_000_000), z.lte(1_000_000_000));

export const referenceRange = z.strictObject({
  band: z.enum(AGE_BANDS),
  /** Absent: the range holds for every sex. */
  sex: z.optional(z.enum(['M', 'F'])),
  low: z.optional(limit),
  high: z.optional(limit),
});
export type ReferenceRange = z.output<typeof referenceRange>;

/** Values computed from others, never typed: the formulas live in calculations.ts. */
export const CALCULATIONS = ['indirectBilirubin', 'globulin', 'agRatio', 'ldlFriedewald', 'vldl', 'absNeutrophils', 'absLymphocytes', 'absMonocytes', 'absEosinophils'] as const;
export type Calculation = (typeof CALCULATIONS)[number];

const common = {
  code: analyteCode,
  name: text(60),
  nameHi: text(60),
  /** LOINC where one exists, for the export to the HIS after recovery. */
  loinc: z.optional(z.string().check(z.regex(/^\d{1,7}-\d$/, 'loinc'))),
  /** Not every lab reports it (a comment, a count read on request): entry is complete without it. */
  optional: z.optional(z.boolean()),
};

export const quantitativeAnalyte = z.strictObject({
  ...common,
  kind: z.literal('number'),
  /** Empty for a unitless value (specific gravity). */
  unit: z.string().check(z.maxLength(20)),
  decimals: z.number().check(z.int('decimals'), z.gte(0, 'decimals'), z.lte(3, 'decimals')),
  /** Outside these a value cannot be real (Hb 80, a negative count): it is refused, not flagged. */
  min: limit,
  max: limit,
  ranges: z.array(referenceRange).check(z.maxLength(12)),
  criticalLow: z.optional(limit),
  criticalHigh: z.optional(limit),
  calc: z.optional(z.enum(CALCULATIONS)),
});

export const qualitativeAnalyte = z.strictObject({
  ...common,
  kind: z.literal('choice'),
  /** The answers a technician may give, in the order offered. */
  answers: z.array(z.string().check(z.minLength(1), z.maxLength(30))).check(z.minLength(2), z.maxLength(12)),
  /** Answers that are not flagged; any other is flagged abnormal (A). */
  normal: z.array(z.string().check(z.minLength(1), z.maxLength(30))).check(z.maxLength(12)),
});

/** Free text: smears, cultures, comments. */
export const textAnalyte = z.strictObject({ ...common, kind: z.literal('text') });

export const analyte = z.discriminatedUnion('kind', [quantitativeAnalyte, qualitativeAnalyte, textAnalyte]);
export type Analyte = z.output<typeof analyte>;
export type QuantitativeAnalyte = z.output<typeof quantitativeAnalyte>;
export type QualitativeAnalyte = z.output<typeof qualitativeAnalyte>;

export const testAnalytes = z.array(analyte).check(z.minLength(1), z.maxLength(40), z.superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((a, i) => {
    if (seen.has(a.code)) ctx.addIssue({ code: 'custom', message: 'duplicateCode', path: [i, 'code'] });
    seen.add(a.code);
    for (const problem of analyteProblems(a)) ctx.addIssue({ code: 'custom', message: problem.code, path: [i, ...problem.path] });
  });
}));

/**
 * A version of the analyte definitions: the built-in one is BASE-1, like the test catalogue's.
 * A report records the version it was made with and always shows that version's ranges.
 */
export interface AnalyteCatalogue {
  version: string;
  tests: Readonly<Record<string, readonly Analyte[]>>;
}

export const analyteCatalogueVersion = catalogueVersion;
export const testCodeOf = z.string().check(z.regex(TEST_CODE, 'testCode'));
