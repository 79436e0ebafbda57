import { generateDeviceKey, signHead, signText } from '../crypto/headSignature';
import type { PublicKeyJwk, SignedHead } from '../domain/sync/signedHead';
import type { DeskDb } from './db';

const KEY = 'deviceSigningKey';

interface StoredKey {
  /** Not extractable: IndexedDB keeps the key object, no script can read its bytes. */
  privateKey: CryptoKey;
  publicKey: PublicKeyJwk;
}

/**
 * The device's own ECDSA P-256 key: it signs the head of what the device pushes, so the central
 * store can tell this tablet from another one using the same code, and `verify` can tell the
 * device's chain from one a store administrator rewrote. Made once, on first use.
 */
export class DeviceKey {
  constructor(private readonly db: DeskDb) {}

  async publicKey(): Promise<PublicKeyJwk> {
    return (await this.ensure()).publicKey;
  }

  async sign(device: string, seq: number, hash: string): Promise<SignedHead> {
    return signHead((await this.ensure()).privateKey, device, seq, hash);
  }

  /** Signs a backup bundle's digests: the same key, so the central store knows whose bundle it is. */
  async signText(text: string): Promise<string> {
    return signText((await this.ensure()).privateKey, text);
  }

  private async ensure(): Promise<StoredKey> {
    const stored = (await this.db.settings.get(KEY))?.value as StoredKey | undefined;
    if (stored) return stored;
    const made = await generateDeviceKey();
    // Two tabs may both find no key: the first one written wins, and both use that one.
    return this.db.transaction('rw', this.db.settings, async () => {
      const again = (await this.db.settings.get(KEY))?.value as StoredKey | undefined;
      if (again) return again;
      await this.db.settings.put({ key: KEY, value: made });
      return made;
    });
  }
}
