import { wardsHi } from '../wardsHi';
import type { strings as en } from './wards.en';

/** Hindi: The wards' screens and printouts. */
export const strings: typeof en = {
  wards: wardsHi,
};
