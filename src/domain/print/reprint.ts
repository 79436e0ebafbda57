/**
 * Print events count copies (1 is the original) so the log says how many left the printer;
 * people count reprints, so the second copy is "REPRINT 1". Null for the original.
 */
export const reprintNumber = (copy: number): number | null => (copy > 1 ? copy - 1 : null);
