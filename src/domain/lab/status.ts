/**
 * A specimen's life: requested (label printed, tube not yet filled) → collected → received in the
 * lab → reported; or rejected (with a reason) once it exists as a tube. Reported and rejected are
 * final: a new sample is a new request.
 */
export const SPECIMEN_STATUSES = ['requested', 'collected', 'received', 'reported', 'rejected'] as const;
export type SpecimenStatus = (typeof SPECIMEN_STATUSES)[number];
export const PENDING_STATUSES: readonly SpecimenStatus[] = ['requested', 'collected', 'received'];

export type SpecimenAction = 'collect' | 'receive' | 'report' | 'reject';

export const ACTION_EVENT = {
  collect: 'specimen.collected',
  receive: 'specimen.received',
  report: 'specimen.reported',
  reject: 'specimen.rejected',
} as const;

const NEXT: Record<SpecimenAction, Partial<Record<SpecimenStatus, SpecimenStatus>>> = {
  collect: { requested: 'collected' },
  receive: { collected: 'received' },
  report: { received: 'reported' },
  reject: { collected: 'rejected', received: 'rejected' },
};

export function nextSpecimenStatus(status: SpecimenStatus, action: SpecimenAction): SpecimenStatus | null {
  return NEXT[action][status] ?? null;
}

/**
 * Why a move makes no sense, as a translation key, or null when it is fine. Specific keys, so
 * the technician reads "not collected yet", not "invalid".
 */
export function moveProblem(status: SpecimenStatus, action: SpecimenAction): string | null {
  if (nextSpecimenStatus(status, action)) return null;
  if (status === 'rejected') return 'specimenRejected';
  if (status === 'reported') return 'specimenReported';
  switch (action) {
    case 'collect':
      return 'alreadyCollected';
    case 'receive':
      return status === 'requested' ? 'receiveBeforeCollect' : 'alreadyReceived';
    case 'report':
      return 'reportBeforeReceive';
    case 'reject':
      return 'rejectBeforeCollect';
  }
}

/** Reasons a lab turns a sample away; 'other' needs a note saying what. */
export const REJECT_REASONS = ['haemolysed', 'clotted', 'insufficient', 'mislabelled', 'unlabelled', 'wrongContainer', 'leaked', 'delayed', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * The status that a set of recorded moves amounts to. Derived from which moves happened, not
 * from the order they arrived in, so events pulled from several tablets in any order fold to the
 * same row.
 */
export function statusOf(s: { collectedAt?: string | undefined; receivedAt?: string | undefined; reportedAt?: string | undefined; rejectedAt?: string | undefined }): SpecimenStatus {
  if (s.rejectedAt) return 'rejected';
  if (s.reportedAt) return 'reported';
  if (s.receivedAt) return 'received';
  if (s.collectedAt) return 'collected';
  return 'requested';
}
