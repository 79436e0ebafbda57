import { hisEn } from '../hisEn';

/**
 * The HIS patient index import.
 * Every key here is in his.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  his: hisEn,
};
