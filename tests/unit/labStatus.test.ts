import { describe, expect, it } from 'vitest';
import { moveProblem, nextSpecimenStatus, statusOf, SPECIMEN_STATUSES, type SpecimenAction } from '../../src/domain/lab/status';

describe('specimen status moves', () => {
  it('goes requested → collected → received → reported', () => {
    expect(nextSpecimenStatus('requested', 'collect')).toBe('collected');
    expect(nextSpecimenStatus('collected', 'receive')).toBe('received');
    expect(nextSpecimenStatus('received', 'report')).toBe('reported');
  });

  it('rejects a tube once it exists, never before collection', () => {
    expect(nextSpecimenStatus('collected', 'reject')).toBe('rejected');
    expect(nextSpecimenStatus('received', 'reject')).toBe('rejected');
    expect(moveProblem('requested', 'reject')).toBe('rejectBeforeCollect');
  });

  it.each([
    ['requested', 'receive', 'receiveBeforeCollect'],
    ['requested', 'report', 'reportBeforeReceive'],
    ['collected', 'report', 'reportBeforeReceive'],
    ['collected', 'collect', 'alreadyCollected'],
    ['received', 'receive', 'alreadyReceived'],
    ['rejected', 'report', 'specimenRejected'],
    ['rejected', 'receive', 'specimenRejected'],
    ['rejected', 'reject', 'specimenRejected'],
    ['reported', 'reject', 'specimenReported'],
    ['reported', 'report', 'specimenReported'],
  ] as const)('refuses %s → %s with %s', (status, action, code) => {
    expect(nextSpecimenStatus(status, action)).toBeNull();
    expect(moveProblem(status, action)).toBe(code);
  });

  it('has nothing after reported or rejected', () => {
    const actions: SpecimenAction[] = ['collect', 'receive', 'report', 'reject'];
    for (const final of ['reported', 'rejected'] as const) {
      for (const a of actions) expect(nextSpecimenStatus(final, a)).toBeNull();
    }
    expect(SPECIMEN_STATUSES).toHaveLength(5);
  });

  it('derives the status from the moves recorded, whatever order they arrived in', () => {
    expect(statusOf({})).toBe('requested');
    expect(statusOf({ receivedAt: 'b' })).toBe('received');
    expect(statusOf({ collectedAt: 'a', receivedAt: 'b', reportedAt: 'c' })).toBe('reported');
    expect(statusOf({ collectedAt: 'a', reportedAt: 'c', rejectedAt: 'd' })).toBe('rejected');
  });
});
