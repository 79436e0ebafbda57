import { foldKey } from '../text';

/** The words of a name as search keys: case- and accent-free, in the script they were typed in. */
export function nameWords(name: string): string[] {
  return [...new Set(foldKey(name).split(/[\s.'-]+/).filter(Boolean))];
}

