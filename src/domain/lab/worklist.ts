import type { Container } from './containers';
import type { Priority } from './requisition';
import type { SpecimenStatus } from './status';

export const WORKLIST_VIEWS = ['pending', 'toVerify'] as const;
export type WorklistStatus = SpecimenStatus | (typeof WORKLIST_VIEWS)[number];

export interface WorklistFilters {
  /**
   * 'pending': requested, collected or received — everything still to be done. 'toVerify': open
   * specimens whose results are entered and wait for a pathologist's verification.
   */
  status?: WorklistStatus | undefined;
  priority?: Priority | undefined;
  dept?: string | undefined;
  container?: Container | undefined;
}

/** Oldest request first; specimens of one request in label order. */
export const byAge = (a: { requestedAt: string; specimen: string }, b: { requestedAt: string; specimen: string }) =>
  a.requestedAt.localeCompare(b.requestedAt) || a.specimen.localeCompare(b.specimen);
