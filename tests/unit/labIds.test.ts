import { describe, expect, it } from 'vitest';
import { ALPHABET } from '../../src/domain/ids/checkChar';
import { formatSpecimenId, looksLikeSpecimenId, parseSpecimenId } from '../../src/domain/ids/specimenId';
import { formatRequestId, requestNumber } from '../../src/domain/lab/requestId';

describe('specimen IDs', () => {
  it('formats SP-<device>-<7 digits>-<check> and reads it back', () => {
    const id = formatSpecimenId('K7', 123);
    expect(id).toMatch(/^SP-K7-0000123-[0-9A-Z]$/);
    expect(parseSpecimenId(id)).toEqual({ ok: true, id, device: 'K7', number: 123 });
    expect(parseSpecimenId(formatSpecimenId('ABC', 9_999_999))).toMatchObject({ ok: true, device: 'ABC', number: 9_999_999 });
  });

  it('forgives case, spaces and missing hyphens, as a scanner or a hurried person types', () => {
    const id = formatSpecimenId('K7', 42);
    expect(parseSpecimenId(id.toLowerCase())).toMatchObject({ ok: true, id });
    expect(parseSpecimenId(id.replace(/-/g, ''))).toMatchObject({ ok: true, id });
    expect(parseSpecimenId(` ${id.replace(/-/g, ' ')} `)).toMatchObject({ ok: true, id });
  });

  it('refuses every wrong check character as "not valid", not as a different specimen', () => {
    const id = formatSpecimenId('K7', 4711);
    for (const c of ALPHABET) {
      if (c === id.at(-1)) continue;
      expect(parseSpecimenId(id.slice(0, -1) + c)).toEqual({ ok: false, reason: 'idCheck' });
    }
  });

  it('catches a single misread digit and a swap of neighbouring digits', () => {
    const id = formatSpecimenId('M2', 1_234_567);
    expect(parseSpecimenId(id.replace('1234567', '1234568'))).toEqual({ ok: false, reason: 'idCheck' });
    expect(parseSpecimenId(id.replace('1234567', '1243567'))).toEqual({ ok: false, reason: 'idCheck' });
  });

  it.each(['', 'SP-K7-123-4', 'DT-K7-000123-4', 'SP-K7-00001234-5', 'SP-K-0000001-1', 'XX-K7-0000001-1'])('calls %j the wrong format', (input) => {
    expect(parseSpecimenId(input)).toEqual({ ok: false, reason: 'idFormat' });
  });

  it('refuses numbers out of range', () => {
    expect(() => formatSpecimenId('K7', 0)).toThrow(RangeError);
    expect(() => formatSpecimenId('K7', 10_000_000)).toThrow(RangeError);
  });

  it('tells specimen-like input from names and other IDs', () => {
    expect(looksLikeSpecimenId('sp-k7-0000001-x')).toBe(true);
    expect(looksLikeSpecimenId('Sapna')).toBe(false);
    expect(looksLikeSpecimenId('DT-K7-000001-2')).toBe(false);
  });
});

describe('lab request IDs', () => {
  it('count per device', () => {
    expect(formatRequestId('K7', 5)).toBe('LR-K7-0000005');
    expect(requestNumber('LR-K7-0000005')).toEqual({ device: 'K7', number: 5 });
    expect(requestNumber('LR-K7-5')).toBeNull();
  });
});
