import type { BundleHeader } from './header';
import { BundleRefusal } from './refusal';

/** What a store (central, or a replacement tablet) already holds of the bundle's device. */
export interface HeldHead {
  seq: number;
  /** The hash held at the bundle's `to`, when the store holds that event. */
  hashAtTo: string | null;
}

export type Novelty = { kind: 'new' } | { kind: 'alreadyHeld' };

/**
 * A bundle that ends exactly where the store's chain holds the same event adds nothing (imported
 * twice, or after the tablet's own resync): fine, nothing changes. One that ends before what is
 * held is an older bundle replayed: refused, because on a replacement tablet it would hand out
 * numbers again. One whose event at `to` differs from the held one is another chain under the
 * same code.
 */
export function judgeNovelty(header: BundleHeader, held: HeldHead | null): Novelty {
  if (!held || held.seq === 0 || held.seq < header.to) return { kind: 'new' };
  if (held.hashAtTo !== null && held.hashAtTo !== header.headHash) {
    throw new BundleRefusal('forked', `event ${header.to} of device ${header.device} is held in another version: two tablets may have used the code ${header.device}`);
  }
  if (held.seq === header.to) return { kind: 'alreadyHeld' };
  throw new BundleRefusal('olderThanHeld', `an older bundle: it ends at event ${header.to} of device ${header.device}, and events up to ${held.seq} are already held`);
}

/** The bundle must be meant for this hospital: its name as enrolled on the device, and its backup key. */
export function requireHospital(header: BundleHeader, hospital: string, keyId: string): void {
  if (header.recipient.keyId !== keyId) {
    throw new BundleRefusal('otherBackupKey', `sealed to backup key ${header.recipient.keyId}, not to this hospital's backup key ${keyId}`);
  }
  if (header.hospital !== hospital) throw new BundleRefusal('wrongHospital', `made for "${header.hospital}", not for "${hospital}"`);
}
