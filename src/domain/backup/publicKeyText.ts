import * as z from 'zod/mini';
import { sha256Hex } from '../hash';
import { backupPublicKey, KEY_ID, type BackupPublicKey } from './header';
// (by this path: the lint rule reads '../sync/' as src/sync, the resync's IO)
import { publicKeyJwk } from '../../domain/sync/signedHead';

export const BACKUP_KEY_DOC_ID = 'backupkey';

/** The central store's copy of the hospital's backup public key (never the private half). */
export const backupKeyDoc = z.strictObject({
  _id: z.literal(BACKUP_KEY_DOC_ID),
  _rev: z.optional(z.string().check(z.maxLength(64))),
  type: z.literal('backup-key'),
  hospital: z.string().check(z.minLength(1), z.maxLength(120)),
  keyId: z.string().check(z.regex(KEY_ID)),
  publicKey: backupPublicKey,
  /** The public half of the replacement signing key (absent for a key made before it existed). */
  signingKey: z.optional(publicKeyJwk),
  createdAt: z.iso.datetime(),
});

/**
 * A P-256 public key's short id: the first 64 bits of a SHA-256 of its point. It names the
 * hospital's backup key and fingerprints a device's signing key (the CLI's `--trust-key` compares
 * it with the one "This device" shows, so both must come from here).
 */
export const keyIdOf = (key: { x: string; y: string }) => sha256Hex(`${key.x}.${key.y}`).slice(0, 16);

/**
 * The public key as one line to paste or scan into a tablet: `DDBK1.<x>.<y>.<key id>`. The key id
 * at the end is a check: a line changed on the way does not match it.
 */
export const backupKeyText = (key: BackupPublicKey) => `DDBK1.${key.x}.${key.y}.${keyIdOf(key)}`;

export function parseBackupKeyText(text: string): BackupPublicKey | null {
  const [tag, x, y, id, extra] = text.trim().split('.');
  if (tag !== 'DDBK1' || extra !== undefined) return null;
  const parsed = backupPublicKey.safeParse({ kty: 'EC', crv: 'P-256', x, y });
  return parsed.success && keyIdOf(parsed.data) === id ? parsed.data : null;
}
