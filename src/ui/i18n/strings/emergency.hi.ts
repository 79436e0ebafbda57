import { emergencyHi } from '../emergencyHi';
import type { strings as en } from './emergency.en';

/** Hindi: The emergency screens. */
export const strings: typeof en = {
  emergency: emergencyHi,
};
