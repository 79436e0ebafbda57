import { describe, expect, it } from 'vitest';
import { ALPHABET } from '../../src/domain/ids/checkChar';
import { compactSpecimenId, looksLikeCompactSpecimenId, parseCompactSpecimenId } from '../../src/domain/ids/compactSpecimenId';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { looksLikeSpecimenScan, parseSpecimenScan } from '../../src/domain/ids/specimenScan';

describe('compact specimen IDs (the digits a narrow label\'s barcode carries)', () => {
  it('is 14 digits: device, number, check character', () => {
    const id = formatSpecimenId('K7', 123);
    const compact = compactSpecimenId(id);
    // K7 = 20 × 36 + 7 = 727; the check character's place in 0–9A–Z.
    expect(compact).toBe(`00727${'0000123'}${String(ALPHABET.indexOf(id.at(-1)!)).padStart(2, '0')}`);
    expect(compact).toMatch(/^\d{14}$/);
  });

  it('reads back to the same specimen for two- and three-character device codes, digits and letters alike', () => {
    const devices = ['K7', '00', 'ZZ', '07', '007', 'L42', 'ABC', 'ZZZ', '000', '9A'];
    const numbers = [1, 42, 1_234_567, 9_999_999];
    const seen = new Set<string>();
    for (const device of devices) {
      for (const n of numbers) {
        const id = formatSpecimenId(device, n);
        const compact = compactSpecimenId(id);
        expect(parseCompactSpecimenId(compact), `${id} → ${compact}`).toEqual({ ok: true, id, device, number: n });
        expect(parseSpecimenScan(compact)).toEqual({ ok: true, id, device, number: n });
        seen.add(compact);
      }
    }
    // No two specimens share a compact form ("07" and "007" are different devices).
    expect(seen.size).toBe(devices.length * numbers.length);
  });

  it('refuses a compact form whose check character does not match as "not valid"', () => {
    const compact = compactSpecimenId(formatSpecimenId('L42', 4711));
    const check = Number(compact.slice(-2));
    for (let c = 0; c < 100; c += 1) {
      if (c === check) continue;
      expect(parseSpecimenScan(compact.slice(0, -2) + String(c).padStart(2, '0'))).toEqual({ ok: false, reason: 'idCheck' });
    }
  });

  it('refuses a single misread digit anywhere as "not valid", never as another specimen', () => {
    const compact = compactSpecimenId(formatSpecimenId('K7', 1_234_567));
    for (let i = 5; i < 12; i += 1) {
      for (const d of '0123456789') {
        if (d === compact[i]) continue;
        expect(parseCompactSpecimenId(compact.slice(0, i) + d + compact.slice(i + 1))).toEqual({ ok: false, reason: 'idCheck' });
      }
    }
    // A device number no code has, and specimen number zero, are misreads too.
    expect(parseCompactSpecimenId(`47952${compact.slice(5)}`)).toEqual({ ok: false, reason: 'idCheck' });
    expect(parseCompactSpecimenId(`${compact.slice(0, 5)}0000000${compact.slice(-2)}`)).toEqual({ ok: false, reason: 'idCheck' });
  });

  it('is told apart from other input by its shape alone', () => {
    const compact = compactSpecimenId(formatSpecimenId('K7', 5));
    expect(looksLikeCompactSpecimenId(compact)).toBe(true);
    expect(looksLikeCompactSpecimenId(`${compact.slice(0, 7)} ${compact.slice(7)}`)).toBe(true);
    expect(looksLikeCompactSpecimenId(compact.slice(1))).toBe(false);
    expect(looksLikeCompactSpecimenId(`${compact}1`)).toBe(false);
    expect(looksLikeSpecimenScan(compact)).toBe(true);
    expect(looksLikeSpecimenScan('SP-K7-0000005')).toBe(true);
    expect(looksLikeSpecimenScan('Ravi')).toBe(false);
    expect(parseSpecimenScan('1234')).toEqual({ ok: false, reason: 'idFormat' });
    expect(() => compactSpecimenId('SP-K7-0000005-0')).toThrow(RangeError);
  });
});
