import { eventId } from './envelope';
import type { ChainReport } from './chain';

export interface DeviceEvidence {
  device: string;
  /** The device's head as it signed it, when its signature checked out against its registered key. */
  signedHead: { seq: number; hash: string } | null;
  /** Why there is no usable signed head (no key, no status, a signature that does not verify). */
  unsignedReason: string | null;
  /** The stored hash of the signed head's sequence, if the store holds that event. */
  storedHashAtHead: string | null;
}

/**
 * A chain can be internally consistent and still not be the device's: a store administrator can
 * rewrite a run with recomputed hashes, cut the newest events or append forged ones. The device's
 * signed head settles it: the stored chain must reach it, hold the signed hash at its sequence and
 * go no further. `report` is null when the store holds no event of the device at all.
 */
export function checkAgainstSignedHead(report: ChainReport | null, evidence: DeviceEvidence): ChainReport {
  const { device, signedHead } = evidence;
  const broken = (kind: 'truncated' | 'rewritten' | 'unvouched' | 'unsigned' | 'vanished', seq: number, detail: string, count: number): ChainReport =>
    ({ device, ok: false, count, break: { kind, seq, id: eventId(device, seq), detail } });
  if (!report) {
    return signedHead
      ? broken('vanished', 1, `the device signed ${signedHead.seq} synced events, the central store holds none`, 0)
      : { device, ok: true, count: 0, head: null };
  }
  if (!report.ok) return report;
  if (!signedHead) return broken('unsigned', 1, evidence.unsignedReason ?? 'no head signed by the device: nothing vouches for this chain', report.count);
  const last = report.head?.seq ?? 0;
  if (last < signedHead.seq) return broken('truncated', last + 1, `the chain ends at event ${last}, the device signed event ${signedHead.seq}`, report.count);
  if (evidence.storedHashAtHead !== signedHead.hash) {
    return broken('rewritten', signedHead.seq, `event ${signedHead.seq} is not the one the device signed: the chain up to it was rewritten`, report.count);
  }
  if (last > signedHead.seq) {
    return broken('unvouched', signedHead.seq + 1, `events ${signedHead.seq + 1}–${last} are not covered by the device's signed head (added on the store, or a resync that did not finish)`, report.count);
  }
  return report;
}
