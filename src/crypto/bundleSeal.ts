import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { verifyHead, verifyText } from './headSignature';
import { fromBase64, toBase64Url } from './base64';
import {
  BUNDLE_FORMAT, BUNDLE_VERSION, MAX_FRAME_BYTES, MAX_HEADER_BYTES, backupPublicKey, bundleHeader, bundleMessage,
  type BackupPublicKey, type BundleHeader,
} from '../domain/backup/header';
import { BundleChainCheck, type BundledEvent } from '../domain/backup/chainCheck';
import { loadEveryEventFamily } from '../domain/events/families';
import { BundleRefusal } from '../domain/backup/refusal';
import { keyIdOf } from '../domain/backup/publicKeyText';
import { signedHead, type PublicKeyJwk, type SignedHead } from '../domain/sync/signedHead';

/**
 * Sealing a backup bundle to the hospital's backup key (hybrid, ECIES-like): an ephemeral ECDH
 * P-256 key agreed with the backup public key, HKDF-SHA-256 over the shared secret with a random
 * salt, and AES-256-GCM per frame. The tablet keeps neither the ephemeral private key nor the
 * frame key, so nothing stored on it can open a bundle it wrote. Each frame's nonce is its number
 * and whether it is the last, and every frame authenticates the header line: frames cannot be
 * reordered, dropped, cut off at the end or moved under another header.
 *
 * Layout: `<header JSON>\n` then frames of `<u32 big-endian length><ciphertext with tag>`. Event
 * frames hold a JSON array of events; the last frame holds the device's signatures.
 */
const HKDF_INFO = utf8ToBytes('downtime-desk bundle v1 frame key');
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

export interface BackupPrivateKey extends BackupPublicKey { d: string }

export interface BundleSigner {
  publicKey: PublicKeyJwk;
  signText(text: string): Promise<string>;
  signHead(seq: number, hash: string): Promise<SignedHead>;
}

interface Trailer { head: SignedHead; signature: string }

/** The backup key's id: the first 64 bits of a hash of its public point, printed beside it. */
export const backupKeyId = keyIdOf;

export async function generateBackupKey(): Promise<{ publicKey: BackupPublicKey; privateKey: BackupPrivateKey }> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const { x, y, d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicKey = backupPublicKey.parse({ kty: 'EC', crv: 'P-256', x, y });
  return { publicKey, privateKey: { ...publicKey, d: d! } };
}

function nonce(index: number, last: boolean): Uint8Array<ArrayBuffer> {
  const n = new Uint8Array(12);
  new DataView(n.buffer).setUint32(4, index);
  n[11] = last ? 1 : 0;
  return n;
}

async function frameKey(privateKey: CryptoKey, publicKey: BackupPublicKey, salt: Uint8Array): Promise<CryptoKey> {
  const peer = await crypto.subtle.importKey('jwk', { ...publicKey, ext: true }, ECDH, false, []);
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, privateKey, 256);
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: HKDF_INFO as BufferSource },
    material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function framed(body: ArrayBuffer): Uint8Array {
  const out = new Uint8Array(4 + body.byteLength);
  new DataView(out.buffer).setUint32(0, body.byteLength);
  out.set(new Uint8Array(body), 4);
  return out;
}

export interface SealArgs {
  hospital: string;
  device: string;
  from: number;
  to: number;
  prevHash: string;
  headHash: string;
  createdAt: string;
  recipient: BackupPublicKey;
  signer: BundleSigner;
  /** The events from `from` to `to`, in order, page by page; each page becomes one frame. */
  pages: AsyncIterable<BundledEvent[]>;
}

