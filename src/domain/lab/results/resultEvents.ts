import * as z from 'zod/mini';
import { parseSpecimenId, SPECIMEN_ID } from '../../ids/specimenId';
import { personName, text } from '../../text';
import { catalogueVersion, TEST_CODE } from '../catalogue';
import { analyteCode } from './analytes';
import { analytesUpdated } from './analyteEvent';

const specimenId = z.string().check(z.regex(SPECIMEN_ID, 'specimenId'), z.refine((id) => parseSpecimenId(id).ok, 'specimenId'));
const testCode = z.string().check(z.regex(TEST_CODE, 'testCode'));
/** Another event, by id: a verification names the exact entry it releases, from any tablet. */
const eventRef = z.string().check(z.regex(/^ev:[A-Z0-9]{2,3}:\d{10}$/, 'eventRef'));

/**
 * A value as stored. Plausibility (Hb 80) depends on the analyte catalogue version, which the
 * central store does not hold: the devices refuse those before appending; here the shape and
 * bounds alone, so that nothing but a number or a bounded text can ever be in the log.
 */
const value = z.union([z.number().check(z.gte(-1_000_000), z.lte(1_000_000_000)), text(500)]);

const entry = z.strictObject({
  test: testCode,
  analyte: analyteCode,
  value,
  calculated: z.optional(z.literal(true)),
});

const entries = (min: number) => z.array(entry).check(z.minLength(min, 'noResults'), z.maxLength(200, 'tooMany'), z.refine(
  (list) => new Set(list.map((e) => `${e.test}.${e.analyte}`)).size === list.length, 'duplicateAnalyte',
));

/** The result event types; part of the lab's family through LAB_EVENT_SCHEMAS. */
export const RESULT_EVENT_SCHEMAS = {
  /** Partial entry, to finish later on this or another lab tablet. */
  'result.drafted': z.strictObject({ specimen: specimenId, analyteVersion: catalogueVersion, values: entries(0) }),
  /** A complete entry, waiting for a second person to verify it. */
  'result.entered': z.strictObject({ specimen: specimenId, analyteVersion: catalogueVersion, values: entries(1) }),
  /** Releases the entry (or amendment) named by `version`. */
  'result.verified': z.strictObject({ specimen: specimenId, version: eventRef }),
  /** A change after release, with its reason; the released version it replaces stays in the history. */
  'result.amended': z.strictObject({
    specimen: specimenId, analyteVersion: catalogueVersion, values: entries(1), amends: eventRef, reason: text(200),
  }),
  /** A critical value told to someone on the ward, who read it back. */
  'result.calledOut': z.strictObject({
    specimen: specimenId,
    values: z.array(z.strictObject({ test: testCode, analyte: analyteCode, value })).check(z.minLength(1, 'noResults'), z.maxLength(50, 'tooMany')),
    to: personName(60),
    readBack: z.literal(true, { error: 'readBack' }),
    calledAt: z.iso.datetime({ error: 'timestamp' }),
  }),
  /** An administrator's edit of one test's analytes: a new analyte version (analyteVersions.ts). */
  'analytes.updated': analytesUpdated,
} as const;
