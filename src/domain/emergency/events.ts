import * as z from 'zod/mini';
import { blankAsAbsent } from '../preprocess';
import { DOWNTIME_ID } from '../ids/downtimeId';
import { personName, text } from '../text';
import { ARRIVALS, DISPOSITIONS, TRIAGE } from './codes';
import { VISIT_ID } from './visitId';

const choice = <T extends readonly [string, ...string[]]>(values: T, code: string) =>
  z.enum(values, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : code) });

const visitId = z.string().check(z.regex(VISIT_ID, 'visitId'));

/** GD (general diary) or DD (daily diary) entry numbers differ per police station: short, plain. */
const diaryEntry = z.pipe(text(30), z.string().check(z.regex(/^[\p{L}\p{N}][\p{L}\p{N} /.-]*$/u, 'diaryEntry')));

/**
 * A medico-legal case: the police station that was (or must be) informed, the officer and the
 * GD/DD entry number, each possibly not known yet when the patient arrives.
 */
export const mlc = z.strictObject({
  station: text(80),
  officer: blankAsAbsent(personName(80)),
  entry: blankAsAbsent(diaryEntry),
});

/** How the patient came and who brought them: asked at the door, before the patient's own details. */
export const arrivalFields = z.strictObject({
  arrival: choice(ARRIVALS, 'arrival'),
  broughtBy: blankAsAbsent(text(80)),
  mlc: blankAsAbsent(mlc),
  complaint: blankAsAbsent(text(200)),
});

export const triageFields = z.strictObject({
  category: choice(TRIAGE, 'triage'),
  complaint: blankAsAbsent(text(200)),
  area: blankAsAbsent(text(40)),
});

export const dispositionFields = z.strictObject({
  disposition: choice(DISPOSITIONS, 'disposition'),
  note: blankAsAbsent(text(200)),
});

/**
 * The emergency department's events (issue 14). Arrival, triage and disposition times are the
 * events' own times. Strict, like every event: the gateway and the design document refuse the rest.
 */
export const EMERGENCY_EVENT_SCHEMAS = {
  'emergency.arrived': z.extend(arrivalFields, { visit: visitId, patient: z.string().check(z.regex(DOWNTIME_ID, 'downtimeId')) }),
  'emergency.triaged': z.extend(triageFields, { visit: visitId }),
  'emergency.disposed': z.extend(dispositionFields, { visit: visitId }),
} as const;
