/**
 * PIN verifiers: PBKDF2-SHA-256 with a random salt through WebCrypto. Slow on purpose: a stolen
 * tablet's IndexedDB must not give away PINs cheaply. The PIN itself is never stored.
 */
export interface PinVerifier {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  hash: string;
}

export const PIN_ITERATIONS = 310_000;

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function makeVerifier(pin: string, iterations = PIN_ITERATIONS): Promise<PinVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toB64(salt), hash: toB64(await derive(pin, salt, iterations)) };
}

export async function checkPin(pin: string, verifier: PinVerifier): Promise<boolean> {
  const actual = await derive(pin, fromB64(verifier.salt), verifier.iterations);
  const expected = fromB64(verifier.hash);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i += 1) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}
