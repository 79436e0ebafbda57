import { foldKey } from '../text';

/** The words of a name as search keys: case- and accent-free, in the script they were typed in. */
export function nameWords(name: string): string[] {
  return [...new Set(foldKey(name).split(/[\s.'-]+/).filter(Boolean))];
}

/** Does every word of the query start some word of the name (in any order)? */
export function matchesNamePrefixes(words: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => words.some((w) => w.startsWith(q)));
}
