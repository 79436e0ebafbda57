import { hospitalDate } from '../time/hospitalClock';

/**
 * The hospital's calendar day of an instant: token numbers restart at local midnight in the
 * hospital's time zone, whatever the tablet's own clock zone is set to.
 */
export const localDay = (at: Date | string, timeZone: string): string => hospitalDate(at, timeZone);
