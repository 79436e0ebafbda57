import { describe, expect, it } from 'vitest';
import { boardOf, initialsOf } from '../../src/domain/tokens/board';

const names: Record<string, string> = { 'DT-K7-000001-X': 'Ravi  Kumar', 'DT-K7-000002-X': 'सुनीता देवी' };
const queue = {
  called: [{ token: 'MED-K7-002', patient: 'DT-K7-000002-X', room: '7' }, { token: 'MED-K7-001', patient: 'DT-K7-000001-X' }],
  waiting: [3, 4, 5].map((n) => ({ token: `MED-K7-00${n}`, patient: 'DT-K7-000001-X' })),
};

describe('waiting-room board', () => {
  it('keeps every called token with its room, the next ones, and no name', () => {
    const board = boardOf(queue, (p) => names[p], { initials: false, nextShown: 2 });
    expect(board).toEqual({
      called: [{ token: 'MED-K7-002', room: '7', initials: undefined }, { token: 'MED-K7-001', room: undefined, initials: undefined }],
      next: ['MED-K7-003', 'MED-K7-004'],
    });
    expect(JSON.stringify(board)).not.toMatch(/Ravi|Kumar|सुनीता/);
  });

  it('shows initials only when asked, in either script', () => {
    const board = boardOf(queue, (p) => names[p], { initials: true, nextShown: 0 });
    expect(board.called.map((c) => c.initials)).toEqual(['स द', 'R K']);
    expect(initialsOf(' ravi kumar ')).toBe('R K');
  });
});
