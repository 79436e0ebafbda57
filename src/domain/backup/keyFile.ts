import { z } from 'zod';
import { backupPublicKey } from './header';

/** The private backup key file `npm run central -- backup-key` writes (JSON). */
export const backupKeyFile = z.strictObject({
  type: z.literal('downtime-desk-backup-key'),
  hospital: z.string().min(1).max(120),
  keyId: z.string(),
  createdAt: z.string(),
  privateKey: backupPublicKey.extend({ d: z.string().min(43).max(43) }),
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
