import { emergencyEn } from '../emergencyEn';

/**
 * The emergency screens.
 * Every key here is in emergency.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  emergency: emergencyEn,
};
