import * as z from 'zod/mini';
import { DEVICE_CODE } from '../device';
import { HASH_PATTERN } from '../hash';
import { MAX_SEQ } from '../events/envelope';
// (by this path: the lint rule reads '../sync/' as src/sync, the resync's IO)
import { publicKeyJwk } from '../../domain/sync/signedHead';

/**
 * A replacement statement (issue 16, point 3): "the tablet with key `newKey` replaces the lost one
 * with key `oldKey` under device code `device`, restored up to event `seq` (`hash`)". Only a
 * holder of the hospital's private backup key file can sign it (the restore reads that file), so a
 * thief with the lost tablet's device account cannot take over a code; the central gateway checks
 * it when the replacement registers its key, and then retires the old key.
 */
export const replacementStatement = z.strictObject({
  type: z.literal('device-replacement'),
  version: z.literal(1),
  hospital: z.string().check(z.minLength(1), z.maxLength(120)),
  device: z.string().check(z.regex(DEVICE_CODE)),
  newKey: publicKeyJwk,
  oldKey: publicKeyJwk,
  /** The last restored event: the store must not hold this code beyond it (the numbers go on from here). */
  seq: z.number().check(z.int(), z.gte(1), z.lte(MAX_SEQ)),
  hash: z.string().check(z.regex(HASH_PATTERN)),
  at: z.iso.datetime(),
  /** The id of the signing key (keyIdOf of its public half), to say which one a refusal expected. */
  signingKeyId: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
  signature: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_-]+$/)),
});
export type ReplacementStatement = z.output<typeof replacementStatement>;
export type UnsignedStatement = Omit<ReplacementStatement, 'signature'>;

/** What is signed: every field but the signature, in a fixed order, as JSON (no text can run into the next). */
export function replacementMessage(s: UnsignedStatement): string {
  return JSON.stringify(['downtime-desk replacement v1', s.hospital, s.device, s.newKey.x, s.newKey.y, s.oldKey.x, s.oldKey.y, s.seq, s.hash, s.at, s.signingKeyId]);
}

/**
 * Whether the store's newest event of the code lets the replacement go on after `seq`: none
 * stored, or stored up to `seq` at most (and, at `seq` itself, the same event). A store holding the
 * code beyond the restored event means the lost tablet synced after its bundle: the replacement's
 * next numbers would repeat stored ones (the tablet's own behindStore check, held on the server).
 */
export function storeBeyondRestore(statement: Pick<ReplacementStatement, 'seq' | 'hash'>, newest: { seq: number; hash: string } | null): string | null {
  if (!newest) return null;
  if (newest.seq > statement.seq) return `the central store holds events of this code up to ${newest.seq}, beyond the restored ${statement.seq}: the lost tablet synced after its bundle`;
  if (newest.seq === statement.seq && newest.hash !== statement.hash) return `the central store holds event ${newest.seq} of this code in another version than the restored one`;
  return null;
}
