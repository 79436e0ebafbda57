import { describe, expect, it } from 'vitest';
import { recordKeys, SealError, searchKey } from '../../src/crypto/sealing';
import { KeyRing } from '../../src/device/keyRing';
import { refusal } from '../helpers/refusal';

async function openRing(dataKey = crypto.getRandomValues(new Uint8Array(32))) {
  const ring = new KeyRing();
  await ring.open(dataKey);
  return ring;
}

const ROWS = [
  { context: 'patients:K7-000001', value: { name: 'Sunita Devi', mobile: '9811012345' } },
  { context: 'patients:K7-000002', value: { name: 'सुनीता देवी', address: { line: 'Lajpat Nagar' } } },
  { context: 'patients:K7-000003', value: { remarks: 'x'.repeat(5000) } },
];

describe('opening many sealed values at once (the name search pages)', () => {
  it('opens through WebCrypto exactly what the portable cipher sealed, row by row', async () => {
    const ring = await openRing();
    const items = ROWS.map((r) => ({ context: r.context, sealed: ring.seal(r.context, r.value) }));
    expect(await ring.unsealMany(items)).toEqual(ROWS.map((r) => r.value));
    expect(items.map((i) => ring.unseal(i.context, i.sealed))).toEqual(ROWS.map((r) => r.value));
  });

  it('refuses a value moved onto another row, a changed one, and one sealed under another key', async () => {
    const ring = await openRing();
    const other = await openRing();
    const sealed = ring.seal(ROWS[0]!.context, ROWS[0]!.value);
    const flipped = `${sealed.slice(0, -6)}${sealed.at(-6) === 'A' ? 'B' : 'A'}${sealed.slice(-5)}`;
    await expect(ring.unsealMany([{ context: ROWS[1]!.context, sealed }])).rejects.toBeInstanceOf(SealError);
    await expect(ring.unsealMany([{ context: ROWS[0]!.context, sealed: flipped }])).rejects.toBeInstanceOf(SealError);
    await expect(other.unsealMany([{ context: ROWS[0]!.context, sealed }])).rejects.toBeInstanceOf(SealError);
    await expect(ring.unsealMany([{ context: ROWS[0]!.context, sealed: 'plain text' }])).rejects.toBeInstanceOf(SealError);
  });

  it('opens nothing once locked, and a lock while values are being opened wins', async () => {
    const ring = await openRing();
    const items = ROWS.map((r) => ({ context: r.context, sealed: ring.seal(r.context, r.value) }));
    const opening = ring.unsealMany(items);
    ring.close();
    expect(await refusal(opening)).toEqual(['locked']);
    expect(await refusal(ring.unsealMany(items))).toEqual(['locked']);
  });
});

describe('search keys (what the hashed indexes hold)', () => {
  it('are the keys the portable HMAC gives, asked once or again (rows stored before stay findable), and none once locked', async () => {
    const dataKey = crypto.getRandomValues(new Uint8Array(32));
    const expected = (kind: string, value: string) => searchKey(recordKeys(new Uint8Array(dataKey)), kind, value);
    const asks: Array<[string, string]> = [['stems', 's'], ['stems', 'su'], ['pairs', 'sunita devi'], ['mobile', '9811012345'], ['stems', 's'], ['uhid', 'सुनीता']];
    const want = asks.map(([kind, value]) => expected(kind, value));
    const ring = await openRing(new Uint8Array(dataKey));
    expect(asks.map(([kind, value]) => ring.searchKey(kind, value))).toEqual(want);
    expect(asks.map(([kind, value]) => ring.searchKey(kind, value))).toEqual(want);
    expect(ring.searchKey('stems', 'su')).not.toBe(ring.searchKey('pairs', 'su'));
    ring.close();
    expect(() => ring.searchKey('stems', 's')).toThrow('locked');
    // Opened again with the same key (the next login): the same keys, worked out afresh.
    await ring.open(new Uint8Array(dataKey));
    expect(asks.map(([kind, value]) => ring.searchKey(kind, value))).toEqual(want);
  });
});
