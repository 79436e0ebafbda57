import { z } from 'zod';
import { cleanText } from './fold';

// Kept apart from the schemas below, so a login (which folds names, validates nothing) loads no zod.
export { cleanText, foldKey } from './fold';

/** Letters of any script (Latin, Devanagari...), combining marks, spaces and . ' - */
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;

export const text = (max: number) =>
  z.string({ error: 'required' }).transform(cleanText).pipe(z.string().min(1, 'required').max(max, 'tooLong'));

export const personName = (max = 60) =>
  text(max).pipe(z.string().regex(PERSON_NAME, 'personName'));
