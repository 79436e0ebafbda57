import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { backupKeyId, generateBackupKey, type BackupPrivateKey } from '../crypto/bundleSeal';
import { generateSigningKey } from '../crypto/replacementSignature';
import type { BackupPublicKey } from '../domain/backup/header';
import { parseBackupKeyFile } from '../domain/backup/keyFile';
import { backupKeyText, BACKUP_KEY_DOC_ID, backupKeyDoc } from '../domain/backup/publicKeyText';
import { cleanText } from '../domain/text';
import { StartupError } from './errors';
import { couchRequest } from './http';
import type { SetupTarget } from './setup';


export interface HospitalBackupKey {
  hospital: string;
  keyId: string;
  privateKey: BackupPrivateKey;
}

/**
 * The hospital's backup key pair (`npm run central -- backup-key`). The private half goes into a
 * file readable only by its owner, for the central administrators to keep off the server (a USB
 * stick in the safe): only it opens backup bundles. The public half goes into the central store
 * (`backupkey`, read by tablets when their gate opens) and is printed as a line to enter on a
 * tablet at enrollment or on "This device".
 */
export async function createBackupKey(target: SetupTarget, hospital: string, outFile: string, now = new Date()): Promise<{ keyId: string; text: string }> {
  const name = cleanText(hospital);
  if (!name || name.length > 120) throw new StartupError('backup-key needs --hospital "<the hospital\'s name as enrolled on the tablets>" (at most 120 characters).');
  if (existsSync(outFile)) throw new StartupError(`${outFile} exists already: a second key would leave bundles sealed to the first unopenable. Move it away first if you mean to replace it.`);
  const existing = await couchRequest(target.url, `${target.db}/${BACKUP_KEY_DOC_ID}`, { auth: target.auth });
  if (existing.status === 200) throw new StartupError('The central store already has a backup key: tablets seal their bundles to it. Keep using its private file.');
  const { publicKey, privateKey } = await generateBackupKey();
  // A second pair, for signing only: a replacement tablet's statement (never the ECDH key for ECDSA).
  const signing = await generateSigningKey();
  const keyId = backupKeyId(publicKey);
  const file = { type: 'downtime-desk-backup-key', hospital: name, keyId, createdAt: now.toISOString(), privateKey, signingKey: signing.privateKey };
  writeFileSync(outFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  const doc = backupKeyDoc.parse({ _id: BACKUP_KEY_DOC_ID, type: 'backup-key', hospital: name, keyId, publicKey, signingKey: signing.publicKey, createdAt: now.toISOString() });
  const saved = await couchRequest(target.url, `${target.db}/${BACKUP_KEY_DOC_ID}`, { method: 'PUT', auth: target.auth, body: doc });
  if (saved.status !== 201 && saved.status !== 202) throw new StartupError(`The central store refused the backup key (HTTP ${saved.status}); the private file ${outFile} was written: remove it and try again.`);
  return { keyId, text: backupKeyText(publicKey) };
}

export function readBackupKey(path: string): HospitalBackupKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new StartupError(`Cannot read the backup key file ${path}: give it with --key FILE (made by "npm run central -- backup-key").`);
  }
  const file = parseBackupKeyFile(text);
  if (!file) throw new StartupError(`${path} is not a backup key file.`);
  const publicKey: BackupPublicKey = { kty: 'EC', crv: 'P-256', x: file.privateKey.x, y: file.privateKey.y };
  return { hospital: file.hospital, keyId: backupKeyId(publicKey), privateKey: file.privateKey };
}
