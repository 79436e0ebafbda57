import { z } from 'zod';

/** Letters of any script (Latin, Devanagari...), combining marks, spaces and . ' - */
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;

/** Trimmed, inner whitespace collapsed, Unicode NFC so that the same name is stored one way. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export const text = (max: number) =>
  z.string({ error: 'required' }).transform(cleanText).pipe(z.string().min(1, 'required').max(max, 'tooLong'));

export const personName = (max = 60) =>
  text(max).pipe(z.string().regex(PERSON_NAME, 'personName'));

/** Key used for uniqueness and search: case- and accent-insensitive. */
export function foldKey(value: string): string {
  return cleanText(value).normalize('NFD').replace(/\p{M}/gu, (m) => (/[\u0900-\u097F]/.test(m) ? m : ''))
    .toLocaleLowerCase('en').normalize('NFC');
}
