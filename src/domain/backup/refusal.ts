/**
 * Why a bundle is not taken. Each reason is a translation key (`backup.refusedCode.<code>`) and has
 * an English sentence for the command line (and the detail on screen); nothing of a refused bundle is stored.
 */
export const REFUSAL_CODES = [
  'notABundle', 'unsupportedVersion', 'otherBackupKey', 'wrongHospital', 'truncated', 'corrupted',
  'badSignature', 'otherDeviceKey', 'ownDevice', 'notAKeyFile', 'noDeviceKey', 'retiredKey', 'chainBroken', 'olderThanHeld', 'forked', 'refusedByPushCheck',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export class BundleRefusal extends Error {
  constructor(readonly code: RefusalCode, reason: string) {
    super(reason);
    this.name = 'BundleRefusal';
  }
}
