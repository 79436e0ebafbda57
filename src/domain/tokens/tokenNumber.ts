/** <DEPT>-<device>-<nnn>: counted per department, per day, per device, so two tablets never clash. */
export const TOKEN = /^([A-Z]{2,4})-([A-Z0-9]{2,3})-(\d{3,4})$/;
export const MAX_TOKENS_PER_DAY = 9999;

export function formatToken(dept: string, device: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOKENS_PER_DAY) throw new RangeError(`token number ${n} out of range`);
  return `${dept}-${device}-${String(n).padStart(3, '0')}`;
}

/** Token numbers restart every day, so a token is known by its day and number together. */
export const tokenKey = (day: string, token: string) => `${day}/${token}`;
