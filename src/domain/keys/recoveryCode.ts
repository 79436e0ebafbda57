/**
 * The recovery code: the device's data key is also wrapped with it, and it is printed once, on
 * the recovery sheet at enrollment, for the day every PIN is lost. It is read back from paper by
 * a person, so it is written in Crockford's base32 (no I, L, O or U; case does not matter) in
 * groups of four, and ends in a check character that catches a mistyped or swapped character
 * before any key is tried.
 *
 * Pure: the random bytes come from the caller (WebCrypto lives outside src/domain).
 */

/** 160 bits: exactly 32 base32 characters, and more than any guessing can cover. */
export const RECOVERY_BYTES = 20;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = (RECOVERY_BYTES * 8) / 5;
const GROUP = 4;

export type RecoveryParse =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'recoveryFormat' | 'recoveryCheck' };

/**
 * Why this check character, and not Crockford's own mod-37 one: Crockford's check symbols 32–36
 * are `* ~ $ = U`, which read badly from paper, are not in a QR code's alphanumeric set, and `=`
 * and `~` are hard to find on a tablet's keyboard. Ours stays in the 32 characters of the code.
 *
 * The scheme: characters are elements of GF(32) (polynomials over GF(2) modulo x⁵ + x² + 1, a
 * primitive polynomial), and the check character c makes the whole code a root of
 *   d₁·α³² + d₂·α³¹ + … + d₃₂·α + c = 0,   α = x (the value 2),
 * evaluated left to right by Horner's rule (h ← α·h + d). Because α ≠ 0, changing one character
 * changes the sum by (difference)·αᵏ ≠ 0: every single substitution is caught, check character
 * included. Swapping neighbours a, b changes it by (a + b)·αᵏ·(α + 1), non-zero unless a = b
 * since α ≠ 1: every adjacent swap is caught, the check character's too. α has order 31, so swaps
 * at any distance but 31 are caught as well. This is the Damm-style construction over a field.
 */
const REDUCE = 0b100101; // x⁵ + x² + 1

/** α·h in GF(32), α being x: a shift, reduced by the field polynomial when it overflows five bits. */
const timesAlpha = (h: number) => {
  const shifted = h << 1;
  return shifted & 0b100000 ? shifted ^ REDUCE : shifted;
};

/** h ← α·h + d over the values (addition in GF(2⁵) is XOR). */
function horner(values: readonly number[]): number {
  let h = 0;
  for (const d of values) h = timesAlpha(h) ^ d;
  return h;
}

/** The check value for the data values: the one that makes horner(data + [c]) zero, i.e. α·h. */
const checkValue = (data: readonly number[]) => timesAlpha(horner(data));

function toValues(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      values.push((buffer >> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  return values;
}

function toBytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(RECOVERY_BYTES);
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const v of values) {
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  return bytes;
}

/**
 * The code as printed: 32 characters in eight groups of four, then the check character on its
 * own, e.g. `7G3K-…-Q2HD-M`. Throws unless given exactly RECOVERY_BYTES bytes.
 */
export function formatRecoveryCode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array) || bytes.length !== RECOVERY_BYTES) {
    throw new RangeError(`A recovery code is made of ${RECOVERY_BYTES} bytes, not ${bytes?.length}`);
  }
  const values = toValues(bytes);
  const chars = values.map((v) => ALPHABET[v]!).join('');
  const groups = chars.match(new RegExp(`.{${GROUP}}`, 'g'))!;
  return [...groups, ALPHABET[checkValue(values)]!].join('-');
}

/** What a character typed from paper stands for: Crockford's reading, any case, O as 0, I and L as 1. */
const VALUE_OF: ReadonlyMap<string, number> = new Map([
  ...[...ALPHABET].flatMap((c, v) => [[c, v], [c.toLowerCase(), v]] as Array<[string, number]>),
  ['O', 0], ['o', 0], ['I', 1], ['i', 1], ['L', 1], ['l', 1],
]);

/** Ignored between characters: spaces of any kind and hyphens or dashes (groups are copied as people like). */
const SEPARATOR = /[\s\-\u2010-\u2015\u2212]/u;

/**
 * Reads a recovery code as a person types it from the sheet, or as a QR scanner delivers it:
 * case, spaces and hyphens do not matter, O reads as 0 and I or L as 1. `recoveryFormat` when it
 * is not 33 characters of the alphabet, `recoveryCheck` when the check character disagrees (a
 * character mistyped or two swapped).
 */
export function parseRecoveryCode(text: string): RecoveryParse {
  const values: number[] = [];
  for (const c of text) {
    if (SEPARATOR.test(c)) continue;
    const v = VALUE_OF.get(c);
    if (v === undefined) return { ok: false, code: 'recoveryFormat' };
    values.push(v);
  }
  if (values.length !== DATA_CHARS + 1) return { ok: false, code: 'recoveryFormat' };
  if (horner(values) !== 0) return { ok: false, code: 'recoveryCheck' };
  return { ok: true, bytes: toBytes(values.slice(0, DATA_CHARS)) };
}
