import { publicKeyJwk, type PublicKeyJwk } from '../domain/sync/signedHead';
import { replacementMessage, type ReplacementStatement, type UnsignedStatement } from '../domain/backup/replacement';
import { keyIdOf } from '../domain/backup/publicKeyText';
import { verifyText } from './headSignature';

/**
 * The hospital's replacement signing key: ECDSA P-256, its own pair beside the backup key's ECDH
 * pair (one key is never used for both), made by `npm run central -- backup-key`. The private half
 * lives in the private backup key file only; the public half is in the store's `backupkey` document.
 */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface SigningPrivateKey extends PublicKeyJwk { d: string }

export async function generateSigningKey(): Promise<{ publicKey: PublicKeyJwk; privateKey: SigningPrivateKey }> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const { x, y, d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicKey = publicKeyJwk.parse({ kty: 'EC', crv: 'P-256', x, y });
  return { publicKey, privateKey: { ...publicKey, d: d! } };
}

const toBase64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export interface ReplacementSigner {
  keyId: string;
  key: CryptoKey;
}

/**
 * The key file's signing key as a key object that cannot be read back (not extractable): a
 * restore imports it when it reads the file, so a damaged one is refused before anything is
 * enrolled, and keeps only this until the new tablet's key exists.
 */
export async function importSigningKey(privateKey: SigningPrivateKey): Promise<ReplacementSigner> {
  const key = await crypto.subtle.importKey('jwk', { ...privateKey, ext: false }, ALGORITHM, false, ['sign']);
  return { keyId: keyIdOf(privateKey), key };
}

export async function signReplacement(signer: SigningPrivateKey | ReplacementSigner, statement: Omit<UnsignedStatement, 'signingKeyId'>): Promise<ReplacementStatement> {
  const { key, keyId } = 'd' in signer ? await importSigningKey(signer) : signer;
  const unsigned: UnsignedStatement = { ...statement, signingKeyId: keyId };
  const signature = await crypto.subtle.sign(SIGNING, key, new TextEncoder().encode(replacementMessage(unsigned)));
  return { ...unsigned, signature: toBase64url(signature) };
}

export async function verifyReplacement(publicKey: PublicKeyJwk, statement: ReplacementStatement): Promise<boolean> {
  const { signature, ...unsigned } = statement;
  return verifyText(publicKey, replacementMessage(unsigned), signature);
}
