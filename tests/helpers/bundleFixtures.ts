import { buildEvent, type ChainHead } from '../../src/domain/events/envelope';
import { GENESIS_PREV } from '../../src/domain/hash';
import type { BundledEvent } from '../../src/domain/backup/chainCheck';
import { generateDeviceKey, signHead, signText } from '../../src/crypto/headSignature';
import { sealBundle, type BundleSigner, type SealArgs } from '../../src/crypto/bundleSeal';
import type { BackupPublicKey } from '../../src/domain/backup/header';
import type { BundleSink } from '../../src/device/backupDesk';

const letters = (i: number) => String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26), 65 + (Math.floor(i / 676) % 26), 65 + (Math.floor(i / 17576) % 26));

/** A device's chain of `n` events, each with a revision as PouchDB gives one. */
export function chainOf(device: string, n: number, start = Date.parse('2026-11-26T04:30:00.000Z')): BundledEvent[] {
  const events: BundledEvent[] = [];
  let head: ChainHead | null = null;
  for (let i = 0; i < n; i += 1) {
    const event: BundledEvent = buildEvent({
      type: 'user.added', device, head, at: new Date(start + i * 1000).toISOString(), by: 'Asha Verma',
      data: { name: `Clerk ${letters(i)}`, role: 'clerk' },
    }) as BundledEvent;
    head = { seq: event.seq, hash: event.hash };
    events.push({ ...event, _rev: `1-${(i + 1).toString(16).padStart(32, '0')}` });
  }
  return events;
}

export async function deviceSigner(device: string): Promise<BundleSigner & { device: string }> {
  const key = await generateDeviceKey();
  return {
    device, publicKey: key.publicKey,
    signText: (text) => signText(key.privateKey, text),
    signHead: (seq, hash) => signHead(key.privateKey, device, seq, hash),
  };
}

export async function* pagesOf<T>(items: T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function bytesOf(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of pieces) parts.push(p);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** A whole bundle's bytes for these events (from the first to the last given). */
export async function bundleBytes(events: BundledEvent[], recipient: BackupPublicKey, signer: BundleSigner, over: Partial<SealArgs> = {}) {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  return bytesOf(sealBundle({
    hospital: 'AIIMS New Delhi', device: first.device, from: first.seq, to: last.seq, prevHash: first.seq === 1 ? GENESIS_PREV : first.prev,
    headHash: last.hash, createdAt: '2026-12-03T10:42:00.000Z', recipient, signer, pages: pagesOf(events, 7), ...over,
  }));
}

/** The bytes as a stream of uneven chunks, as a file reader hands them over. */
export async function* streamOf(bytes: Uint8Array, chunk = 1000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
}

/** Where the tests have a tablet write its bundle: the pieces, kept in memory. */
export function memorySink(): BundleSink & { pieces: Uint8Array[]; closed: boolean } {
  const sink = {
    pieces: [] as Uint8Array[], closed: false,
    write: async (chunk: Uint8Array) => { sink.pieces.push(chunk); },
    close: async () => { sink.closed = true; },
    abort: async () => { sink.pieces.length = 0; },
  };
  return sink;
}
