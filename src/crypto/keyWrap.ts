import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase64, toBase64 } from './base64';

/**
 * The device's data key wrapped (AES-256-GCM) under a key-encryption key: from a user's PIN
 * through PBKDF2-SHA-256 (slow on purpose: a PIN has few digits), or from the recovery code
 * through HKDF (its 160 random bits need no slowing down). A wrong PIN fails GCM's check: the
 * unwrap itself is the PIN check, and nothing else about the PIN is stored.
 */
export interface KeyWrap {
  kdf: 'PBKDF2-SHA-256' | 'HKDF-SHA-256';
  iterations: number;
  salt: string;
  wrapped: string;
}

export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const AAD = utf8ToBytes('downtime-desk data key v1');

export const newDataKey = (): Uint8Array => crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));

async function pinKek(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', utf8ToBytes(pin) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, 256));
}

const recoveryKek = (code: Uint8Array, salt: Uint8Array) => hkdf(sha256, code, salt, utf8ToBytes('downtime-desk recovery v1'), 32);

function wrapUnder(kek: Uint8Array, dataKey: Uint8Array): string {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const body = gcm(kek, iv, AAD).encrypt(dataKey);
  const out = new Uint8Array(IV_BYTES + body.length);
  out.set(iv);
  out.set(body, IV_BYTES);
  return toBase64(out);
}

function unwrapUnder(kek: Uint8Array, wrapped: string): Uint8Array | null {
  const bytes = fromBase64(wrapped);
  try {
    const key = gcm(kek, bytes.subarray(0, IV_BYTES), AAD).decrypt(bytes.subarray(IV_BYTES));
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

export async function wrapWithPin(dataKey: Uint8Array, pin: string, iterations: number): Promise<KeyWrap> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), wrapped: wrapUnder(await pinKek(pin, salt, iterations), dataKey) };
}

export function wrapWithRecovery(dataKey: Uint8Array, code: Uint8Array): KeyWrap {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { kdf: 'HKDF-SHA-256', iterations: 0, salt: toBase64(salt), wrapped: wrapUnder(recoveryKek(code, salt), dataKey) };
}

/** The data key, or null when the PIN or code is wrong. */
export async function unwrap(wrap: KeyWrap, secret: string | Uint8Array): Promise<Uint8Array | null> {
  const salt = fromBase64(wrap.salt);
  if (wrap.kdf === 'PBKDF2-SHA-256' && typeof secret === 'string') return unwrapUnder(await pinKek(secret, salt, wrap.iterations), wrap.wrapped);
  if (wrap.kdf === 'HKDF-SHA-256' && typeof secret !== 'string') return unwrapUnder(recoveryKek(secret, salt), wrap.wrapped);
  return null;
}
