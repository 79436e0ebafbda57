import { wardsEn } from '../wardsEn';

/**
 * The wards' screens and printouts.
 * Every key here is in wards.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  wards: wardsEn,
};
