import { describe, expect, it } from 'vitest';
import { hospitalDateTime, hospitalTime, wallParts } from '../../src/domain/time/hospitalClock';

// The tablet's own clock is set to another zone than the hospital's.
process.env.TZ = 'America/New_York';

describe('the hospital clock', () => {
  it('reads an instant in the hospital zone, labelled, whatever zone the tablet is set to', () => {
    expect(new Date('2026-11-26T05:12:30Z').getHours()).toBe(0);
    expect(hospitalDateTime('2026-11-26T05:12:30Z', 'Asia/Kolkata')).toBe('2026-11-26 10:42 IST');
    expect(hospitalDateTime('2026-11-26T05:12:30Z', 'Asia/Kolkata', { seconds: true })).toBe('2026-11-26 10:42:30 IST');
    expect(hospitalTime(Date.parse('2026-11-26T05:12:30Z'), 'Asia/Kolkata')).toBe('10:42 IST');
  });

  it('leaves the zone out only when asked (a specimen label)', () => {
    expect(hospitalDateTime('2026-11-26T05:12:30Z', 'Asia/Kolkata', { zone: false })).toBe('2026-11-26 10:42');
  });

  it('turns the day at the hospital\'s midnight', () => {
    expect(hospitalDateTime('2026-11-26T18:29:00Z', 'Asia/Kolkata')).toBe('2026-11-26 23:59 IST');
    expect(hospitalDateTime('2026-11-26T18:30:00Z', 'Asia/Kolkata')).toBe('2026-11-27 00:00 IST');
    expect(wallParts('2026-11-26T18:30:00Z', 'Asia/Kolkata')).toEqual({ year: 2026, month: 11, day: 27, hour: 0, minute: 0, second: 0 });
  });

  it('follows the zone set on the device, naming it', () => {
    expect(hospitalDateTime('2026-07-01T08:00:00Z', 'Europe/London')).toMatch(/^2026-07-01 09:00 (BST|GMT\+1)$/);
    expect(hospitalDateTime('2026-11-26T05:12:00Z', 'Asia/Dubai')).toMatch(/^2026-11-26 09:12 (GST|GMT\+4)$/);
  });
});
