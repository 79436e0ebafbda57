import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Synchronous SHA-256 so that domain code stays pure and appends need no extra await. */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

export const HASH_PATTERN = /^[0-9a-f]{64}$/;
export const GENESIS_PREV = '0'.repeat(64);
