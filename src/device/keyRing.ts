import { RuleError } from '../domain/errors';
import type * as SealingCode from '../crypto/sealing';
import type { RecordKeys } from '../crypto/sealing';

type Sealing = typeof SealingCode;

/**
 * Search keys already computed, while the ring is open: name stems ("s", "su", "sun") and word
 * pairs repeat across thousands of patients, and a fold of the log asks for each again. Cleared
 * when full and wiped on lock, like the key (it holds plaintext values, as the open rows do).
 */
const SEARCH_CACHE_MAX = 50_000;

/**
 * The device's data key while someone is logged in, and only then: unlocking puts it here (from a
 * PIN or the recovery code), locking and logging out wipe it. Nothing of it is ever stored in the
 * clear; everything sealed at rest needs it. The cipher code loads with the first unlock: the login
 * screen needs none of it (issue 15).
 */
export class KeyRing {
  private dataKey: Uint8Array | null = null;
  private keys: RecordKeys | null = null;
  /** The seal key inside WebCrypto (unsealMany). It cannot be wiped like the bytes: it is dropped. */
  private sealKey: CryptoKey | null = null;
  private sealing: Sealing | null = null;
  private searchKeys: ReturnType<Sealing['searchKeyer']> | null = null;
  private readonly searchCache = new Map<string, string>();
  /** Counts closes: a lock while the first unlock loads the cipher code wins over that unlock. */
  private closes = 0;
  private readonly listeners = new Set<(open: boolean) => void>();

  /** A point to open from: a lock or logout after it wins over an open() given it (see open). */
  mark(): number {
    return this.closes;
  }

  /**
   * Puts the data key here. `since` (mark()) is when the unlock began: a PIN check takes about a
   * second and the first unlock loads the cipher code, and a lock or logout meanwhile wins: the
   * key is wiped and the unlock refused.
   */
  async open(dataKey: Uint8Array, since = this.closes): Promise<void> {
    const sealing = this.sealing ?? await import('../crypto/sealing');
    const keys = sealing.recordKeys(dataKey);
    const wipe = () => { for (const bytes of [dataKey, keys.seal, keys.search]) bytes.fill(0); };
    let sealKey: CryptoKey;
    try {
      sealKey = await sealing.importSealKey(keys);
    } catch (err) {
      wipe();
      throw err;
    }
    if (this.closes !== since) {
      wipe();
      throw new RuleError('locked');
    }
    this.close();
    this.sealing = sealing;
    this.dataKey = dataKey;
    this.keys = keys;
    this.sealKey = sealKey;
    this.searchKeys = sealing.searchKeyer(keys);
    this.emit();
  }

  close(): void {
    this.closes += 1;
    if (!this.dataKey) return;
    for (const bytes of [this.dataKey, this.keys!.seal, this.keys!.search]) bytes.fill(0);
    this.dataKey = null;
    this.keys = null;
    this.sealKey = null;
    this.searchKeys?.wipe();
    this.searchKeys = null;
    this.searchCache.clear();
    this.emit();
  }

  get isOpen(): boolean {
    return this.keys !== null;
  }

  /** The data key itself, to wrap it for a new PIN. */
  requireDataKey(): Uint8Array {
    if (!this.dataKey) throw new RuleError('locked');
    return this.dataKey;
  }

  seal(context: string, value: unknown): string {
    const keys = this.require();
    return this.sealing!.seal(keys, context, value);
  }

  unseal(context: string, sealed: string): unknown {
    const keys = this.require();
    return this.sealing!.unseal(keys, context, sealed);
  }

  /**
   * Many values at once, through WebCrypto (sealing.unsealWith), for rows already read and out of
   * their transaction. A lock meanwhile wins: nothing opened is handed out.
   */
  async unsealMany(items: ReadonlyArray<{ context: string; sealed: string }>): Promise<unknown[]> {
    const key = this.sealKey;
    if (!key) throw new RuleError('locked');
    const since = this.closes;
    const values = await Promise.all(items.map((item) => this.sealing!.unsealWith(key, item.context, item.sealed)));
    if (this.closes !== since) throw new RuleError('locked');
    return values;
  }

  /** The keyed hash an index holds for `value` (kind: the index's name). */
  searchKey(kind: string, value: string): string {
    this.require();
    const id = `${kind}\u0000${value}`;
    let key = this.searchCache.get(id);
    if (key === undefined) {
      key = this.searchKeys!.key(kind, value);
      if (this.searchCache.size >= SEARCH_CACHE_MAX) this.searchCache.clear();
      this.searchCache.set(id, key);
    }
    return key;
  }

  onChange(listener: (open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private require(): RecordKeys {
    if (!this.keys) throw new RuleError('locked');
    return this.keys;
  }

  private emit() {
    for (const listener of this.listeners) listener(this.isOpen);
  }
}
