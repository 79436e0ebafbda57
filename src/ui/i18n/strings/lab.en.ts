import { analyteErrorsEn, analytesEn } from '../analytesEn';
import { labEn, labErrorsEn, labSlipEn } from '../labEn';
import { reportEn, resultsEn } from '../resultsEn';

/**
 * The lab's screens and printouts, results and the analyte editor.
 * Every key here is in lab.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  lab: labEn,
  labSlip: labSlipEn,
  results: resultsEn,
  analytes: analytesEn,
  labReport: reportEn,
  errors: {
    ...labErrorsEn,
    ...analyteErrorsEn,
    analyteVersionMissing: 'This result was entered with analyte version {{version}}, which has not reached this tablet yet: resync, then open it again.',
  },
};
