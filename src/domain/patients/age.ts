import type { Birth } from './fields';

/** Whole years between a day and another day (YYYY-MM-DD), as a person counts their age. */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** Approximate date of birth for an age told on `day`, so that the age keeps growing correctly. */
export function birthDay(b: Birth, day: string): string {
  if (b.kind === 'dob') return b.dob;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - b.years);
  d.setUTCMonth(d.getUTCMonth() - b.months);
  d.setUTCDate(d.getUTCDate() - b.days);
  return d.toISOString().slice(0, 10);
}

export function ageYears(b: Birth, registeredDay: string, today: string): number {
  return yearsBetween(birthDay(b, registeredDay), today);
}

/** "45 y", "7 m", "12 d": what fits on a slip or a label. */
export function ageLabel(b: Birth, registeredDay: string, today: string): string {
  const born = birthDay(b, registeredDay);
  const years = yearsBetween(born, today);
  if (years >= 1) return `${years} y`;
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${born}T00:00:00Z`);
  const days = Math.max(0, Math.round(ms / 86_400_000));
  return days >= 31 ? `${Math.floor(days / 30.44)} m` : `${days} d`;
}

/** A birth that lies in the future or makes someone older than 125 is a typing mistake. */
export function birthProblem(b: Birth, today: string): 'dobFuture' | 'ageRange' | null {
  const born = birthDay(b, today);
  if (born > today) return 'dobFuture';
  if (yearsBetween(born, today) > 125) return 'ageRange';
  return null;
}
