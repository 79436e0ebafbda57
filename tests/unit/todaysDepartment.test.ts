import { describe, expect, it } from 'vitest';
import { todaysDepartment } from '../../src/domain/tokens/todaysDepartment';

const token = (dept: string, day: string, issuedAt: string, status: 'waiting' | 'called' | 'done' | 'cancelled' = 'waiting') =>
  ({ dept, day, issuedAt, status });

describe('the department that sent the patient today', () => {
  it('is that of the latest token of the day that was not cancelled', () => {
    expect(todaysDepartment([
      token('ORT', '2026-11-25', '2026-11-25T06:00:00Z'),
      token('MED', '2026-11-26', '2026-11-26T04:00:00Z', 'done'),
      token('PED', '2026-11-26', '2026-11-26T05:00:00Z', 'called'),
      token('ENT', '2026-11-26', '2026-11-26T06:00:00Z', 'cancelled'),
    ], '2026-11-26')).toBe('PED');
  });

  it('is none without a token today', () => {
    expect(todaysDepartment([token('ORT', '2026-11-25', '2026-11-25T06:00:00Z')], '2026-11-26')).toBeNull();
    expect(todaysDepartment([], '2026-11-26')).toBeNull();
  });
});
