/**
 * Why a bundle is not taken. Each reason is a translation key (`backup.refused.<code>`) and has
 * an English sentence for the command line; nothing of a refused bundle is stored.
 */
export type RefusalCode =
  | 'notABundle' | 'unsupportedVersion' | 'otherBackupKey' | 'wrongHospital' | 'truncated' | 'corrupted'
  | 'badSignature' | 'otherDeviceKey' | 'ownDevice' | 'notAKeyFile' | 'noDeviceKey' | 'chainBroken' | 'olderThanHeld' | 'forked' | 'refusedByPushCheck';

export class BundleRefusal extends Error {
  constructor(readonly code: RefusalCode, reason: string) {
    super(reason);
    this.name = 'BundleRefusal';
  }
}
