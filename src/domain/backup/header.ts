import * as z from 'zod/mini';
import { DEVICE_CODE } from '../device';
import { HASH_PATTERN } from '../hash';
import { MAX_SEQ } from '../events/envelope';
// (by this path: the lint rule reads '../sync/' as src/sync, the resync's IO)
import { publicKeyJwk } from '../../domain/sync/signedHead';

/**
 * A backup bundle is one file: this header as one line of JSON (readable without any key: who
 * made it, which events, for which backup key), then sealed frames (src/crypto/bundleSeal.ts).
 * Nothing in the header says anything about a patient; the file name repeats most of it.
 */
export const BUNDLE_FORMAT = 'downtime-desk-bundle';
export const BUNDLE_VERSION = 1;
/** A header is a few hundred bytes; anything longer is not one of ours. */
export const MAX_HEADER_BYTES = 4096;
/** Events per sealed frame: a frame is what a reader holds in memory at once (about 0.5 MB). */
export const EVENTS_PER_FRAME = 500;
/** No frame of ours comes near this; a larger length field is corruption, not a reason to allocate. */
export const MAX_FRAME_BYTES = 24 * 1024 * 1024;

const base64url = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max), z.regex(/^[A-Za-z0-9_-]+$/, 'base64url'));
export const KEY_ID = /^[0-9a-f]{16}$/;

/** The public half of the hospital's backup key (ECDH P-256), as a JWK with the curve point only. */
export const backupPublicKey = z.strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url(43, 43), y: base64url(43, 43) });
export type BackupPublicKey = z.output<typeof backupPublicKey>;

export const bundleHeader = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  hospital: z.string().check(z.minLength(1), z.maxLength(120)),
  device: z.string().check(z.regex(DEVICE_CODE)),
  /** The first and last sequence inside; `prevHash` is the hash of the event before `from`. */
  from: z.number().check(z.int(), z.gte(1), z.lte(MAX_SEQ)),
  to: z.number().check(z.int(), z.gte(1), z.lte(MAX_SEQ)),
  prevHash: z.string().check(z.regex(HASH_PATTERN)),
  headHash: z.string().check(z.regex(HASH_PATTERN)),
  createdAt: z.iso.datetime(),
  /** The backup key it is sealed to (its id), the ephemeral half of the key agreement, the HKDF salt. */
  recipient: z.strictObject({ keyId: z.string().check(z.regex(KEY_ID)), ephemeral: backupPublicKey, salt: base64url(22, 22) }),
  /** The device's signing key: the central store compares it with the key the device registered. */
  signer: publicKeyJwk,
}).check(z.refine((h) => h.from <= h.to, { path: ['to'], message: 'rangeOrder' }));
export type BundleHeader = z.output<typeof bundleHeader>;

/** What the device's signature at the end of the bundle covers: the header line and every event frame. */
export const bundleMessage = (headerDigest: string, contentDigest: string) => `downtime-desk bundle v1 ${headerDigest} ${contentDigest}`;

/** `AIIMS-New-Delhi_K7_1-4200_2026-12-03T1042Z.ddbundle`: sortable, and safe on every file system. */
export function bundleFileName(h: Pick<BundleHeader, 'hospital' | 'device' | 'from' | 'to' | 'createdAt'>): string {
  const hospital = h.hospital.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'hospital';
  const time = h.createdAt.slice(0, 16).replace(/:/g, '') + 'Z';
  return `${hospital}_${h.device}_${h.from}-${h.to}_${time}.ddbundle`;
}
