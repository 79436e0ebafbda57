import { fromBase64, toBase64 } from '../crypto/base64';

/**
 * PIN verifiers of the release before encryption at rest (PBKDF2-SHA-256, random salt). A user
 * who still has one logs in with it once: the first such login on a device makes its data key
 * (see Accounts.login). Users made since hold a key wrap instead (src/crypto/keyWrap.ts).
 */
export interface PinVerifier {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  hash: string;
}

export const PIN_ITERATIONS = 310_000;

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function checkPin(pin: string, verifier: PinVerifier): Promise<boolean> {
  const actual = await derive(pin, fromBase64(verifier.salt), verifier.iterations);
  const expected = fromBase64(verifier.hash);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i += 1) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

/** A verifier as the release before encryption at rest made them: tests build such devices with it. */
export async function makeVerifier(pin: string, iterations = PIN_ITERATIONS): Promise<PinVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(await derive(pin, salt, iterations)) };
}
