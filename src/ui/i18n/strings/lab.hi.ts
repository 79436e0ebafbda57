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
  errors: {
    ...labErrorsHi,
    ...analyteErrorsHi,
    analyteVersionMissing: 'यह परिणाम एनालाइट संस्करण {{version}} से दर्ज हुआ था, जो अभी इस टैबलेट पर नहीं पहुँचा है: सिंक करें, फिर दोबारा खोलें।',
  },
};
