import * as z from 'zod/mini';
import { catalogueVersion, TEST_CODE } from '../catalogue';
import { testAnalytes } from './analytes';

/*
 * The event's schema on its own, apart from analyteVersions.ts: every event type's schema loads
 * with the log at a login, and the versions' resolution carries the built-in analytes (a large
 * table) that only the lab's screens need (issue 15).
 */

/**
 * An administrator's edit of one test's analytes, published as a new analyte version based on
 * the one it edited. One test per event: all analytes together exceed an event's 32 KB.
 */
export const analytesUpdated = z.strictObject({
  version: catalogueVersion,
  basedOn: catalogueVersion,
  test: z.string().check(z.regex(TEST_CODE, 'testCode')),
  analytes: testAnalytes,
}).check(z.refine((d) => d.version !== d.basedOn, { message: 'basedOnItself', path: ['basedOn'] }));

