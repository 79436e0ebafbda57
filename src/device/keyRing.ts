import { RuleError } from '../domain/errors';
import { recordKeys, searchKey, seal, unseal, type RecordKeys } from '../crypto/sealing';

/**
 * The device's data key while someone is logged in, and only then: unlocking puts it here (from a
 * PIN or the recovery code), locking and logging out wipe it. Nothing of it is ever stored in the
 * clear; everything sealed at rest needs it.
 */
export class KeyRing {
  private dataKey: Uint8Array | null = null;
  private keys: RecordKeys | null = null;
  private readonly listeners = new Set<(open: boolean) => void>();

  open(dataKey: Uint8Array): void {
    this.close();
    this.dataKey = dataKey;
    this.keys = recordKeys(dataKey);
    this.emit();
  }

  close(): void {
    if (!this.dataKey) return;
    for (const bytes of [this.dataKey, this.keys!.seal, this.keys!.search]) bytes.fill(0);
    this.dataKey = null;
    this.keys = null;
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
    return seal(this.require(), context, value);
  }

  unseal(context: string, sealed: string): unknown {
    return unseal(this.require(), context, sealed);
  }

  /** The keyed hash an index holds for `value` (kind: the index's name). */
  searchKey(kind: string, value: string): string {
    return searchKey(this.require(), kind, value);
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
