import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase64, toBase64, toBase64Url } from './base64';
import { isSealed, SEALED_PREFIX } from './sealedMark';

/**
 * Record sealing under the device's data key: AES-256-GCM for values, HMAC-SHA-256 for search
 * keys, each under its own key derived from the data key (HKDF), so a search key never doubles
 * as an encryption key. Synchronous on purpose: IndexedDB commits a transaction as soon as it
 * waits on anything but its own requests, so anything awaited (WebCrypto) between a read and a
 * write inside one would end it; rows are sealed and opened inside Dexie's transactions.
 * Reads that are done with their transaction (a name search's page of rows) open many values at
 * once through WebCrypto instead (unsealWith): native AES, tens of times cheaper per row than
 * this file's portable AES, and the same format.
 */
export interface RecordKeys {
  readonly seal: Uint8Array;
  readonly search: Uint8Array;
}

const utf8 = new TextDecoder();

const PREFIX = SEALED_PREFIX;
const IV_BYTES = 12;
/** 128 bits: collisions among a device's few million keys stay out of reach, and index entries small. */
const SEARCH_KEY_BYTES = 16;

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export function recordKeys(dataKey: Uint8Array): RecordKeys {
  if (dataKey.length !== 32) throw new SealError('the data key must be 32 bytes');
  const derive = (info: string) => hkdf(sha256, dataKey, undefined, utf8ToBytes(`downtime-desk ${info} v1`), 32);
  return { seal: derive('records'), search: derive('search keys') };
}

export { isSealed };

/**
 * `context` (the table and key, or the event id) is authenticated with the value: a sealed value
 * copied onto another record does not open there.
 */
export function seal(keys: RecordKeys, context: string, value: unknown): string {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const body = gcm(keys.seal, iv, utf8ToBytes(context)).encrypt(utf8ToBytes(JSON.stringify(value)));
  const out = new Uint8Array(IV_BYTES + body.length);
  out.set(iv);
  out.set(body, IV_BYTES);
  return PREFIX + toBase64(out);
}

export function unseal(keys: RecordKeys, context: string, sealed: string): unknown {
  if (!isSealed(sealed)) throw new SealError(`${context}: not a sealed value`);
  const bytes = fromBase64(sealed.slice(PREFIX.length));
  if (bytes.length <= IV_BYTES) throw new SealError(`${context}: sealed value too short`);
  let plain: Uint8Array;
  try {
    plain = gcm(keys.seal, bytes.subarray(0, IV_BYTES), utf8ToBytes(context)).decrypt(bytes.subarray(IV_BYTES));
  } catch {
    throw new SealError(`${context}: sealed value does not open with this device's key`);
  }
  return JSON.parse(utf8.decode(plain)) as unknown;
}

/** The seal key as a WebCrypto key, for unsealWith: not extractable, dropped on lock with the rest. */
export function importSealKey(keys: RecordKeys): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', keys.seal as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['decrypt']);
}

/** unseal through WebCrypto: what seal wrote (IV, then ciphertext and its 16-byte tag), the context authenticated alike. */
export async function unsealWith(key: CryptoKey, context: string, sealed: string): Promise<unknown> {
  if (!isSealed(sealed)) throw new SealError(`${context}: not a sealed value`);
  const bytes = fromBase64(sealed.slice(PREFIX.length));
  if (bytes.length <= IV_BYTES) throw new SealError(`${context}: sealed value too short`);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: utf8ToBytes(context) }, key, bytes.subarray(IV_BYTES));
  } catch {
    throw new SealError(`${context}: sealed value does not open with this device's key`);
  }
  return JSON.parse(utf8.decode(plain)) as unknown;
}

/** A keyed hash for an index: equal inputs of one kind give equal keys, and nothing else does. */
export function searchKey(keys: RecordKeys, kind: string, value: string): string {
  return toBase64Url(hmac(sha256, keys.search, utf8ToBytes(`${kind}\u0000${value}`)).subarray(0, SEARCH_KEY_BYTES));
}

/**
 * searchKey with the key's part of the HMAC worked out once (its inner and outer states): a key
 * then costs the hash of its message alone, two compressions fewer than hmac() each time. A fold
 * computes a dozen or more per patient row (stems, pairs, mobile, UHID), the largest CPU cost of
 * writing one. Same output as searchKey. `wipe` zeroes the states (lock).
 */
export function searchKeyer(keys: RecordKeys): { key: (kind: string, value: string) => string; wipe: () => void } {
  const keyed = hmac.create(sha256, keys.search);
  return {
    key: (kind, value) => toBase64Url(keyed.clone().update(utf8ToBytes(`${kind}\u0000${value}`)).digest().subarray(0, SEARCH_KEY_BYTES)),
    wipe: () => keyed.destroy(),
  };
}
