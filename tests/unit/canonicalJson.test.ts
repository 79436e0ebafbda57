import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('gives the same text for the same content built in another order', () => {
    expect(canonicalJson({ x: 1, y: 'हिन्दी' })).toBe(canonicalJson({ y: 'हिन्दी', x: 1 }));
  });
  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson(() => 1)).toThrow(/cannot encode/);
  });
});
