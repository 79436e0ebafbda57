/**
 * Wrong-PIN throttling: the first few mistakes cost nothing (fat fingers on a tablet), then each
 * one makes the user wait longer, and a run of them locks the account for a while.
 */
export interface FailureRecord {
  failures: number;
  lastFailureAt: number | null;
}

export const FREE_FAILURES = 3;
export const LOCK_AFTER = 6;
export const LOCK_MS = 15 * 60_000;

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  if (failures >= LOCK_AFTER) return LOCK_MS;
  return 5_000 * 3 ** (failures - FREE_FAILURES); // 5 s, 15 s, 45 s
}

export type AttemptDecision =
  | { allowed: true }
  | { allowed: false; locked: boolean; retryAt: number };

export function canAttempt(record: FailureRecord, now: number): AttemptDecision {
  if (record.lastFailureAt === null) return { allowed: true };
  const retryAt = record.lastFailureAt + delayAfter(record.failures);
  if (now >= retryAt) return { allowed: true };
  return { allowed: false, locked: record.failures >= LOCK_AFTER, retryAt };
}

export function afterFailure(record: FailureRecord, now: number): FailureRecord {
  // Once a lock has run its course the count starts again, so one more slip does not re-lock.
  const failures = record.failures >= LOCK_AFTER ? 1 : record.failures + 1;
  return { failures, lastFailureAt: now };
}

export const afterSuccess = (): FailureRecord => ({ failures: 0, lastFailureAt: null });
