import { createWriteStream, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBackupKey, openBundle, sealBundle } from '../../src/crypto/bundleSeal';
import type { BundledEvent } from '../../src/domain/backup/chainCheck';
import { EVENTS_PER_FRAME } from '../../src/domain/backup/header';
import { GENESIS_PREV } from '../../src/domain/hash';
import type { AnyEvent } from '../../src/domain/events/envelope';
import { syntheticEvents } from '../helpers/synthetic/events';
import { deviceSigner } from '../helpers/bundleFixtures';

/** One desk's chain of `n` synthetic events, generated page by page (never all in memory). */
function* deskPages(n: number): Generator<BundledEvent[]> {
  const gen = syntheticEvents({ seed: 2026, patients: Number.MAX_SAFE_INTEGER, desks: ['K7'], lab: 'L1' });
  let page: BundledEvent[] = [];
  let count = 0;
  while (count < n) {
    const r = gen.next();
    if (r.done) break;
    const e = r.value as AnyEvent;
    if (e.device !== 'K7') continue;
    page.push({ ...e, _rev: `1-${e.hash.slice(0, 32)}` });
    count += 1;
    if (page.length === EVENTS_PER_FRAME) { yield page; page = []; }
  }
  if (page.length) yield page;
}

/**
 * A backup bundle of `events` events: sealed to a file and opened again (every check), in Node
 * with WebCrypto, as the tablet's and the CLI's code does. Peak JS heap is sampled at every
 * frame. The events are generated as they go, so what is measured is the format, not IndexedDB
 * (the tablet's log read is the resync's own page read). Targets are reported, never asserted.
 */
export async function bundleSuite(events: number) {
  const dir = mkdtempSync(join(tmpdir(), 'dd-bench-bundle-'));
  const path = join(dir, 'bench.ddbundle');
  try {
    // The head is needed for the header: one pass to find it (cheap: generation only).
    let head = { seq: 0, hash: GENESIS_PREV };
    const g0 = performance.now();
    for (const page of deskPages(events)) { const last = page[page.length - 1]!; head = { seq: last.seq, hash: last.hash }; }
    const generateMs = performance.now() - g0;
    const backup = await generateBackupKey();
    const signer = await deviceSigner('K7');
    let peak = 0;
    const sample = () => { peak = Math.max(peak, process.memoryUsage().heapUsed); };
    globalThis.gc?.();
    const base = process.memoryUsage().heapUsed;
    async function* pages() { for (const page of deskPages(events)) { sample(); yield page; } }

    const t0 = performance.now();
    const out = createWriteStream(path);
    for await (const piece of sealBundle({
      hospital: 'AIIMS New Delhi', device: 'K7', from: 1, to: head.seq, prevHash: GENESIS_PREV, headHash: head.hash,
      createdAt: new Date().toISOString(), recipient: backup.publicKey, signer, pages: pages(),
    })) {
      if (!out.write(piece)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const writeMs = performance.now() - t0;
    const writePeak = peak - base;

    peak = 0;
    globalThis.gc?.();
    const t1 = performance.now();
    let opened = 0;
    for await (const part of openBundle(createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>, backup.privateKey)) {
      sample();
      if (part.kind === 'events') opened += part.events.length;
    }
    const readMs = performance.now() - t1;
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    console.log(`bundle: ${head.seq} events, file ${mb(statSync(path).size)} MB`);
    const sealMs = Math.max(1, writeMs - generateMs);
    console.log(`  write (check + seal + sign): ${(sealMs / 1000).toFixed(2)} s without generating the events (${(generateMs / 1000).toFixed(2)} s), ${Math.round(head.seq / (sealMs / 1000))} events/s (target: 100,000 in ≤ 30 s), peak heap +${mb(Math.max(0, writePeak))} MB over the start`);
    console.log(`  open + verify:        ${(readMs / 1000).toFixed(2)} s, ${opened} events, peak heap ${mb(peak - base)} MB over the start`);
    return { events: head.seq, writeMs, generateMs, readMs, writePeakBytes: writePeak, readPeakBytes: peak - base, bytes: statSync(path).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
