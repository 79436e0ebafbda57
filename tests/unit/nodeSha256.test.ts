import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256Hex, useSha256Hex } from '../../src/domain/hash';
import { useNodeSha256 } from '../../src/server/nativeHash';
import { buildEvent, parseEvent } from '../../src/domain/events/envelope';

const portable = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

describe("the server's SHA-256", () => {
  afterEach(() => useSha256Hex(portable));

  it('gives the digests the tablets give, for every kind of text an event holds', () => {
    useNodeSha256();
    // ASCII, Devanagari, a letter outside the basic plane, a lone surrogate (encoded as U+FFFD by both), empty.
    for (const text of ['', 'Sunita Devi', 'सुनीता देवी', '𝐀 mark', 'bad \ud800 half', 'x'.repeat(10_000)]) {
      expect(sha256Hex(text)).toBe(portable(text));
    }
  });

  it('checks an event built on a tablet, and still refuses one whose content was changed', () => {
    const event = buildEvent({ type: 'departments.updated', device: 'K7', head: null, at: '2026-12-03T10:00:00.000Z', by: 'clerk',
      data: { departments: [{ code: 'MED', name: 'General Medicine', nameHi: 'सामान्य चिकित्सा' }] } });
    useNodeSha256();
    expect(parseEvent(event)).toEqual(event);
    expect(() => parseEvent({ ...event, by: 'someone else' })).toThrow();
  });
});
