import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_NAME = 'admin';

export const passwordFile = (dataDir: string) => join(dataDir, 'admin-password');

/** The saved password, or null when none was ever generated for this data folder. */
export function readSavedPassword(dataDir: string): string | null {
  try {
    const text = readFileSync(passwordFile(dataDir), 'utf8').trim();
    return text || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Generate and save a password before it is given to the store: if we crashed in between, a store
 * with an admin whose password is nowhere written down would lock everyone out.
 * Mode 0600 because this password opens every patient record.
 */
export function generateAndSavePassword(dataDir: string): string {
  const password = randomBytes(24).toString('base64url');
  writeFileSync(passwordFile(dataDir), `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}
