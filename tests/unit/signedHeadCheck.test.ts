import { describe, expect, it } from 'vitest';
import type { ChainReport } from '../../src/domain/events/chain';
import { checkAgainstSignedHead, type DeviceEvidence } from '../../src/domain/events/signedHeadCheck';

const H = (c: string) => c.repeat(64);
const chain = (seq: number, hash = H('a')): ChainReport => ({ device: 'K7', ok: true, count: seq, head: { seq, hash } });
const signed = (seq: number, hash: string, storedHashAtHead: string | null): DeviceEvidence =>
  ({ device: 'K7', signedHead: { seq, hash }, unsignedReason: null, storedHashAtHead });
const unsigned: DeviceEvidence = { device: 'K7', signedHead: null, unsignedReason: 'the device has no registered key on the central store', storedHashAtHead: null };

describe("a chain held against its device's signed head", () => {
  it('passes a chain that ends exactly at the signed head with the signed hash', () => {
    expect(checkAgainstSignedHead(chain(6, H('b')), signed(6, H('b'), H('b')))).toEqual(chain(6, H('b')));
  });

  it('names a chain cut short, a rewritten run and events after the head', () => {
    expect(checkAgainstSignedHead(chain(5), signed(6, H('b'), null))).toMatchObject({ ok: false, break: { kind: 'truncated', seq: 6 } });
    expect(checkAgainstSignedHead(chain(6), signed(6, H('b'), H('c')))).toMatchObject({ ok: false, break: { kind: 'rewritten', seq: 6 } });
    expect(checkAgainstSignedHead(chain(8), signed(6, H('b'), H('b')))).toMatchObject({ ok: false, break: { kind: 'unvouched', seq: 7, detail: expect.stringMatching(/7–8/) } });
  });

  it('names a chain nothing vouches for, and a device whose synced events are gone', () => {
    expect(checkAgainstSignedHead(chain(3), unsigned)).toMatchObject({ ok: false, break: { kind: 'unsigned', detail: unsigned.unsignedReason } });
    expect(checkAgainstSignedHead(null, signed(4, H('b'), null))).toMatchObject({ ok: false, count: 0, break: { kind: 'vanished' } });
    expect(checkAgainstSignedHead(null, unsigned)).toEqual({ device: 'K7', ok: true, count: 0, head: null });
  });

  it("keeps the chain's own break when it has one", () => {
    const broken: ChainReport = { device: 'K7', ok: false, count: 2, break: { kind: 'changed', seq: 3, id: 'ev:K7:0000000003', detail: 'x' } };
    expect(checkAgainstSignedHead(broken, signed(6, H('b'), H('b')))).toBe(broken);
  });
});
