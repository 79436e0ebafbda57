import { KeyRing } from '../../../src/device/keyRing';

/**
 * The benchmarks' side without encryption: the same storage layout (sealed part, hashed-index
 * fields) with the cipher and the keyed hash replaced by plain text, so the difference between
 * the two columns is what AES-GCM and HMAC cost, measured in the same run.
 */
export class ClearRing extends KeyRing {
  override seal(_context: string, value: unknown): string {
    return `s1.${JSON.stringify(value)}`;
  }

  override unseal(_context: string, sealed: string): unknown {
    return JSON.parse(sealed.slice(3)) as unknown;
  }

  override unsealMany(items: ReadonlyArray<{ context: string; sealed: string }>): Promise<unknown[]> {
    return Promise.resolve(items.map((item) => this.unseal(item.context, item.sealed)));
  }

  override searchKey(kind: string, value: string): string {
    return `${kind}:${value}`;
  }
}

/** A key ring for a benchmark run: the device's real one, or the one without a cipher. */
export const benchRing = (encrypted: boolean): KeyRing => (encrypted ? new KeyRing() : new ClearRing());
