import { headMessage, publicKeyJwk, type PublicKeyJwk, type SignedHead } from '../domain/sync/signedHead';

// WebCrypto, the same in the browser and in Node: the device signs, the gateway and verify check.
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

const toBase64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
const encode = (text: string) => new TextEncoder().encode(text);

/** A new key pair whose private half can sign but never be read out (not extractable). */
export async function generateDeviceKey(): Promise<{ privateKey: CryptoKey; publicKey: PublicKeyJwk }> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicKey: publicKeyJwk.parse({ kty, crv, x, y }) };
}

export async function signHead(privateKey: CryptoKey, device: string, seq: number, hash: string): Promise<SignedHead> {
  const signature = await crypto.subtle.sign(SIGNING, privateKey, encode(headMessage(device, seq, hash)));
  return { seq, hash, signature: toBase64url(signature) };
}

export async function verifyHead(publicKey: PublicKeyJwk, device: string, head: SignedHead): Promise<boolean> {
  return verifyText(publicKey, headMessage(device, head.seq, head.hash), head.signature);
}

/** A signature over any text (a backup bundle's digests), base64url. */
export async function signText(privateKey: CryptoKey, text: string): Promise<string> {
  return toBase64url(await crypto.subtle.sign(SIGNING, privateKey, encode(text)));
}

export async function verifyText(publicKey: PublicKeyJwk, text: string, signature: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('jwk', { ...publicKey, ext: true }, ALGORITHM, false, ['verify']);
    return await crypto.subtle.verify(SIGNING, key, fromBase64url(signature), encode(text));
  } catch {
    return false;
  }
}
