import type { Analyte, AnalyteCatalogue, AgeBand, Calculation, ReferenceRange } from './analytes';

type Range = [number | undefined, number | undefined];
interface NumExtra { loinc?: string; crit?: Range; calc?: Calculation; optional?: boolean }

/** The same range for every age band. */
const all = (low?: number, high?: number): ReferenceRange[] =>
  (['adult', 'child', 'newborn'] as const).map((band) => range(band, low, high));
const range = (band: AgeBand, low?: number, high?: number, sex?: 'M' | 'F'): ReferenceRange =>
  ({ band, ...(sex ? { sex } : {}), ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) });
const bySex = (band: AgeBand, male: Range, female: Range): ReferenceRange[] =>
  [range(band, male[0], male[1], 'M'), range(band, female[0], female[1], 'F')];

function num(code: string, name: string, nameHi: string, unit: string, decimals: number, limits: [number, number], ranges: ReferenceRange[], x: NumExtra = {}): Analyte {
  return {
    code, name, nameHi, kind: 'number', unit, decimals, min: limits[0], max: limits[1], ranges,
    ...(x.loinc ? { loinc: x.loinc } : {}),
    ...(x.crit?.[0] !== undefined ? { criticalLow: x.crit[0] } : {}),
    ...(x.crit?.[1] !== undefined ? { criticalHigh: x.crit[1] } : {}),
    ...(x.calc ? { calc: x.calc } : {}),
    ...(x.optional ? { optional: true } : {}),
  };
}
function choice(code: string, name: string, nameHi: string, answers: string[], normal: string[], x: { loinc?: string; optional?: boolean } = {}): Analyte {
  return { code, name, nameHi, kind: 'choice', answers, normal, ...(x.loinc ? { loinc: x.loinc } : {}), ...(x.optional ? { optional: true } : {}) };
}
function free(code: string, name: string, nameHi: string, x: { loinc?: string; optional?: boolean } = {}): Analyte {
  return { code, name, nameHi, kind: 'text', ...(x.loinc ? { loinc: x.loinc } : {}), ...(x.optional ? { optional: true } : {}) };
}

const GRADES = ['Nil', 'Trace', '+', '++', '+++', '++++'];
const NEG_POS = ['Negative', 'Positive'];
const REACTIVE = ['Non-reactive', 'Reactive', 'Indeterminate'];
const TITRES = ['<1:20', '1:20', '1:40', '1:80', '1:160', '1:320', '1:640'];

const hb = num('HB', 'Haemoglobin', 'हीमोग्लोबिन', 'g/dL', 1, [1, 25],
  [...bySex('adult', [13, 17], [12, 15]), range('child', 11, 14.5), range('newborn', 14, 22)], { loinc: '718-7', crit: [7, 20] });

const glucose = (loinc: string, high: number) => [num('GLU', 'Glucose', 'ग्लूकोज़', 'mg/dL', 0, [5, 2000],
  [range('adult', 70, high), range('child', 60, high), range('newborn', 40, 90)], { loinc, crit: [40, 450] })];

const culture = (loinc?: string) => [
  choice('GROWTH', 'Growth', 'वृद्धि', ['No growth', 'Growth'], ['No growth'], loinc ? { loinc } : {}),
  free('ORG', 'Organism isolated', 'पृथक जीवाणु', { optional: true }),
  free('SENS', 'Sensitivity', 'संवेदनशीलता', { optional: true }),
];

/**
 * The built-in analytes: commonly used units, LOINC codes and adult, child and newborn reference
 * ranges as printed by Indian hospital labs. Each lab checks them against its own analysers and
 * publishes its own version; a report shows the ranges of the version it was made with. BASE-1
 * is frozen (a unit test pins it): change it by publishing a new version, never here.
 */
