/**
 * ISO/IEC 7064 MOD 37,36: one check character from 0–9A–Z over a string of the same alphabet.
 * It catches every single substituted character and every swap of two neighbours, the two
 * mistakes people make copying an ID from paper.
 */
export const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

export function checkChar(payload: string): string {
  let p = M;
  for (const ch of payload) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`checkChar: '${ch}' is not 0-9 or A-Z`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

export const hasValidCheckChar = (payload: string, check: string) => checkChar(payload) === check;
