import { describe, expect, it } from 'vitest';
import { recentInstant, wallTime } from '../../src/domain/lab/wallClock';

describe('collection time typed as a wall-clock time', () => {
  const now = new Date('2026-11-26T05:30:00.000Z'); // 11:00 in Kolkata

  it('reads a time today in the hospital time zone', () => {
    expect(recentInstant('10:42', now, 'Asia/Kolkata')).toBe('2026-11-26T05:12:00.000Z');
    expect(wallTime(now, 'Asia/Kolkata')).toBe('11:00');
  });

  it('takes a time later than now as yesterday', () => {
    expect(recentInstant('23:50', now, 'Asia/Kolkata')).toBe('2026-11-25T18:20:00.000Z');
  });

  it('handles zones with daylight saving', () => {
    expect(recentInstant('09:00', new Date('2026-07-01T12:00:00.000Z'), 'Europe/London')).toBe('2026-07-01T08:00:00.000Z');
  });

  it.each(['', '25:00', '10:60', 'ten'])('refuses %j', (t) => {
    expect(recentInstant(t, now, 'Asia/Kolkata')).toBeNull();
  });
});
