import { describe, expect, it } from 'vitest';
import { boardOf } from '../../src/domain/tokens/board';

const queue = {
  called: [{ token: 'MED-K7-002', patient: 'DT-K7-000002-X', room: '7' }, { token: 'MED-K7-001', patient: 'DT-K7-000001-X' }],
  waiting: [3, 4, 5].map((n) => ({ token: `MED-K7-00${n}`, patient: 'DT-K7-000001-X' })),
};

describe('waiting-room board', () => {
  it('keeps every called token with its room and the next ones, and nothing of the patient', () => {
    const board = boardOf(queue, 2);
    expect(board).toEqual({
      called: [{ token: 'MED-K7-002', room: '7' }, { token: 'MED-K7-001', room: undefined }],
      next: ['MED-K7-003', 'MED-K7-004'],
    });
    expect(JSON.stringify(board)).not.toContain('DT-K7');
  });
});
