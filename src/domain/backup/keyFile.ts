import * as z from 'zod/mini';
import { backupPublicKey } from './header';
// (by this path: the lint rule reads '../sync/' as src/sync, the resync's IO)
import { publicKeyJwk } from '../../domain/sync/signedHead';

/** The private backup key file `npm run central -- backup-key` writes (JSON). */
export const backupKeyFile = z.strictObject({
  type: z.literal('downtime-desk-backup-key'),
  hospital: z.string().check(z.minLength(1), z.maxLength(120)),
  keyId: z.string(),
  createdAt: z.string(),
  privateKey: z.extend(backupPublicKey, { d: z.string().check(z.minLength(43), z.maxLength(43)) }),
  /**
   * The ECDSA key that signs a replacement tablet's statement (src/crypto/replacementSignature.ts).
   * Files made before it existed lack it: they still open bundles, but cannot authorise a
   * replacement (the administrators then run replace-device-key by hand).
   */
  signingKey: z.optional(z.extend(publicKeyJwk, { d: z.string().check(z.minLength(43), z.maxLength(43)) })),
});
export type BackupKeyFile = z.output<typeof backupKeyFile>;

/** The key file's content, or null when the text is not one (not JSON, or not this shape). */
export function parseBackupKeyFile(text: string): BackupKeyFile | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = backupKeyFile.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
