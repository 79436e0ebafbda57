/** Trimmed, inner whitespace collapsed, Unicode NFC so that the same name is stored one way. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Key used for uniqueness and search: case- and accent-insensitive. */
export function foldKey(value: string): string {
  return cleanText(value).normalize('NFD').replace(/\p{M}/gu, (m) => (/[\u0900-\u097F]/.test(m) ? m : ''))
    .toLocaleLowerCase('en').normalize('NFC');
}
