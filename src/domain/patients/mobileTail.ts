/**
 * A mobile number's digits last to first. Patients quote the end of their number ("ends 2345"),
 * and an IndexedDB index finds prefixes only: the end of a number is the prefix of this key.
 */
export const mobileTail = (digits: string): string => [...digits].reverse().join('');

/** Fewer digits than this match too many numbers to be worth a list. */
export const MOBILE_TAIL_MIN = 4;
