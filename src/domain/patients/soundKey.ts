/**
 * A name word's sound in plain Latin letters, the same whether the clerk typed it in Devanagari
 * or in Latin letters: सुनीता and Sunita both give "sunita", कुमार and Kumar "kumar". Search keys
 * are made from it, so a patient registered in one script is found by a name typed in the other.
 * It is a search key, not a transliteration to show anyone: it blurs what Hindi spellings in Latin
 * letters blur anyway (long and short vowels, aspirates, sh and s, w and v, doubled letters), and
 * keeps what tells names apart. A full transliteration library would be 190 KB of every Indic
 * script for the few dozen letters a name on this desk uses.
 */

const CONSONANTS: Record<string, string> = {
  क: 'k', ख: 'kh', ग: 'g', घ: 'gh', ङ: 'n', च: 'ch', छ: 'chh', ज: 'j', झ: 'jh', ञ: 'n',
  ट: 't', ठ: 'th', ड: 'd', ढ: 'dh', ण: 'n', त: 't', थ: 'th', द: 'd', ध: 'dh', न: 'n',
  प: 'p', फ: 'ph', ब: 'b', भ: 'bh', म: 'm', य: 'y', र: 'r', ल: 'l', व: 'v',
  श: 'sh', ष: 'sh', स: 's', ह: 'h', ळ: 'l',
};
/** A consonant with a nukta below: the Persian and Hindi sounds written with a dot. */
const NUKTA: Record<string, string> = { क: 'q', ख: 'kh', ग: 'g', ज: 'z', ड: 'r', ढ: 'rh', फ: 'f', य: 'y' };
const PRECOMPOSED: Record<string, string> = { क़: 'क', ख़: 'ख', ग़: 'ग', ज़: 'ज', ड़: 'ड', ढ़: 'ढ', फ़: 'फ', य़: 'य' };
const VOWELS: Record<string, string> = {
  अ: 'a', आ: 'aa', इ: 'i', ई: 'ii', उ: 'u', ऊ: 'uu', ऋ: 'ri', ए: 'e', ऐ: 'ai', ओ: 'o', औ: 'au', ऑ: 'o', ऍ: 'e',
};
const MATRAS: Record<string, string> = {
  'ा': 'aa', 'ि': 'i', 'ी': 'ii', 'ु': 'u', 'ू': 'uu', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o', 'ॅ': 'e',
};
const VIRAMA = '्';
const NUKTA_SIGN = '़';
const NASAL: Record<string, string> = { 'ं': 'n', 'ँ': 'n', 'ः': 'h' };

/** Devanagari to Latin letters, with the inherent "a" a Hindi speaker drops at the end of a word. */
function romanise(word: string): string {
  const chars = [...word].map((c) => PRECOMPOSED[c] ? [PRECOMPOSED[c], NUKTA_SIGN] : [c]).flat();
  let out = '';
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i]!;
    if (CONSONANTS[c]) {
      const cluster = chars[i - 1] === VIRAMA;
      const nukta = chars[i + 1] === NUKTA_SIGN;
      if (nukta) i += 1;
      out += nukta ? (NUKTA[c] ?? CONSONANTS[c]) : CONSONANTS[c];
      const next = chars[i + 1];
      if (next === VIRAMA) i += 1;
      else if (next !== undefined && MATRAS[next] !== undefined) { out += MATRAS[next]; i += 1; }
      // The inherent vowel, except at the end of a word after a single consonant (राम: ram; चंद्र: chandra).
      else if (next !== undefined || cluster) out += 'a';
    } else if (VOWELS[c]) out += VOWELS[c];
    else if (NASAL[c]) out += NASAL[c];
    else if (c !== NUKTA_SIGN && c !== VIRAMA) out += c;
  }
  return out;
}

/** One word (already folded: lower case, no accents) as it sounds. */
export function soundOf(word: string): string {
  const latin = /[\u0900-\u097F]/.test(word) ? romanise(word) : word;
  return latin
    .replace(/[^a-z0-9]/g, '')
    .replace(/ck/g, 'k').replace(/c(?!h)/g, 'k').replace(/q/g, 'k')
    .replace(/([kgcjtdpbs])h/g, '$1')
    .replace(/w/g, 'v').replace(/z/g, 'j').replace(/f/g, 'p')
    .replace(/ee|ii|ey/g, 'i').replace(/oo|uu/g, 'u').replace(/aa/g, 'a')
    .replace(/(.)\1+/g, '$1');
}