export const DEFAULT_ANALYTES: AnalyteCatalogue = {
  version: 'BASE-1',
  tests: {
    CBC: [
      hb,
      num('RBC', 'RBC count', 'आरबीसी गणना', '10^6/µL', 2, [0.5, 10],
        [...bySex('adult', [4.5, 5.5], [3.8, 4.8]), range('child', 4, 5.2), range('newborn', 4, 6.6)], { loinc: '789-8' }),
      num('HCT', 'Haematocrit (PCV)', 'हीमैटोक्रिट (पीसीवी)', '%', 1, [5, 75],
        [...bySex('adult', [40, 50], [36, 46]), range('child', 35, 45), range('newborn', 45, 65)], { loinc: '4544-3', crit: [20, 60] }),
      num('MCV', 'MCV', 'एमसीवी', 'fL', 1, [40, 150], [range('adult', 83, 101), range('child', 77, 95), range('newborn', 95, 121)], { loinc: '787-2' }),
      num('MCH', 'MCH', 'एमसीएच', 'pg', 1, [10, 60], [range('adult', 27, 32), range('child', 25, 33), range('newborn', 31, 37)], { loinc: '785-6' }),
      num('MCHC', 'MCHC', 'एमसीएचसी', 'g/dL', 1, [20, 45], all(31.5, 34.5), { loinc: '786-4' }),
      num('RDW', 'RDW-CV', 'आरडीडब्ल्यू', '%', 1, [5, 40], all(11.6, 14), { loinc: '788-0', optional: true }),
      num('WBC', 'Total leucocyte count', 'कुल श्वेत रक्त कोशिका गणना', '10^3/µL', 2, [0, 500],
        [range('adult', 4, 10), range('child', 5, 15), range('newborn', 9, 30)], { loinc: '6690-2', crit: [2, 30] }),
      num('NEUT', 'Neutrophils', 'न्यूट्रोफ़िल', '%', 0, [0, 100], [range('adult', 40, 80), range('child', 25, 60), range('newborn', 40, 80)], { loinc: '770-8' }),
      num('LYMPH', 'Lymphocytes', 'लिम्फ़ोसाइट', '%', 0, [0, 100], [range('adult', 20, 40), range('child', 30, 70), range('newborn', 20, 40)], { loinc: '736-9' }),
      num('MONO', 'Monocytes', 'मोनोसाइट', '%', 0, [0, 100], all(2, 10), { loinc: '5905-5' }),
      num('EOS', 'Eosinophils', 'इओसिनोफ़िल', '%', 0, [0, 100], all(1, 6), { loinc: '713-8' }),
      num('BASO', 'Basophils', 'बेसोफ़िल', '%', 0, [0, 100], all(0, 2), { loinc: '706-2' }),
      num('ANC', 'Absolute neutrophil count', 'निरपेक्ष न्यूट्रोफ़िल गणना', '10^3/µL', 2, [0, 500],
        [range('adult', 2, 7), range('child', 1.5, 8), range('newborn', 6, 26)], { loinc: '751-8', crit: [0.5, undefined], calc: 'absNeutrophils' }),
      num('ALC', 'Absolute lymphocyte count', 'निरपेक्ष लिम्फ़ोसाइट गणना', '10^3/µL', 2, [0, 500],
        [range('adult', 1, 3), range('child', 1.5, 7), range('newborn', 2, 11)], { loinc: '731-0', calc: 'absLymphocytes' }),
      num('AMC', 'Absolute monocyte count', 'निरपेक्ष मोनोसाइट गणना', '10^3/µL', 2, [0, 500], all(0.2, 1), { loinc: '742-7', calc: 'absMonocytes' }),
      num('AEC', 'Absolute eosinophil count', 'निरपेक्ष इओसिनोफ़िल गणना', '10^3/µL', 2, [0, 500], all(0.02, 0.5), { loinc: '711-2', calc: 'absEosinophils' }),
      num('PLT', 'Platelet count', 'प्लेटलेट गणना', '10^3/µL', 0, [0, 2000], all(150, 410), { loinc: '777-3', crit: [20, 1000] }),
    ],
    HB: [hb],
    ESR: [num('ESR', 'ESR (Westergren)', 'ई.एस.आर.', 'mm/h', 0, [0, 150],
      [...bySex('adult', [0, 15], [0, 20]), range('child', 0, 10), range('newborn', 0, 2)], { loinc: '4537-7' })],
    PS: [free('PS', 'Peripheral smear', 'पेरिफेरल स्मीयर')],
    RETIC: [num('RETIC', 'Reticulocytes', 'रेटिकुलोसाइट', '%', 1, [0, 50], [range('adult', 0.5, 2.5), range('child', 0.5, 2.5), range('newborn', 2, 6)], { loinc: '4679-7' })],
    MP: [
      choice('SMEAR', 'Smear for malaria parasite', 'मलेरिया परजीवी स्मीयर', ['Not seen', 'P. vivax seen', 'P. falciparum seen', 'Mixed infection'], ['Not seen']),
      choice('RDT', 'Malaria rapid antigen', 'मलेरिया त्वरित जाँच', ['Negative', 'P. vivax positive', 'P. falciparum positive', 'Mixed positive'], ['Negative'], { optional: true }),
    ],
    BGRH: [
      choice('ABO', 'ABO group', 'एबीओ समूह', ['A', 'B', 'AB', 'O'], ['A', 'B', 'AB', 'O'], { loinc: '883-9' }),
      choice('RH', 'Rh (D) type', 'आरएच (डी) प्रकार', ['Positive', 'Negative'], ['Positive', 'Negative'], { loinc: '10331-7' }),
    ],
    HBA1C: [num('HBA1C', 'HbA1c', 'एचबीए1सी', '%', 1, [2, 20], all(4, 5.6), { loinc: '4548-4' })],
    PT: [
      num('PT', 'Prothrombin time', 'प्रोथ्रोम्बिन समय', 's', 1, [5, 150], all(11, 13.5), { loinc: '5902-2' }),
      num('INR', 'INR', 'आईएनआर', 'ratio', 2, [0.5, 15], all(0.8, 1.2), { loinc: '6301-6', crit: [undefined, 5] }),
    ],
    APTT: [num('APTT', 'APTT', 'ए.पी.टी.टी.', 's', 1, [10, 200], all(25, 35), { loinc: '14979-9', crit: [undefined, 100] })],
    DDIM: [num('DDIM', 'D-dimer', 'डी-डाइमर', 'µg/mL FEU', 2, [0, 100], all(0, 0.5), { loinc: '48065-7' })],
    FIB: [num('FIB', 'Fibrinogen', 'फाइब्रिनोजन', 'mg/dL', 0, [10, 2000], all(200, 400), { loinc: '3255-7', crit: [100, undefined] })],
    FBS: glucose('1558-6', 99),
    PPBS: glucose('1521-0', 140),
    RBS: glucose('2345-7', 140),
    LACT: [num('LACT', 'Lactate', 'लैक्टेट', 'mmol/L', 1, [0, 30], all(0.5, 2.2), { loinc: '2524-7', crit: [undefined, 4] })],
    LFT: [
      num('TBIL', 'Bilirubin, total', 'कुल बिलीरुबिन', 'mg/dL', 1, [0, 50], [range('adult', 0.3, 1.2), range('child', 0.3, 1.2), range('newborn', 1, 12)], { loinc: '1975-2', crit: [undefined, 15] }),
      num('DBIL', 'Bilirubin, direct', 'प्रत्यक्ष बिलीरुबिन', 'mg/dL', 1, [0, 40], all(0, 0.3), { loinc: '1968-7' }),
      num('IBIL', 'Bilirubin, indirect', 'अप्रत्यक्ष बिलीरुबिन', 'mg/dL', 1, [0, 50], all(0.2, 0.9), { loinc: '1971-1', calc: 'indirectBilirubin' }),
      num('AST', 'AST (SGOT)', 'एएसटी (एसजीओटी)', 'U/L', 0, [0, 20000], [range('adult', 0, 40), range('child', 0, 50), range('newborn', 0, 100)], { loinc: '1920-8' }),
      num('ALT', 'ALT (SGPT)', 'एएलटी (एसजीपीटी)', 'U/L', 0, [0, 20000], [range('adult', 0, 40), range('child', 0, 40), range('newborn', 0, 60)], { loinc: '1742-6' }),
      num('ALP', 'Alkaline phosphatase', 'एल्कलाइन फ़ॉस्फ़ेटेज़', 'U/L', 0, [0, 5000], [range('adult', 40, 130), range('child', 100, 400), range('newborn', 150, 420)], { loinc: '6768-6' }),
      num('TP', 'Total protein', 'कुल प्रोटीन', 'g/dL', 1, [1, 15], [range('adult', 6, 8.3), range('child', 6, 8), range('newborn', 4.6, 7)], { loinc: '2885-2' }),
      num('ALB', 'Albumin', 'एल्ब्यूमिन', 'g/dL', 1, [0.5, 7], [range('adult', 3.5, 5.2), range('child', 3.5, 5.2), range('newborn', 2.8, 4.4)], { loinc: '1751-7' }),
      num('GLOB', 'Globulin', 'ग्लोब्युलिन', 'g/dL', 1, [0, 14], all(2, 3.5), { loinc: '10834-0', calc: 'globulin' }),
      num('AGR', 'A/G ratio', 'ए/जी अनुपात', 'ratio', 2, [0, 50], all(1, 2.2), { loinc: '1759-0', calc: 'agRatio' }),
      num('GGT', 'GGT', 'जीजीटी', 'U/L', 0, [0, 5000], bySex('adult', [10, 71], [6, 42]), { loinc: '2324-2', optional: true }),
    ],
    KFT: [
      num('UREA', 'Urea', 'यूरिया', 'mg/dL', 0, [1, 500], [range('adult', 15, 45), range('child', 10, 40), range('newborn', 3, 25)], { loinc: '3091-6', crit: [undefined, 200] }),
      num('CREAT', 'Creatinine', 'क्रिएटिनिन', 'mg/dL', 2, [0.05, 30], [...bySex('adult', [0.7, 1.3], [0.6, 1.1]), range('child', 0.3, 0.7), range('newborn', 0.3, 1)], { loinc: '2160-0', crit: [undefined, 10] }),
    ],
    ELEC: [
      num('NA', 'Sodium', 'सोडियम', 'mmol/L', 0, [80, 200], all(135, 145), { loinc: '2951-2', crit: [120, 160] }),
      num('K', 'Potassium', 'पोटैशियम', 'mmol/L', 1, [1, 12], [range('adult', 3.5, 5.1), range('child', 3.5, 5.1), range('newborn', 3.7, 5.9)], { loinc: '2823-3', crit: [2.8, 6.2] }),
      num('CL', 'Chloride', 'क्लोराइड', 'mmol/L', 0, [50, 150], all(98, 107), { loinc: '2075-0' }),
    ],
    LIPID: [
      num('CHOL', 'Cholesterol, total', 'कुल कोलेस्ट्रॉल', 'mg/dL', 0, [30, 1000], [range('adult', undefined, 200), range('child', undefined, 170)], { loinc: '2093-3' }),
      num('TG', 'Triglycerides', 'ट्राइग्लिसराइड', 'mg/dL', 0, [10, 10000], [range('adult', undefined, 150), range('child', undefined, 90)], { loinc: '2571-8' }),
      num('HDL', 'HDL cholesterol', 'एचडीएल कोलेस्ट्रॉल', 'mg/dL', 0, [5, 200], [...bySex('adult', [40, undefined], [50, undefined]), range('child', 45)], { loinc: '2085-9' }),
      num('LDL', 'LDL cholesterol (Friedewald)', 'एलडीएल कोलेस्ट्रॉल (फ्रीडवाल्ड)', 'mg/dL', 0, [0, 1000], [range('adult', undefined, 130), range('child', undefined, 110)], { loinc: '13457-7', calc: 'ldlFriedewald' }),
      num('VLDL', 'VLDL cholesterol', 'वीएलडीएल कोलेस्ट्रॉल', 'mg/dL', 0, [0, 2000], all(undefined, 30), { loinc: '13458-5', calc: 'vldl' }),
    ],
    UA: [num('URIC', 'Uric acid', 'यूरिक एसिड', 'mg/dL', 1, [0.1, 30], [...bySex('adult', [3.4, 7], [2.4, 5.7]), range('child', 2, 5.5), range('newborn', 2, 5.5)], { loinc: '3084-1' })],
    CA: [num('CA', 'Calcium, total', 'कुल कैल्शियम', 'mg/dL', 1, [1, 20], [range('adult', 8.6, 10.2), range('child', 8.8, 10.8), range('newborn', 7.6, 10.4)], { loinc: '17861-6', crit: [6.5, 13] })],
    AMY: [
      num('AMYL', 'Amylase', 'एमाइलेज़', 'U/L', 0, [0, 10000], all(28, 100), { loinc: '1798-8' }),
      num('LIPASE', 'Lipase', 'लाइपेज़', 'U/L', 0, [0, 10000], all(13, 60), { loinc: '3040-3' }),
    ],
    CRP: [num('CRP', 'C-reactive protein', 'सी-रिएक्टिव प्रोटीन', 'mg/L', 1, [0, 600], all(0, 5), { loinc: '1988-5' })],
    TROP: [num('TROPI', 'Troponin I', 'ट्रोपोनिन आई', 'ng/mL', 3, [0, 500], all(0, 0.04), { loinc: '10839-9', crit: [undefined, 0.1] })],
    TFT: [
      num('T3', 'T3, total', 'टी3', 'ng/mL', 2, [0, 10], [range('adult', 0.8, 2), range('child', 0.8, 2.1), range('newborn', 0.7, 2.6)], { loinc: '3053-6' }),
      num('T4', 'T4, total', 'टी4', 'µg/dL', 1, [0, 40], [range('adult', 5.1, 14.1), range('child', 5.9, 13.2), range('newborn', 10, 22)], { loinc: '3026-2' }),
      num('TSH', 'TSH', 'टीएसएच', 'µIU/mL', 2, [0, 500], [range('adult', 0.27, 4.2), range('child', 0.7, 6), range('newborn', 1, 20)], { loinc: '3016-3' }),
    ],
    BHCG: [num('BHCG', 'Beta-hCG', 'बीटा एचसीजी', 'mIU/mL', 0, [0, 2_000_000], all(0, 5), { loinc: '21198-7' })],
    ABG: [
      num('PH', 'pH', 'पीएच', 'pH', 2, [6.5, 8], all(7.35, 7.45), { loinc: '2744-1', crit: [7.2, 7.6] }),
      num('PCO2', 'pCO2', 'पीसीओ2', 'mmHg', 0, [5, 200], all(35, 45), { loinc: '2019-8', crit: [20, 70] }),
      num('PO2', 'pO2', 'पीओ2', 'mmHg', 0, [10, 700], all(80, 100), { loinc: '2703-7', crit: [40, undefined] }),
      num('HCO3', 'Bicarbonate', 'बाइकार्बोनेट', 'mmol/L', 1, [1, 60], all(22, 26), { loinc: '1960-4', crit: [10, 40] }),
      num('BE', 'Base excess', 'बेस एक्सेस', 'mmol/L', 1, [-40, 40], all(-2, 2), { loinc: '1925-7', optional: true }),
      num('SAO2', 'O2 saturation', 'ऑक्सीजन संतृप्ति', '%', 0, [20, 100], all(95, 100), { loinc: '2708-6', optional: true }),
    ],
    HIV: [choice('HIV', 'HIV 1 and 2 antibodies', 'एचआईवी 1 और 2 एंटीबॉडी', REACTIVE, ['Non-reactive'])],
    HBSAG: [choice('HBSAG', 'HBsAg', 'एचबीएसएजी', REACTIVE, ['Non-reactive'], { loinc: '5196-1' })],
    HCV: [choice('HCV', 'Anti-HCV', 'एंटी-एचसीवी', REACTIVE, ['Non-reactive'], { loinc: '13955-0' })],
    VDRL: [choice('VDRL', 'VDRL', 'वी.डी.आर.एल.', ['Non-reactive', 'Reactive'], ['Non-reactive'], { loinc: '5292-8' })],
    WIDAL: [
      choice('TO', 'S. Typhi O', 'एस. टाइफ़ी ओ', TITRES, ['<1:20', '1:20', '1:40', '1:80']),
      choice('TH', 'S. Typhi H', 'एस. टाइफ़ी एच', TITRES, ['<1:20', '1:20', '1:40', '1:80']),
      choice('AH', 'S. Paratyphi AH', 'एस. पैराटाइफ़ी एएच', TITRES, ['<1:20', '1:20', '1:40', '1:80'], { optional: true }),
      choice('BH', 'S. Paratyphi BH', 'एस. पैराटाइफ़ी बीएच', TITRES, ['<1:20', '1:20', '1:40', '1:80'], { optional: true }),
    ],
    DENG: [
      choice('NS1', 'Dengue NS1 antigen', 'डेंगू एनएस1 एंटीजन', NEG_POS, ['Negative']),
      choice('IGM', 'Dengue IgM', 'डेंगू आईजीएम', NEG_POS, ['Negative']),
    ],
    RAF: [num('RF', 'Rheumatoid factor', 'रूमेटॉइड फ़ैक्टर', 'IU/mL', 0, [0, 1000], all(0, 14), { loinc: '11572-5' })],
    ASO: [num('ASO', 'ASO titre', 'ए.एस.ओ. टाइटर', 'IU/mL', 0, [0, 3000], [range('adult', 0, 200), range('child', 0, 250), range('newborn', 0, 200)], { loinc: '5370-2' })],
    URM: [
      choice('COLOUR', 'Colour', 'रंग', ['Pale yellow', 'Yellow', 'Dark yellow', 'Colourless', 'Red', 'Brown'], ['Pale yellow', 'Yellow'], { loinc: '5778-6' }),
      choice('APPEAR', 'Appearance', 'रूप', ['Clear', 'Slightly turbid', 'Turbid'], ['Clear'], { loinc: '5767-9' }),
      num('SG', 'Specific gravity', 'विशिष्ट गुरुत्व', '', 3, [1, 1.06], all(1.005, 1.03), { loinc: '5811-5' }),
      num('PH', 'pH', 'पीएच', 'pH', 1, [4, 9.5], all(4.5, 8), { loinc: '5803-2' }),
      choice('PROT', 'Protein (albumin)', 'प्रोटीन (एल्ब्यूमिन)', GRADES, ['Nil'], { loinc: '20454-5' }),
      choice('SUGAR', 'Sugar', 'शर्करा', GRADES, ['Nil'], { loinc: '25428-4' }),
      choice('KET', 'Ketones', 'कीटोन', GRADES.slice(0, 5), ['Nil'], { loinc: '2514-8' }),
      choice('BLOOD', 'Blood', 'रक्त', GRADES.slice(0, 5), ['Nil'], { loinc: '5794-3' }),
      choice('BILE', 'Bile pigments', 'पित्त वर्णक', NEG_POS, ['Negative'], { loinc: '5770-3' }),
      num('PUS', 'Pus cells', 'मवाद कोशिकाएँ', '/hpf', 0, [0, 500], all(0, 5), { loinc: '5821-4' }),
      num('RBC', 'Red cells', 'लाल रक्त कोशिकाएँ', '/hpf', 0, [0, 500], all(0, 2), { loinc: '13945-1' }),
      num('EPI', 'Epithelial cells', 'उपकला कोशिकाएँ', '/hpf', 0, [0, 500], all(0, 5), { optional: true }),
      choice('CAST', 'Casts', 'कास्ट', ['Not seen', 'Hyaline', 'Granular', 'RBC casts', 'WBC casts'], ['Not seen', 'Hyaline'], { optional: true }),
      choice('CRYST', 'Crystals', 'क्रिस्टल', ['Not seen', 'Calcium oxalate', 'Uric acid', 'Triple phosphate', 'Amorphous'], ['Not seen'], { optional: true }),
    ],
    UPT: [choice('HCG', 'Urine hCG', 'मूत्र एचसीजी', NEG_POS, NEG_POS, { loinc: '2106-3' })],
    UACR: [num('ACR', 'Albumin-creatinine ratio', 'एल्ब्यूमिन-क्रिएटिनिन अनुपात', 'mg/g', 0, [0, 10000], all(0, 30), { loinc: '9318-7' })],
    BCS: culture('600-7'),
    UCS: culture('630-4'),
    SPCS: culture('622-1'),
    PUSCS: culture(),
    THRCS: culture('626-2'),
    AFB: [choice('AFB', 'AFB (ZN stain)', 'एएफबी (जेडएन स्टेन)', ['No AFB seen', 'Scanty', '1+', '2+', '3+'], ['No AFB seen'], { loinc: '11545-1' })],
    CSF: [
      choice('APPEAR', 'Appearance', 'रूप', ['Clear', 'Turbid', 'Blood-stained', 'Xanthochromic'], ['Clear']),
      num('CELLS', 'Cell count', 'कोशिका गणना', 'cells/µL', 0, [0, 100000], [range('adult', 0, 5), range('child', 0, 5), range('newborn', 0, 30)], { loinc: '26465-5' }),
      num('PROT', 'Protein', 'प्रोटीन', 'mg/dL', 0, [0, 2000], [range('adult', 15, 45), range('child', 15, 45), range('newborn', 20, 150)], { loinc: '2880-3' }),
      num('GLU', 'Glucose', 'ग्लूकोज़', 'mg/dL', 0, [0, 500], all(40, 70), { loinc: '2342-4', crit: [20, undefined] }),
      free('GRAM', 'Gram stain', 'ग्राम स्टेन'),
      free('CULT', 'Culture', 'कल्चर', { optional: true }),
    ],
    FLCS: [
      num('CELLS', 'Cell count', 'कोशिका गणना', 'cells/µL', 0, [0, 1_000_000], []),
      num('PROT', 'Protein', 'प्रोटीन', 'g/dL', 1, [0, 10], [], { optional: true }),
      num('GLU', 'Glucose', 'ग्लूकोज़', 'mg/dL', 0, [0, 1000], [], { optional: true }),
      free('GRAM', 'Gram stain', 'ग्राम स्टेन', { optional: true }),
      free('CULT', 'Culture', 'कल्चर', { optional: true }),
    ],
    STOOL: [
      choice('CONS', 'Consistency', 'गाढ़ापन', ['Formed', 'Semi-formed', 'Loose', 'Watery'], ['Formed', 'Semi-formed']),
      choice('OVA', 'Ova and cysts', 'अंडे और सिस्ट', ['Not seen', 'Cysts seen', 'Ova seen', 'Trophozoites seen'], ['Not seen']),
      choice('OB', 'Occult blood', 'गुप्त रक्त', NEG_POS, ['Negative'], { loinc: '2335-8' }),
      num('PUS', 'Pus cells', 'मवाद कोशिकाएँ', '/hpf', 0, [0, 500], all(0, 5), { optional: true }),
    ],
  },
};
