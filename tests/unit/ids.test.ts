import { describe, expect, it } from 'vitest';
import { ALPHABET, checkChar } from '../../src/domain/ids/checkChar';
import { formatDowntimeId, parseDowntimeId } from '../../src/domain/ids/downtimeId';
import { formatToken } from '../../src/domain/tokens/tokenNumber';

const samples = ['K7000123', 'AB9999999'.slice(0, 8), 'ZZ1000001', '00000001', 'M2000042'];

describe('check character (ISO 7064 MOD 37,36)', () => {
  it.each(samples)('catches every single mistyped character in %s', (payload) => {
    const check = checkChar(payload);
    for (let i = 0; i < payload.length; i += 1) {
      for (const c of ALPHABET) {
        if (c === payload[i]) continue;
        const typo = payload.slice(0, i) + c + payload.slice(i + 1);
        expect(checkChar(typo), `${typo}`).not.toBe(check);
      }
    }
    for (const c of ALPHABET) {
      if (c !== check) expect(checkChar(payload) === c).toBe(false);
    }
  });

  it.each(samples)('catches every swap of two different neighbours in %s', (payload) => {
    const check = checkChar(payload);
    for (let i = 0; i + 1 < payload.length; i += 1) {
      if (payload[i] === payload[i + 1]) continue;
      const swapped = payload.slice(0, i) + payload[i + 1] + payload[i] + payload.slice(i + 2);
      expect(checkChar(swapped), swapped).not.toBe(check);
    }
  });

  it('refuses characters outside 0-9A-Z', () => {
    expect(() => checkChar('k7')).toThrow(RangeError);
  });
});

describe('downtime IDs', () => {
  it('formats and reads back', () => {
    const id = formatDowntimeId('K7', 123);
    expect(id).toMatch(/^DT-K7-000123-[0-9A-Z]$/);
    expect(parseDowntimeId(id)).toEqual({ ok: true, id, device: 'K7', number: 123 });
    expect(parseDowntimeId(` ${id.toLowerCase().replace(/-/g, ' ')} `)).toMatchObject({ ok: true, id });
    expect(parseDowntimeId(formatDowntimeId('ABC', 5))).toMatchObject({ ok: true, device: 'ABC', number: 5 });
  });

  it('says a mistyped ID is not valid, and garbage is not an ID', () => {
    const id = formatDowntimeId('K7', 123);
    const typo = id.replace('000123', '000132');
    expect(parseDowntimeId(typo)).toEqual({ ok: false, reason: 'idCheck' });
    expect(parseDowntimeId('DT-K7-123-4')).toEqual({ ok: false, reason: 'idFormat' });
    expect(parseDowntimeId('hello')).toEqual({ ok: false, reason: 'idFormat' });
  });

  it('refuses numbers out of range', () => {
    expect(() => formatDowntimeId('K7', 0)).toThrow(RangeError);
    expect(() => formatDowntimeId('K7', 1_000_000)).toThrow(RangeError);
  });

  it('formats tokens with three digits', () => {
    expect(formatToken('MED', 'K7', 17)).toBe('MED-K7-017');
    expect(formatToken('ENT', 'K7', 1234)).toBe('ENT-K7-1234');
    expect(() => formatToken('MED', 'K7', 0)).toThrow(RangeError);
  });
});
