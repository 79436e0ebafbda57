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
const MAX_STEMS = 12;
/** The pair key of names with more stems than MAX_STEMS (pairs grow as their square): always read. */
export const MANY_WORDS = '*';

/**
 * Pairs of shorter stems too: a sound can be shorter than what was typed ("see" sounds "si"), and
 * two words of two letters each still narrow a search to a few hundred where one word does not.
 */
export const SHORT_STEM_LENGTH = 2;

export const nameStem = (word: string, length = STEM_LENGTH) => word.slice(0, length);

/**
 * One key per pair of the name's word stems ("dev sun" for Sunita Devi). A search that names two
 * words reads the few patients holding both instead of every "Devi": common first words and
 * surnames are each shared by tens of thousands, together by a few hundred.
 */
export function namePairs(words: readonly string[], stemLength = STEM_LENGTH): string[] {
  const stems = [...new Set(words.map((w) => nameStem(w, stemLength)))].sort();
  if (stems.length > MAX_STEMS) return [MANY_WORDS];
  const pairs: string[] = [];
  for (let i = 0; i < stems.length; i += 1) for (let j = i + 1; j < stems.length; j += 1) pairs.push(pairKey(stems[i]!, stems[j]!));
  return pairs;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
