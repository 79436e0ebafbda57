import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, canAttempt, LOCK_MS, type FailureRecord } from '../../src/domain/throttle';

function fail(times: number, at = 0): FailureRecord {
  let r = afterSuccess();
  for (let i = 0; i < times; i += 1) r = afterFailure(r, at);
  return r;
}

describe('PIN throttling', () => {
  it('lets the first two mistakes through at once', () => {
    expect(canAttempt(fail(2), 0)).toEqual({ allowed: true });
  });
  it('makes each further mistake wait longer', () => {
    expect(canAttempt(fail(3), 0)).toEqual({ allowed: false, locked: false, retryAt: 5_000 });
    expect(canAttempt(fail(4), 0)).toMatchObject({ retryAt: 15_000 });
    expect(canAttempt(fail(5), 0)).toMatchObject({ retryAt: 45_000 });
    expect(canAttempt(fail(3), 5_000)).toEqual({ allowed: true });
  });
  it('locks after six and starts counting again once the lock has run out', () => {
    expect(canAttempt(fail(6), 0)).toEqual({ allowed: false, locked: true, retryAt: LOCK_MS });
    expect(canAttempt(fail(6), LOCK_MS)).toEqual({ allowed: true });
    expect(afterFailure(fail(6), LOCK_MS)).toEqual({ failures: 1, lastFailureAt: LOCK_MS });
  });
  it('forgets mistakes after a success', () => {
    expect(afterSuccess()).toEqual({ failures: 0, lastFailureAt: null });
  });
});
