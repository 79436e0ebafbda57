import * as z from 'zod/mini';
import { cleanText } from './fold';

// Kept apart from the schemas below, so a login (which folds names, validates nothing) loads no zod.
export { cleanText, foldKey } from './fold';

/** Letters of any script (Latin, Devanagari...), combining marks, spaces and . ' - */
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;

export const text = (max: number) =>
  z.pipe(z.pipe(z.string({ error: 'required' }), z.transform(cleanText)), z.string().check(z.minLength(1, 'required'), z.maxLength(max, 'tooLong')));

export const personName = (max = 60) =>
  z.pipe(text(max), z.string().check(z.regex(PERSON_NAME, 'personName')));
