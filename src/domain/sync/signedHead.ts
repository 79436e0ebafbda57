import * as z from 'zod/mini';
import { DEVICE_CODE } from '../device';
import { HASH_PATTERN } from '../hash';

/**
 * A device vouches for its chain by signing its head (sequence and hash) with its own key: a
 * store administrator who rewrites, truncates or extends the chain cannot make the head match.
 */
export const headMessage = (device: string, seq: number, hash: string) => `downtime-desk head v1 ${device} ${seq} ${hash}`;

const base64url = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9_-]+$/, 'base64url'));

export const signedHead = z.strictObject({
  seq: z.number().check(z.int(), z.gte(1)),
  hash: z.string().check(z.regex(HASH_PATTERN, 'hashFormat')),
  signature: base64url(200),
});
export type SignedHead = z.output<typeof signedHead>;

/** The public half of a device's ECDSA P-256 key, as a JWK with nothing but the curve point. */
export const publicKeyJwk = z.strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url(64), y: base64url(64) });
export type PublicKeyJwk = z.output<typeof publicKeyJwk>;

export const deviceKeyId = (device: string) => `devicekey:${device}`;
export const DEVICE_KEY_ID = /^devicekey:([A-Z0-9]{2,3})$/;

export const deviceKeyDoc = z.strictObject({
  _id: z.string().check(z.regex(DEVICE_KEY_ID)),
  _rev: z.optional(z.string().check(z.maxLength(64))),
  type: z.literal('device-key'),
  device: z.string().check(z.regex(DEVICE_CODE)),
  publicKey: publicKeyJwk,
  registeredAt: z.iso.datetime(),
});
export type DeviceKeyDoc = z.output<typeof deviceKeyDoc>;

/** The header a push carries: the batch's last event, signed. `<seq>.<hash>.<signature>`. */
export const SIGNED_HEAD_HEADER = 'x-dd-signed-head';
export const headerOf = (head: SignedHead) => `${head.seq}.${head.hash}.${head.signature}`;
export function headFromHeader(value: string | undefined): SignedHead | null {
  const [seq, hash, signature, extra] = (value ?? '').split('.');
  if (extra !== undefined || !seq || !/^\d{1,10}$/.test(seq)) return null;
  const parsed = signedHead.safeParse({ seq: Number(seq), hash, signature });
  return parsed.success ? parsed.data : null;
}

export const sameKey = (a: PublicKeyJwk, b: PublicKeyJwk) => a.x === b.x && a.y === b.y && a.crv === b.crv;
