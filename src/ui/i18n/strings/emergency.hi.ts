import { emergencyHi } from '../emergencyHi';
import type { strings as en } from './emergency.en';

/** Hindi: The emergency screens. */
export const strings: typeof en = {
  emergency: emergencyHi,
  errors: {
    arrival: 'मरीज़ कैसे आया, चुनें।',
    triage: 'ट्राइएज श्रेणी चुनें।',
    disposition: 'आगे का निर्णय चुनें।',
    visitClosed: 'इस विज़िट का निर्णय पहले ही दर्ज है।',
    visitAlreadyOpen: 'इस मरीज़ की आपातकालीन विज़िट {{visit}} अभी खुली है: उसी में ट्राइएज या निर्णय दर्ज करें।',
  },
};
