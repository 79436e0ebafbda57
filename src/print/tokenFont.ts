/** Bold capitals and digits of a sans-serif font are at most this wide, in ems. */
const EM_PER_CHAR = 0.68;

/**
 * Font size (mm) that makes a token as big as the slip allows on one line: the number is what a
 * patient compares with the waiting-room display, so it should be legible at arm's length.
 */
export function tokenFontMm(token: string, widthMm: number, maxMm = widthMm / 5): number {
  const fit = widthMm / (Math.max(token.length, 1) * EM_PER_CHAR);
  return Math.round(Math.min(fit, maxMm) * 10) / 10;
}
