import { hisHi } from '../hisHi';
import { reconcileHi } from '../reconcileHi';
import type { strings as en } from './his.en';

/** Hindi: The HIS patient index import. */
export const strings: typeof en = {
  his: hisHi,
  reconcile: reconcileHi,
};
