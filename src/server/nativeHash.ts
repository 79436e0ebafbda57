import { createHash } from 'node:crypto';
import { useSha256Hex } from '../domain/hash';

/** The server checks the hash of every pushed event: with Node's SHA-256, not the portable one. */
export function useNodeSha256(): void {
  useSha256Hex((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
}
