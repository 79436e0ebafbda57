import * as z from 'zod/mini';
import { DOWNTIME_ID } from '../ids/downtimeId';
import { uhid } from '../patients/fields';
import { text } from '../text';

const patientId = z.string({ error: 'required' }).check(z.regex(DOWNTIME_ID, 'downtimeId'));
const eventRef = z.string({ error: 'required' }).check(z.regex(/^ev:[A-Z0-9]{2,3}:\d{10}$/, 'eventRef'));
/** Every decision says why: the log is what the medical records department answers for. */
const reason = text(200);

/** The decisions of the reconciliation workbench; `reconcile.undone` names the event it takes back. */
export const RECONCILE_DECISIONS = ['patient.linked', 'patient.markedNew', 'patient.merged'] as const;
export type ReconcileDecisionType = (typeof RECONCILE_DECISIONS)[number];
export const RECONCILE_TYPES: ReadonlySet<string> = new Set([...RECONCILE_DECISIONS, 'reconcile.undone']);

/**
 * The reconciliation's events (issue 13, point 2). Only the administrator's device (a `reader`
 * account on the central store) makes them: the use-cases check the user's role, the gateway and
 * the design document the pushing account's. Strict like every event.
 */
export const RECONCILE_EVENT_SCHEMAS = {
  /** The downtime patient is the HIS's patient with this UHID. */
  'patient.linked': z.strictObject({ patient: patientId, uhid, reason }),
  /** The HIS does not know the patient: to be created there ("new in HIS"). */
  'patient.markedNew': z.strictObject({ patient: patientId, reason }),
  /** Two downtime patients are one person: `merged` shows (and exports) under `kept`. */
  'patient.merged': z.strictObject({ kept: patientId, merged: patientId, reason })
    .check(z.refine((d) => d.kept !== d.merged, { message: 'mergeItself', path: ['merged'] })),
  /**
   * Takes back one decision. `patient` is the patient whose decision it was (for a merge, the
   * merged one), so a device folds the undo onto that patient's row whichever arrives first.
   */
  'reconcile.undone': z.strictObject({ undoes: eventRef, patient: patientId, reason }),
} as const;
