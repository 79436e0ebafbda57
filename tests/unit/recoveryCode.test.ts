import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, parseRecoveryCode, RECOVERY_BYTES } from '../../src/domain/keys/recoveryCode';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const random = () => new Uint8Array(randomBytes(RECOVERY_BYTES));
/** The 33 code characters of a formatted code (data and check), and back into the printed form. */
const charsOf = (code: string) => [...code.replaceAll('-', '')];
const printed = (chars: readonly string[]) => [...(chars.slice(0, 32).join('').match(/.{4}/g) ?? []), chars[32]].join('-');

describe('recovery code', () => {
  it('is 160 bits written as eight groups of four Crockford characters and a check character', () => {
    expect(RECOVERY_BYTES).toBe(20);
    const code = formatRecoveryCode(random());
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]$/);
    expect(formatRecoveryCode(new Uint8Array(20))).toBe('0000-0000-0000-0000-0000-0000-0000-0000-0');
    expect(formatRecoveryCode(new Uint8Array(20).fill(255))).toMatch(/^(ZZZZ-){8}[0-9A-Z]$/);
  });

  it('puts the bytes in big-endian order, five bits a character', () => {
    const bytes = new Uint8Array(20);
    bytes[0] = 0b00001_000; // first character 1, the rest of the byte zero
    bytes[19] = 0b000_11111; // last data character Z
    const chars = charsOf(formatRecoveryCode(bytes));
    expect(chars[0]).toBe('1');
    expect(chars.slice(1, 31).every((c) => c === '0')).toBe(true);
    expect(chars[31]).toBe('Z');
  });

  it('reads back every code it writes, to the same bytes', () => {
    const samples = [new Uint8Array(20), new Uint8Array(20).fill(255), ...Array.from({ length: 2000 }, random)];
    for (const bytes of samples) {
      const code = formatRecoveryCode(bytes);
      const parsed = parseRecoveryCode(code);
      expect(parsed, code).toEqual({ ok: true, bytes });
    }
  });

  it('refuses to write anything but 20 bytes', () => {
    for (const n of [0, 16, 19, 21, 32]) expect(() => formatRecoveryCode(new Uint8Array(n))).toThrow(/20 bytes/);
  });

  it('catches every single wrong character, the check character included', () => {
    for (let sample = 0; sample < 15; sample += 1) {
      const chars = charsOf(formatRecoveryCode(random()));
      for (let i = 0; i < chars.length; i += 1) {
        for (const other of ALPHABET) {
          if (other === chars[i]) continue;
          const wrong = chars.with(i, other);
          expect(parseRecoveryCode(printed(wrong)), `${i}: ${chars[i]} → ${other}`).toEqual({ ok: false, code: 'recoveryCheck' });
        }
      }
    }
  });

  it('catches every swap of two neighbouring characters, across groups and with the check character', () => {
    let swaps = 0;
    for (let sample = 0; sample < 100; sample += 1) {
      const chars = charsOf(formatRecoveryCode(random()));
      for (let i = 0; i + 1 < chars.length; i += 1) {
        if (chars[i] === chars[i + 1]) continue;
        const swapped = chars.with(i, chars[i + 1]!).with(i + 1, chars[i]!);
        expect(parseRecoveryCode(printed(swapped)), `swap at ${i}`).toEqual({ ok: false, code: 'recoveryCheck' });
        swaps += 1;
      }
    }
    expect(swaps).toBeGreaterThan(2500);
  });

  it('catches a swap of the last data character with the check character, whatever the last character', () => {
    const chars = charsOf(formatRecoveryCode(random()));
    for (const a of ALPHABET) {
      // The code with a as its 32nd character, and the one check character that then fits.
      const base = chars.with(31, a);
      const fits = [...ALPHABET].filter((c) => parseRecoveryCode(printed(base.with(32, c))).ok);
      expect(fits).toHaveLength(1);
      if (fits[0] === a) continue;
      expect(parseRecoveryCode(printed(base.with(31, fits[0]!).with(32, a)))).toEqual({ ok: false, code: 'recoveryCheck' });
    }
  });

  it('accepts what people type from paper: any case, spaces or no hyphens, O for 0, I and L for 1', () => {
    const bytes = new Uint8Array(20);
    bytes.set([0x08, 0x02, 0x00, 0x80, 0x20]); // 1 0 1 0 … : the characters a person may mistype
    const code = formatRecoveryCode(bytes);
    expect(code.startsWith('1010-1010')).toBe(true);
    const expected = { ok: true, bytes };
    expect(parseRecoveryCode(code.toLowerCase())).toEqual(expected);
    expect(parseRecoveryCode(code.replaceAll('-', ''))).toEqual(expected);
    expect(parseRecoveryCode(code.replaceAll('-', ' '))).toEqual(expected);
    expect(parseRecoveryCode(`  ${code.replaceAll('-', ' - ')}\n`)).toEqual(expected);
    expect(parseRecoveryCode(code.replaceAll('-', '\u2013'))).toEqual(expected); // an en dash from a word processor
    expect(parseRecoveryCode(code.replace('1010-1010', 'IOlO-Lo1o'))).toEqual(expected);
    // Regrouped differently: groups are for the eye only.
    const flat = code.replaceAll('-', '');
    expect(parseRecoveryCode(flat.match(/.{1,5}/g)!.join('-'))).toEqual(expected);

    const other = random();
    expect(parseRecoveryCode(formatRecoveryCode(other).toLowerCase().replaceAll('-', ''))).toEqual({ ok: true, bytes: other });
  });

  it('says the format is wrong for the wrong length or characters outside the alphabet', () => {
    const code = formatRecoveryCode(random());
    const format = { ok: false, code: 'recoveryFormat' };
    expect(parseRecoveryCode('')).toEqual(format);
    expect(parseRecoveryCode('   -- ')).toEqual(format);
    expect(parseRecoveryCode(code.slice(0, -1))).toEqual(format); // check character left off
    expect(parseRecoveryCode(code.slice(0, -2))).toEqual(format);
    expect(parseRecoveryCode(`${code}0`)).toEqual(format);
    expect(parseRecoveryCode(code.replace(/^./, 'U'))).toEqual(format); // U is not Crockford
    expect(parseRecoveryCode(code.replace(/^./, '*'))).toEqual(format);
    expect(parseRecoveryCode(code.replace(/^./, 'é'))).toEqual(format);
    expect(parseRecoveryCode(code.replace(/^./, '٣'))).toEqual(format); // a digit, but not an ASCII one
    expect(parseRecoveryCode(code.replace('-', '_'))).toEqual(format);
    expect(parseRecoveryCode('hello world')).toEqual(format);
    expect(parseRecoveryCode('DT-K7-000123-4')).toEqual(format);
  });

  it('says the check is wrong for a code of the right shape that was not written by formatRecoveryCode', () => {
    const code = formatRecoveryCode(random());
    const last = code.at(-1)!;
    const wrongCheck = code.slice(0, -1) + ALPHABET[(ALPHABET.indexOf(last) + 1) % 32];
    expect(parseRecoveryCode(wrongCheck)).toEqual({ ok: false, code: 'recoveryCheck' });
  });
});