/** The bundle's bytes, piece by piece: a caller writes each piece out before asking for the next. */
export async function* sealBundle(args: SealArgs): AsyncGenerator<Uint8Array> {
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const { x, y } = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const header: BundleHeader = bundleHeader.parse({
    format: BUNDLE_FORMAT, version: BUNDLE_VERSION, hospital: args.hospital, device: args.device, from: args.from, to: args.to,
    prevHash: args.prevHash, headHash: args.headHash, createdAt: args.createdAt,
    recipient: { keyId: backupKeyId(args.recipient), ephemeral: { kty: 'EC', crv: 'P-256', x, y }, salt: toBase64Url(salt) },
    signer: args.signer.publicKey,
  });
  const line = utf8ToBytes(`${JSON.stringify(header)}\n`);
  const aad = sha256(line);
  const key = await frameKey(ephemeral.privateKey, args.recipient, salt);
  const content = sha256.create();
  yield line;
  let index = 0;
  const seal = async (plain: Uint8Array, last: boolean) =>
    framed(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce(index++, last), additionalData: aad as BufferSource }, key, plain as BufferSource));
  // The events are checked as they are sealed: a bundle that would be refused is never written.
  await loadEveryEventFamily();
  const check = new BundleChainCheck(header);
  for await (const page of args.pages) {
    if (page.length === 0) continue;
    for (const event of page) check.take(event);
    const plain = utf8ToBytes(JSON.stringify(page));
    content.update(plain);
    yield await seal(plain, false);
  }
  check.finish();
  const signature = await args.signer.signText(bundleMessage(bytesToHex(aad), bytesToHex(content.digest())));
  const trailer: Trailer = { head: await args.signer.signHead(args.to, args.headHash), signature };
  yield await seal(utf8ToBytes(JSON.stringify(trailer)), true);
}

/** Reads exact byte counts from a stream of chunks of any size. */
class Bytes {
  private buffered: Uint8Array[] = [];
  private size = 0;
  private done = false;
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async fill(n: number): Promise<void> {
    while (this.size < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else if (next.value.length) { this.buffered.push(next.value); this.size += next.value.length; }
    }
  }

  /** Exactly `n` bytes, or fewer when the stream ends first. */
  async take(n: number): Promise<Uint8Array> {
    await this.fill(n);
    const want = Math.min(n, this.size);
    const out = new Uint8Array(want);
    let at = 0;
    while (at < want) {
      const head = this.buffered[0]!;
      const part = Math.min(head.length, want - at);
      out.set(head.subarray(0, part), at);
      at += part;
      if (part === head.length) this.buffered.shift();
      else this.buffered[0] = head.subarray(part);
    }
    this.size -= want;
    return out;
  }

  /** The bytes up to and including the first newline, within `max` bytes; null if there is none. */
  async line(max: number): Promise<Uint8Array | null> {
    await this.fill(max);
    const joined = await this.peekAll(max);
    const end = joined.indexOf(10);
    return end < 0 ? null : this.take(end + 1);
  }

  private async peekAll(max: number): Promise<Uint8Array> {
    const n = Math.min(max, this.size);
    const out = new Uint8Array(n);
    let at = 0;
    for (const b of this.buffered) {
      if (at >= n) break;
      const part = b.subarray(0, n - at);
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.size === 0;
  }
}

export type OpenedPart =
  /** `lineHash`, `frameHash`: SHA-256 of the bytes read, so a second read can be held to the first. */
  | { kind: 'header'; header: BundleHeader; lineHash: string }
  | { kind: 'events'; events: BundledEvent[]; frameHash: string }
  /** Only after everything checked out: the chain, the seal to the end, the device's signatures. */
  | { kind: 'end'; header: BundleHeader; head: SignedHead };

/** The header alone, without any key: to say early whose bundle it is and what it holds. */
export async function readBundleHeader(source: AsyncIterable<Uint8Array>): Promise<BundleHeader> {
  return parseHeader(await new Bytes(source[Symbol.asyncIterator]()).line(MAX_HEADER_BYTES));
}

function parseHeader(line: Uint8Array | null): BundleHeader {
  if (!line) throw new BundleRefusal('notABundle', 'not a backup bundle (no header line)');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(line));
  } catch {
    throw new BundleRefusal('notABundle', 'not a backup bundle (the header is not JSON)');
  }
  const r = raw as { format?: unknown; version?: unknown };
  if (r?.format !== BUNDLE_FORMAT) throw new BundleRefusal('notABundle', 'not a backup bundle');
  if (r.version !== BUNDLE_VERSION) throw new BundleRefusal('unsupportedVersion', `bundle format version ${String(r.version)}: this release reads version ${BUNDLE_VERSION}`);
  const parsed = bundleHeader.safeParse(raw);
  if (!parsed.success) throw new BundleRefusal('corrupted', `the header is damaged (${parsed.error.issues[0]?.path.join('.') || 'header'})`);
  return parsed.data;
}

