import { hisEn } from '../hisEn';
import { reconcileEn } from '../reconcileEn';

/**
 * The HIS patient index import and the reconciliation workbench.
 * Every key here is in his.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  his: hisEn,
  reconcile: reconcileEn,
};
