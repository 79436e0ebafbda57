import { hisHi } from '../hisHi';
import { reconcileHi } from '../reconcileHi';
import type { strings as en } from './his.en';

/** Hindi: The HIS patient index import. */
export const strings: typeof en = {
  his: hisHi,
  reconcile: reconcileHi,
  errors: {
    noEarlierDownload: 'इस उपकरण के किसी डाउनलोड की पुष्टि नहीं हुई कि HIS ने उसे ले लिया है: पहले सब कुछ डाउनलोड करें।',
    notPendingDownload: 'यह फ़ाइल पुष्टि की प्रतीक्षा में नहीं है (पहले ही पुष्ट, या बाद में पुष्ट हुई फ़ाइल से पुरानी): वह फ़ाइल पुष्टि करें जो अभी ली न गई के रूप में सूचीबद्ध है।',
    notReaderDevice: 'यह केवल प्रशासक का उपकरण, सभी टैबलेट के रिकॉर्ड खींचने के बाद, दर्ज कर सकता है।',
    uhidNotInIndex: 'यह UHID इस उपकरण की HIS सूची में नहीं है।',
    alreadyDecided: 'इस मरीज़ का निर्णय हो चुका है: पहले वह निर्णय वापस लें।',
    mergeItself: 'किसी मरीज़ को उसी में नहीं मिलाया जा सकता।',
    mergeCycle: 'वह मरीज़ पहले से इसमें मिलाया गया है: उलटा मिलाने से चक्र बन जाएगा।',
    nothingToUndo: 'वह निर्णय लागू नहीं है (शायद पहले ही वापस लिया गया)।',
    uhidColumn: 'UHID वाला कॉलम चुनें।',
    nameColumn: 'नाम वाला कॉलम चुनें।',
    sameColumn: 'एक ही कॉलम दो जगह चुना गया है।',
    hisMapping: 'पहले कॉलम चुनें।',
    hisStagedGone: 'पहले पढ़ी गई फ़ाइल अब नहीं है (किसी दूसरे आयात ने उसे बदल दिया): उसे फिर से पढ़ें।',
  },
};
