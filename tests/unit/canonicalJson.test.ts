import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalOrder } from '../../src/domain/canonicalJson';

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
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/cannot encode/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/cannot encode/);
    expect(() => canonicalJson([1, undefined])).toThrow(/cannot encode/);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 2])).toThrow(/cannot encode/);
    expect(() => canonicalJson(undefined)).toThrow(/cannot encode/);
    expect(() => canonicalJson({ a: [{ d: new Date(0) }] })).toThrow(/plain objects/);
    expect(() => canonicalJson({ toJSON: () => 'x' })).toThrow(/cannot encode/);
  });
  it('leaves out keys whose value is undefined, encodes null, -0 and nested arrays as JSON does', () => {
    expect(canonicalJson({ b: undefined, a: null, c: [[-0, 1.5e21], []], d: {} })).toBe('{"a":null,"c":[[0,1.5e+21],[]],"d":{}}');
    expect(canonicalJson(Object.create(null) as object)).toBe('{}');
  });
  it('writes the same text whether the keys came in order or not, integer-like keys included', () => {
    expect(canonicalJson({ a: 1, b: { c: [{ d: 2, e: null }], f: 'x' } })).toBe(canonicalJson({ b: { f: 'x', c: [{ e: null, d: 2 }] }, a: 1 }));
    expect(canonicalJson({ 9: 'nine', 10: 'ten', a: 1 })).toBe('{"10":"ten","9":"nine","a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson(canonicalOrder({ z: [{ y: 1, x: 2 }], 10: 0, 9: 1 }))).toBe('{"10":0,"9":1,"z":[{"x":2,"y":1}]}');
  });
  it('keeps a key named __proto__ as a key, in its sorted place', () => {
    expect(canonicalJson(JSON.parse('{"z":1,"__proto__":{"b":2,"a":1},"a":0}'))).toBe('{"__proto__":{"a":1,"b":2},"a":0,"z":1}');
  });
});
