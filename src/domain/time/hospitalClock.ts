/**
 * The one clock of every screen and printout: the hospital's time zone (a device setting), never
 * the tablet's own, which may be set to anything. A time shown to people carries the zone's short
 * name, so "10:42 IST" cannot be taken for the tablet's or the server's time.
 */

export interface WallParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

type Instant = Date | string | number;

// Building a DateTimeFormat costs far more than using one; a worklist formats hundreds of rows.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) formats.set(key, (f = make()));
  return f;
}

const toDate = (at: Instant) => (at instanceof Date ? at : new Date(at));
const pad = (n: number) => String(n).padStart(2, '0');

/** The hospital's calendar and wall-clock reading of an instant. */
export function wallParts(at: Instant, timeZone: string): WallParts {
  const f = format(`parts|${timeZone}`, () => new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }));
  const parts = f.formatToParts(toDate(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/**
 * "IST" for Asia/Kolkata; zones without a common abbreviation get their offset ("GMT+4").
 * Indian English names the zones Indian staff know.
 */
export function zoneName(at: Instant, timeZone: string): string {
  const f = format(`zone|${timeZone}`, () => new Intl.DateTimeFormat('en-IN', { timeZone, timeZoneName: 'short' }));
  return f.formatToParts(toDate(at)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

export interface ClockStyle {
  /** Resync runs minutes apart need seconds; people's records do not. */
  seconds?: boolean;
  /** Only a specimen label, too small for it and read only inside the hospital, leaves it out. */
  zone?: boolean;
}

/** "2026-11-26" */
export function hospitalDate(at: Instant, timeZone: string): string {
  const p = wallParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "10:42 IST" */
export function hospitalTime(at: Instant, timeZone: string, style: ClockStyle = {}): string {
  const p = wallParts(at, timeZone);
  const clock = `${pad(p.hour)}:${pad(p.minute)}${style.seconds ? `:${pad(p.second)}` : ''}`;
  return style.zone === false ? clock : `${clock} ${zoneName(at, timeZone)}`;
}

/** "2026-11-26 10:42 IST" */
export function hospitalDateTime(at: Instant, timeZone: string, style: ClockStyle = {}): string {
  return `${hospitalDate(at, timeZone)} ${hospitalTime(at, timeZone, style)}`;
}
