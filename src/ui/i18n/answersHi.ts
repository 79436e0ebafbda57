/**
 * Hindi labels of the qualitative analytes' answers (issue 18). The stored value is always the
 * canonical English answer of the analyte catalogue; this is only what a Hindi reader sees beside
 * it. Answers made of codes and symbols (A, AB, +, 1:80) read the same in both and are not listed.
 * Kept out of the i18next dictionaries because the answers themselves (with dots and spaces)
 * are the keys.
 */
export const ANSWERS_HI: Readonly<Record<string, string>> = {
  'Not seen': 'नहीं दिखा',
  'P. vivax seen': 'पी. वाइवैक्स दिखा',
  'P. falciparum seen': 'पी. फाल्सीपेरम दिखा',
  'Mixed infection': 'मिश्रित संक्रमण',
  Negative: 'नेगेटिव',
  'P. vivax positive': 'पी. वाइवैक्स पॉज़िटिव',
  'P. falciparum positive': 'पी. फाल्सीपेरम पॉज़िटिव',
  'Mixed positive': 'मिश्रित पॉज़िटिव',
  Positive: 'पॉज़िटिव',
  'Non-reactive': 'नॉन-रिएक्टिव',
  Reactive: 'रिएक्टिव',
  Indeterminate: 'अनिर्णीत',
  'Pale yellow': 'हल्का पीला',
  Yellow: 'पीला',
  'Dark yellow': 'गहरा पीला',
  Colourless: 'रंगहीन',
  Red: 'लाल',
  Brown: 'भूरा',
  Clear: 'साफ़',
  'Slightly turbid': 'हल्का धुंधला',
  Turbid: 'धुंधला',
  Nil: 'शून्य',
  Trace: 'ट्रेस (अल्प मात्रा)',
  Hyaline: 'हायलिन',
  Granular: 'दानेदार',
  'RBC casts': 'आरबीसी कास्ट',
  'WBC casts': 'डब्ल्यूबीसी कास्ट',
  'Calcium oxalate': 'कैल्शियम ऑक्सलेट',
  'Uric acid': 'यूरिक एसिड',
  'Triple phosphate': 'ट्रिपल फ़ॉस्फ़ेट',
  Amorphous: 'अनाकार',
  'No growth': 'कोई वृद्धि नहीं',
  Growth: 'वृद्धि हुई',
  'No AFB seen': 'एएफ़बी नहीं दिखा',
  Scanty: 'बहुत कम',
  'Blood-stained': 'रक्त-मिश्रित',
  Xanthochromic: 'ज़ैन्थोक्रोमिक (पीलापन)',
  Formed: 'बँधा हुआ',
  'Semi-formed': 'अर्ध-बँधा',
  Loose: 'पतला',
  Watery: 'पानी जैसा',
  'Cysts seen': 'सिस्ट दिखे',
  'Ova seen': 'अंडे (ओवा) दिखे',
  'Trophozoites seen': 'ट्रोफ़ोज़ोइट दिखे',
};

/** An answer as a Hindi reader sees it: its Hindi label, or the answer itself (a code or symbol). */
export const answerHi = (answer: string): string => ANSWERS_HI[answer] ?? answer;

/** Both languages, for what is read in either: "Negative / नेगेटिव" ("A" stays "A"). */
export const answerBoth = (answer: string): string => (ANSWERS_HI[answer] ? `${answer} / ${ANSWERS_HI[answer]}` : answer);

/**
 * The canonical answer for what was typed, when a Hindi label of one of `answers` was typed
 * (or picked) instead; anything else is returned as typed, for the sheet to check.
 */
export function answerFromHindi(typed: string, answers: readonly string[]): string {
  const t = typed.trim();
  return answers.find((a) => ANSWERS_HI[a] === t) ?? typed;
}
