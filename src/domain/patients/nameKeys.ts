import { foldKey } from '../text';

/** The words of a name as search keys: case- and accent-free, in the script they were typed in. */
export function nameWords(name: string): string[] {
  return [...new Set(foldKey(name).split(/[\s.'-]+/).filter(Boolean))];
}

/** How much of a word the pair keys keep: a typed prefix this long or longer has the same stem. */
export const STEM_LENGTH = 3;
const MAX_STEMS = 12;
/** The pair key of names with more stems than MAX_STEMS (pairs grow as their square): always read. */
export const MANY_WORDS = '*';

export const nameStem = (word: string) => word.slice(0, STEM_LENGTH);

/**
 * One key per pair of the name's word stems ("dev sun" for Sunita Devi). A search that names two
 * words reads the few patients holding both instead of every "Devi": common first words and
 * surnames are each shared by tens of thousands, together by a few hundred.
 */
export function namePairs(words: readonly string[]): string[] {
  const stems = [...new Set(words.map(nameStem))].sort();
  if (stems.length > MAX_STEMS) return [MANY_WORDS];
  const pairs: string[] = [];
  for (let i = 0; i < stems.length; i += 1) for (let j = i + 1; j < stems.length; j += 1) pairs.push(pairKey(stems[i]!, stems[j]!));
  return pairs;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
