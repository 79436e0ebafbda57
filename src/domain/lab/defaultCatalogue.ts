import type { Catalogue, LabTest } from './catalogue';
import type { Container, Sample, Section } from './containers';

// Apart from the catalogue's schemas (catalogue.ts), which every device's event log loads: the
// built-in tests are for the lab's screens and the export only (issue 15).

const t = (code: string, name: string, nameHi: string, section: Section, sample: Sample, container: Container, separate?: boolean): LabTest =>
  ({ code, name, nameHi, section, sample, container, ...(separate ? { separate } : {}) });

/**
 * The built-in catalogue: tests that most Indian hospital labs run every day. It is version
 * BASE-1 and frozen (a unit test pins it): change it by publishing a new version, never here.
 */
export const DEFAULT_CATALOGUE: Catalogue = {
  version: 'BASE-1',
  tests: [
    t('CBC', 'Complete blood count', 'पूर्ण रक्त गणना', 'haematology', 'wholeBlood', 'EDTA'),
    t('HB', 'Haemoglobin', 'हीमोग्लोबिन', 'haematology', 'wholeBlood', 'EDTA'),
    t('ESR', 'Erythrocyte sedimentation rate', 'ई.एस.आर.', 'haematology', 'wholeBlood', 'EDTA'),
    t('PS', 'Peripheral blood smear', 'पेरिफेरल स्मीयर', 'haematology', 'wholeBlood', 'EDTA'),
    t('RETIC', 'Reticulocyte count', 'रेटिकुलोसाइट गणना', 'haematology', 'wholeBlood', 'EDTA'),
    t('MP', 'Malaria parasite (smear and rapid test)', 'मलेरिया परजीवी जाँच', 'haematology', 'wholeBlood', 'EDTA'),
    t('BGRH', 'Blood group and Rh type', 'रक्त समूह और आरएच', 'haematology', 'wholeBlood', 'EDTA'),
    t('HBA1C', 'Glycated haemoglobin (HbA1c)', 'एचबीए1सी', 'biochemistry', 'wholeBlood', 'EDTA'),
    t('PT', 'Prothrombin time with INR', 'प्रोथ्रोम्बिन समय (आईएनआर)', 'coagulation', 'plasma', 'CITR'),
    t('APTT', 'Activated partial thromboplastin time', 'ए.पी.टी.टी.', 'coagulation', 'plasma', 'CITR'),
    t('DDIM', 'D-dimer', 'डी-डाइमर', 'coagulation', 'plasma', 'CITR'),
    t('FIB', 'Fibrinogen', 'फाइब्रिनोजन', 'coagulation', 'plasma', 'CITR'),
    t('FBS', 'Fasting blood sugar', 'खाली पेट रक्त शर्करा', 'biochemistry', 'plasma', 'FLUOR', true),
    t('PPBS', 'Post-prandial blood sugar (2 h)', 'भोजन के बाद रक्त शर्करा', 'biochemistry', 'plasma', 'FLUOR', true),
    t('RBS', 'Random blood sugar', 'रैंडम रक्त शर्करा', 'biochemistry', 'plasma', 'FLUOR'),
    t('LACT', 'Lactate', 'लैक्टेट', 'biochemistry', 'plasma', 'FLUOR'),
    t('LFT', 'Liver function tests', 'यकृत कार्य परीक्षण', 'biochemistry', 'serum', 'PLAIN'),
    t('KFT', 'Kidney function tests (urea, creatinine)', 'गुर्दा कार्य परीक्षण', 'biochemistry', 'serum', 'PLAIN'),
    t('ELEC', 'Serum electrolytes (Na, K, Cl)', 'सीरम इलेक्ट्रोलाइट', 'biochemistry', 'serum', 'PLAIN'),
    t('LIPID', 'Lipid profile', 'लिपिड प्रोफ़ाइल', 'biochemistry', 'serum', 'PLAIN'),
    t('UA', 'Serum uric acid', 'यूरिक एसिड', 'biochemistry', 'serum', 'PLAIN'),
    t('CA', 'Serum calcium', 'सीरम कैल्शियम', 'biochemistry', 'serum', 'PLAIN'),
    t('AMY', 'Serum amylase and lipase', 'एमाइलेज़ और लाइपेज़', 'biochemistry', 'serum', 'PLAIN'),
    t('CRP', 'C-reactive protein', 'सी-रिएक्टिव प्रोटीन', 'biochemistry', 'serum', 'PLAIN'),
    t('TROP', 'Troponin I', 'ट्रोपोनिन आई', 'biochemistry', 'serum', 'PLAIN'),
    t('TFT', 'Thyroid profile (T3, T4, TSH)', 'थायरॉइड प्रोफ़ाइल', 'hormones', 'serum', 'PLAIN'),
    t('BHCG', 'Serum beta-hCG', 'बीटा एचसीजी', 'hormones', 'serum', 'PLAIN'),
    t('ABG', 'Arterial blood gas', 'धमनी रक्त गैस', 'biochemistry', 'arterialBlood', 'HEP', true),
    t('HIV', 'HIV 1 and 2 antibodies', 'एचआईवी जाँच', 'serology', 'serum', 'PLAIN'),
    t('HBSAG', 'Hepatitis B surface antigen', 'हेपेटाइटिस बी (एचबीएसएजी)', 'serology', 'serum', 'PLAIN'),
    t('HCV', 'Hepatitis C antibodies', 'हेपेटाइटिस सी', 'serology', 'serum', 'PLAIN'),
    t('VDRL', 'VDRL (syphilis)', 'वी.डी.आर.एल.', 'serology', 'serum', 'PLAIN'),
    t('WIDAL', 'Widal test (typhoid)', 'विडाल (टाइफ़ाइड)', 'serology', 'serum', 'PLAIN'),
    t('DENG', 'Dengue NS1 antigen and IgM', 'डेंगू एनएस1 और आईजीएम', 'serology', 'serum', 'PLAIN'),
    t('RAF', 'Rheumatoid factor', 'रूमेटॉइड फ़ैक्टर', 'serology', 'serum', 'PLAIN'),
    t('ASO', 'Anti-streptolysin O', 'ए.एस.ओ.', 'serology', 'serum', 'PLAIN'),
    t('URM', 'Urine routine and microscopy', 'मूत्र नियमित जाँच', 'urine', 'urine', 'URINE'),
    t('UPT', 'Urine pregnancy test', 'मूत्र गर्भावस्था जाँच', 'urine', 'urine', 'URINE'),
    t('UACR', 'Urine albumin-creatinine ratio', 'मूत्र एल्ब्यूमिन-क्रिएटिनिन अनुपात', 'urine', 'urine', 'URINE'),
    t('BCS', 'Blood culture and sensitivity', 'रक्त कल्चर', 'microbiology', 'wholeBlood', 'BCB', true),
    t('UCS', 'Urine culture and sensitivity', 'मूत्र कल्चर', 'microbiology', 'urine', 'STER'),
    t('SPCS', 'Sputum culture and sensitivity', 'बलगम कल्चर', 'microbiology', 'sputum', 'STER'),
    t('AFB', 'Sputum AFB smear (ZN stain)', 'बलगम एएफबी जाँच', 'microbiology', 'sputum', 'STER'),
    t('CSF', 'CSF routine, Gram stain and culture', 'सीएसएफ जाँच और कल्चर', 'microbiology', 'csf', 'STER'),
    t('FLCS', 'Body fluid analysis and culture', 'शरीर द्रव जाँच और कल्चर', 'microbiology', 'fluid', 'STER'),
    t('PUSCS', 'Pus culture and sensitivity', 'मवाद कल्चर', 'microbiology', 'pus', 'SWAB'),
    t('THRCS', 'Throat swab culture', 'गले के स्वाब का कल्चर', 'microbiology', 'swab', 'SWAB'),
    t('STOOL', 'Stool routine and occult blood', 'मल नियमित जाँच', 'microbiology', 'stool', 'STOOL'),
  ],
};
