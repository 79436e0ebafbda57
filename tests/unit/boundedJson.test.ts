import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH, parseBoundedJson } from '../../src/server/gateway/boundedJson';

describe('request bodies the gateway parses', () => {
  it('parses ordinary documents, Devanagari and brackets inside strings included', () => {
    expect(parseBoundedJson('{"docs":[{"by":"सुनीता [देवी] {x}","n":1}]}')).toEqual({ docs: [{ by: 'सुनीता [देवी] {x}', n: 1 }] });
    expect(jsonDepth('{"a":"[[[[[[\\"[[[["}')).toBe(1);
  });

  it('refuses nesting beyond the limit before parsing', () => {
    expect(() => parseBoundedJson(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toThrow(/nests deeper/);
    expect(() => parseBoundedJson(`{"x":${'['.repeat(1_000_000)}`)).toThrow(/nests deeper/);
  });

  it.each(['{"__proto__":{"admin":true}}', '{"a":{"constructor":{"prototype":1}}}', '{"\\u005f_proto__":1}', '{"__pro\\u0074o__" :1}'])(
    'refuses keys that reach into prototypes: %s', (text) => {
      expect(() => parseBoundedJson(text)).toThrow(/has a key/);
    });

  it('names garbage as not JSON', () => {
    expect(() => parseBoundedJson('{"docs": [')).toThrow('The body is not valid JSON.');
  });
});
