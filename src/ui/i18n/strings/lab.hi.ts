import { analyteErrorsHi, analytesHi } from '../analytesHi';
import { labErrorsHi, labHi, labSlipHi } from '../labHi';
import { reportHi, resultsHi } from '../resultsHi';
import type { strings as en } from './lab.en';

/** Hindi: The lab's screens and printouts, results and the analyte editor. */
export const strings: typeof en = {
  lab: labHi,
  labSlip: labSlipHi,
  results: resultsHi,
  analytes: analytesHi,
  labReport: reportHi,
  errors: { ...labErrorsHi, ...analyteErrorsHi },
};
