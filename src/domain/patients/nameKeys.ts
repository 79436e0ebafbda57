import { foldKey } from '../text';
import { soundOf } from './soundKey';

/** The words of a name as search keys: case- and accent-free, in the script they were typed in. */
export function nameWords(name: string): string[] {
  return [...new Set(foldKey(name).split(/[\s.'-]+/).filter(Boolean))];
}

/** The name's words as they sound (soundOf): what every name search key is made from. */
export const nameSounds = (name: string): string[] => [...new Set(nameWords(name).map(soundOf).filter(Boolean))];

/** How much of a word the pair keys keep: a typed prefix this long or longer has the same stem. */
export const STEM_LENGTH = 3;
/** Names with more words than this get the one key MANY_WORDS (pair keys grow as the square). */
const MAX_PAIRED_WORDS = 6;
/** The pair key of names with more words than MAX_PAIRED_WORDS: always read. */
export const MANY_WORDS = '*';

/** A word's first letters, up to STEM_LENGTH: a pair key's half. */
export const nameStem = (word: string, length = STEM_LENGTH) => word.slice(0, length);

/**
 * Every key a search naming two of this name's words can start from: for each two words, each
 * of their first one, two and three letters together ("d sun", "de su", "dev sun", … for Sunita
 * Devi). A key reads "a word starts with this, another with that", so a clerk who types "m sin"
 * or "sha beg" reads the few dozen patients holding both instead of every Singh or every Begum:
 * common first words and surnames are each shared by tens of thousands, together by a few hundred.
 */
export function namePairKeys(words: readonly string[]): string[] {
  const distinct = [...new Set(words)].filter(Boolean);
  if (distinct.length > MAX_PAIRED_WORDS) return [MANY_WORDS];
  const keys = new Set<string>();
  for (let i = 0; i < distinct.length; i += 1) {
    for (let j = i + 1; j < distinct.length; j += 1) {
      for (let a = 1; a <= Math.min(STEM_LENGTH, distinct[i]!.length); a += 1) {
        for (let b = 1; b <= Math.min(STEM_LENGTH, distinct[j]!.length); b += 1) keys.add(pairKey(nameStem(distinct[i]!, a), nameStem(distinct[j]!, b)));
      }
    }
  }
  return [...keys];
}

/** The keys of patients with a word starting with each of two of these typed stems (at most STEM_LENGTH letters each). */
export function stemPairs(stems: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < stems.length; i += 1) for (let j = i + 1; j < stems.length; j += 1) pairs.push(pairKey(stems[i]!, stems[j]!));
  return pairs;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
