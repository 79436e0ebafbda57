import { describe, expect, it } from 'vitest';
import { generateDeviceKey } from '../../src/crypto/headSignature';
import { generateSigningKey, signReplacement, verifyReplacement } from '../../src/crypto/replacementSignature';
import { replacementStatement, storeBeyondRestore } from '../../src/domain/backup/replacement';

const HASH = 'a'.repeat(64);

describe('a replacement statement', () => {
  it('verifies only unchanged, with the key that signed it: every field is covered by the signature', async () => {
    const signing = await generateSigningKey();
    const [newKey, oldKey, other] = await Promise.all([generateDeviceKey(), generateDeviceKey(), generateDeviceKey()]);
    const statement = await signReplacement(signing.privateKey, {
      type: 'device-replacement', version: 1, hospital: 'AIIMS New Delhi', device: 'K7', newKey: newKey.publicKey, oldKey: oldKey.publicKey,
      seq: 42, hash: HASH, at: '2026-12-02T08:00:00.000Z',
    });
    expect(replacementStatement.parse(statement)).toEqual(statement);
    expect(await verifyReplacement(signing.publicKey, statement)).toBe(true);
    expect(await verifyReplacement((await generateSigningKey()).publicKey, statement)).toBe(false);
    const changes = [
      { hospital: 'AIIMS Patna' }, { device: 'K8' }, { newKey: other.publicKey }, { oldKey: other.publicKey }, { seq: 43 },
      { hash: 'b'.repeat(64) }, { at: '2026-12-02T08:00:01.000Z' }, { signingKeyId: '0'.repeat(16) },
    ];
    for (const change of changes) expect(await verifyReplacement(signing.publicKey, { ...statement, ...change }), JSON.stringify(change)).toBe(false);
  });

  it('lets a replacement go on only where the store does not hold the code beyond the restored event', () => {
    const restored = { seq: 42, hash: HASH };
    expect(storeBeyondRestore(restored, null)).toBeNull();
    expect(storeBeyondRestore(restored, { seq: 40, hash: 'c'.repeat(64) })).toBeNull();
    expect(storeBeyondRestore(restored, { seq: 42, hash: HASH })).toBeNull();
    expect(storeBeyondRestore(restored, { seq: 42, hash: 'c'.repeat(64) })).toMatch(/event 42 of this code in another version/);
    expect(storeBeyondRestore(restored, { seq: 43, hash: 'c'.repeat(64) })).toMatch(/up to 43, beyond the restored 42/);
  });
});