/**
 * Opens and checks a bundle as it streams: the header, then each frame's events (checked as a
 * chain), then `end` once the last frame and the device's signatures check out. Anything short
 * of `end` is a refusal, so a caller stores nothing before it (or reads the file twice).
 */
export async function* openBundle(source: AsyncIterable<Uint8Array>, key: BackupPrivateKey): AsyncGenerator<OpenedPart> {
  const bytes = new Bytes(source[Symbol.asyncIterator]());
  const line = await bytes.line(MAX_HEADER_BYTES);
  const header = parseHeader(line);
  if (header.recipient.keyId !== backupKeyId(key)) {
    throw new BundleRefusal('otherBackupKey', `sealed to backup key ${header.recipient.keyId}, not to this backup key ${backupKeyId(key)}`);
  }
  const aad = sha256(line!);
  yield { kind: 'header', header, lineHash: bytesToHex(aad) };
  const mine = await crypto.subtle.importKey('jwk', { ...key, ext: true }, ECDH, false, ['deriveBits']);
  const frames = await frameKey(mine, header.recipient.ephemeral, fromBase64(header.recipient.salt.replace(/-/g, '+').replace(/_/g, '/') + '=='));
  const content = sha256.create();
  await loadEveryEventFamily();
  const check = new BundleChainCheck(header);
  for (let index = 0; ; index += 1) {
    const length = await bytes.take(4);
    if (length.length === 0) throw new BundleRefusal('truncated', `the file ends after ${index} frames, before the device's signature: it was cut short`);
    if (length.length < 4) throw new BundleRefusal('truncated', 'the file ends inside a frame: it was cut short');
    const size = new DataView(length.buffer, length.byteOffset, 4).getUint32(0);
    if (size < 16 || size > MAX_FRAME_BYTES) throw new BundleRefusal('corrupted', `frame ${index + 1} has an impossible length: the file is damaged`);
    const body = await bytes.take(size);
    if (body.length < size) throw new BundleRefusal('truncated', `frame ${index + 1} is cut short: the file was truncated`);
    const plain = await decrypt(frames, index, body, aad);
    if (!plain) throw new BundleRefusal('corrupted', `frame ${index + 1} does not open: the file was changed, damaged or its frames reordered`);
    if (!plain.last) {
      content.update(plain.bytes);
      const events = parseJson(plain.bytes, index);
      if (!Array.isArray(events)) throw new BundleRefusal('corrupted', `frame ${index + 1} holds no events`);
      const frameHash = bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', body as BufferSource)));
      yield { kind: 'events', events: events.map((e) => check.take(e)), frameHash };
      continue;
    }
    if (!(await bytes.atEnd())) throw new BundleRefusal('corrupted', 'bytes follow the last frame: the file was changed');
    check.finish();
    const trailer = parseJson(plain.bytes, index) as Partial<Trailer>;
    const head = signedHead.safeParse(trailer?.head);
    const message = bundleMessage(bytesToHex(aad), bytesToHex(content.digest()));
    if (typeof trailer?.signature !== 'string' || !(await verifyText(header.signer, message, trailer.signature))) {
      throw new BundleRefusal('badSignature', `not signed by the key its header names: the bundle was altered or re-signed`);
    }
    if (!head.success || head.data.seq !== header.to || head.data.hash !== header.headHash || !(await verifyHead(header.signer, header.device, head.data))) {
      throw new BundleRefusal('badSignature', 'the signed head does not match the bundle');
    }
    yield { kind: 'end', header, head: head.data };
    return;
  }
}

async function decrypt(key: CryptoKey, index: number, body: Uint8Array, aad: Uint8Array): Promise<{ bytes: Uint8Array; last: boolean } | null> {
  for (const last of [false, true]) {
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce(index, last), additionalData: aad as BufferSource }, key, body as BufferSource);
      return { bytes: new Uint8Array(plain), last };
    } catch {
      // Not this nonce: try the other, then give up.
    }
  }
  return null;
}

function parseJson(bytes: Uint8Array, index: number): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new BundleRefusal('corrupted', `frame ${index + 1} is not readable`);
  }
}
