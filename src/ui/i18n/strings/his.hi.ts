import { hisHi } from '../hisHi';
import type { strings as en } from './his.en';

/** Hindi: The HIS patient index import. */
export const strings: typeof en = {
  his: hisHi,
};
