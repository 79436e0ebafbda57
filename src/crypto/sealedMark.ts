/**
 * How a sealed value starts (the version leaves room for another algorithm later). Apart from
 * sealing.ts so that telling a sealed value from a plain one needs none of the cipher code, which
 * loads at a login (issue 15).
 */
export const SEALED_PREFIX = 's1.';

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX);
