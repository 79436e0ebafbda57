import { hospitalTime, wallParts } from '../time/hospitalClock';

/**
 * The instant of a wall-clock time ("10:42") in the hospital's time zone, whatever zone the
 * tablet's own clock is set to. A time later than `now` means the day before: a collection at
 * 23:50 recorded at 00:10 happened yesterday.
 */
export function recentInstant(time: string, now: Date, timeZone: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  const today = wallDate(now, timeZone);
  let at = zonedInstant(today, Number(m[1]), Number(m[2]), timeZone);
  if (at > now.getTime()) at = zonedInstant(shiftDay(today, -1), Number(m[1]), Number(m[2]), timeZone);
  return new Date(at).toISOString();
}

/** "HH:MM" of an instant in the zone, for prefilling a time field. */
export const wallTime = (at: Date, timeZone: string): string => hospitalTime(at, timeZone, { zone: false });

function wallDate(at: Date, timeZone: string): [number, number, number] {
  const p = wallParts(at, timeZone);
  return [p.year, p.month, p.day];
}

function shiftDay([y, mo, d]: [number, number, number], days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** Guess the instant as if the zone were UTC, then correct by the zone's offset there (twice, for DST edges). */
function zonedInstant([y, mo, d]: [number, number, number], hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  let at = wall;
  for (let i = 0; i < 2; i += 1) {
    const p = wallParts(at, timeZone);
    const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000;
    at = wall - offset;
  }
  return at;
}
