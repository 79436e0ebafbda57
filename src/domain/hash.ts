import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

type Sha256Hex = (text: string) => string;

let implementation: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** Synchronous SHA-256 so that domain code stays pure and appends need no extra await. */
export const sha256Hex: Sha256Hex = (text) => implementation(text);

/**
 * A faster SHA-256 for where the platform has one (the server: Node's own, about ten times the
 * speed of the portable one on every pushed event's hash check). It must give the same digests.
 */
export function useSha256Hex(faster: Sha256Hex): void {
  implementation = faster;
}

export const HASH_PATTERN = /^[0-9a-f]{64}$/;
export const GENESIS_PREV = '0'.repeat(64);
