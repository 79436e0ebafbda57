import { describe, expect, it } from 'vitest';
import { backupKeyId, generateBackupKey, openBundle, readBundleHeader, sealBundle, type OpenedPart } from '../../src/crypto/bundleSeal';
import { BundleChainCheck } from '../../src/domain/backup/chainCheck';
import { bundleFileName, type BundleHeader } from '../../src/domain/backup/header';
import { judgeNovelty, requireHospital } from '../../src/domain/backup/held';
import { BundleRefusal, REFUSAL_CODES } from '../../src/domain/backup/refusal';
import { SameRead } from '../../src/domain/backup/sameRead';
import { strings as backupEn } from '../../src/ui/i18n/strings/backup.en';
import { strings as backupHi } from '../../src/ui/i18n/strings/backup.hi';
import { bundleReminder } from '../../src/domain/backup/reminder';
import { GENESIS_PREV } from '../../src/domain/hash';
import { bundleBytes, bytesOf, chainOf, deviceSigner, pagesOf, streamOf } from '../helpers/bundleFixtures';

async function openAll(bytes: Uint8Array, key: Parameters<typeof openBundle>[1]): Promise<OpenedPart[]> {
  const parts: OpenedPart[] = [];
  for await (const part of openBundle(streamOf(bytes, 777), key)) parts.push(part);
  return parts;
}

async function refusalOf(run: Promise<unknown>): Promise<BundleRefusal> {
  const err = await run.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BundleRefusal);
  return err as BundleRefusal;
}

const frameStarts = (bytes: Uint8Array) => {
  const starts: number[] = [];
  let at = bytes.indexOf(10) + 1;
  while (at < bytes.length) {
    starts.push(at);
    at += 4 + new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
  }
  return starts;
};

describe('backup bundle: sealed to the hospital, signed by the device', () => {
  it('opens with the backup key into the same events, in order, ending with the signed head', async () => {
    const backup = await generateBackupKey();
    const signer = await deviceSigner('K7');
    const events = chainOf('K7', 30);
    const bytes = await bundleBytes(events, backup.publicKey, signer);
    const parts = await openAll(bytes, backup.privateKey);
    expect(parts[0]).toMatchObject({ kind: 'header', header: { hospital: 'AIIMS New Delhi', device: 'K7', from: 1, to: 30, headHash: events[29]!.hash } });
    const opened = parts.flatMap((p) => (p.kind === 'events' ? p.events : []));
    expect(opened).toEqual(events);
    expect(parts.at(-1)).toMatchObject({ kind: 'end', head: { seq: 30, hash: events[29]!.hash } });
  });

  it('holds no event readable without the backup key', async () => {
    const backup = await generateBackupKey();
    const events = chainOf('K7', 10);
    const text = new TextDecoder('latin1').decode(await bundleBytes(events, backup.publicKey, await deviceSigner('K7')));
    expect(text).not.toContain('Clerk');
    expect(text).not.toContain(events[3]!.hash);
  });

  it('refuses a bundle sealed to another backup key', async () => {
    const backup = await generateBackupKey();
    const other = await generateBackupKey();
    const bytes = await bundleBytes(chainOf('K7', 5), backup.publicKey, await deviceSigner('K7'));
    expect((await refusalOf(openAll(bytes, other.privateKey))).code).toBe('otherBackupKey');
  });

  it('refuses a truncated bundle, cut anywhere, before its end is reported', async () => {
    const backup = await generateBackupKey();
    const bytes = await bundleBytes(chainOf('K7', 30), backup.publicKey, await deviceSigner('K7'));
    const starts = frameStarts(bytes);
    for (const cut of [starts.at(-1)!, starts[2]!, starts[2]! + 2, bytes.length - 1, bytes.indexOf(10) + 1]) {
      const parts: OpenedPart[] = [];
      const err = await refusalOf((async () => { for await (const p of openBundle(streamOf(bytes.slice(0, cut)), backup.privateKey)) parts.push(p); })());
      expect(err.code).toBe('truncated');
      expect(parts.some((p) => p.kind === 'end')).toBe(false);
    }
    expect((await refusalOf(openAll(bytes.slice(0, 20), backup.privateKey))).code).toBe('notABundle');
  });

  it('refuses a changed byte, swapped frames, a changed header and bytes after the end', async () => {
    const backup = await generateBackupKey();
    const bytes = await bundleBytes(chainOf('K7', 30), backup.publicKey, await deviceSigner('K7'));
    const starts = frameStarts(bytes);
    const flipped = bytes.slice();
    flipped[starts[1]! + 40]! ^= 1;
    expect((await refusalOf(openAll(flipped, backup.privateKey))).code).toBe('corrupted');

    // Frames 3 and 4 hold events 15–21 and 22–28: the same length, so only their order changes.
    const a = bytes.slice(starts[2]!, starts[3]!);
    const b = bytes.slice(starts[3]!, starts[4]!);
    expect(a.length).toBe(b.length);
    const swapped = bytes.slice();
    swapped.set(b, starts[2]!);
    swapped.set(a, starts[3]!);
    expect((await refusalOf(openAll(swapped, backup.privateKey))).code).toBe('corrupted');
    const text = new TextDecoder().decode(bytes);
    const renamed = new TextEncoder().encode(text.replace('"hospital":"AIIMS New Delhi"', '"hospital":"AIIMS New Delhx"'));
    expect((await refusalOf(openAll(renamed, backup.privateKey))).code).toBe('corrupted');

    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect((await refusalOf(openAll(longer, backup.privateKey))).code).toBe('corrupted');
  });

  it('refuses a bundle whose signature is not by the key its header names', async () => {
    const backup = await generateBackupKey();
    const device = await deviceSigner('K7');
    const impostor = await deviceSigner('K7');
    const bytes = await bundleBytes(chainOf('K7', 10), backup.publicKey, { ...impostor, publicKey: device.publicKey });
    const err = await refusalOf(openAll(bytes, backup.privateKey));
    expect(err.code).toBe('badSignature');
  });

  it('never writes a bundle whose events do not form the chain its header names', async () => {
    const backup = await generateBackupKey();
    const events = chainOf('K7', 10);
    const gap = [...events.slice(0, 4), ...events.slice(5)];
    const err = await refusalOf(bundleBytes(gap, backup.publicKey, await deviceSigner('K7')));
    expect(err.code).toBe('chainBroken');
    const short = await refusalOf(bundleBytes(events.slice(0, 8), backup.publicKey, await deviceSigner('K7'), { to: 10, headHash: events[9]!.hash }));
    expect(short.code).toBe('truncated');
  });

  it('reads the header alone without any key, and names the file after it', async () => {
    const backup = await generateBackupKey();
    const bytes = await bundleBytes(chainOf('K7', 3), backup.publicKey, await deviceSigner('K7'));
    const header = await readBundleHeader(streamOf(bytes));
    expect(header.recipient.keyId).toBe(backupKeyId(backup.publicKey));
    expect(bundleFileName(header)).toBe('AIIMS-New-Delhi_K7_1-3_2026-12-03T1042Z.ddbundle');
  });

  it('a bundle since an earlier one starts from the event after it', async () => {
    const backup = await generateBackupKey();
    const events = chainOf('K7', 20);
    const bytes = await bytesOf(sealBundle({
      hospital: 'AIIMS New Delhi', device: 'K7', from: 11, to: 20, prevHash: events[9]!.hash, headHash: events[19]!.hash,
      createdAt: '2026-12-03T10:42:00.000Z', recipient: backup.publicKey, signer: await deviceSigner('K7'), pages: pagesOf(events.slice(10), 4),
    }));
    const parts = await openAll(bytes, backup.privateKey);
    expect(parts.flatMap((p) => (p.kind === 'events' ? p.events.map((e) => e.seq) : []))).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });
});

describe('bundle checks against what is held', () => {
  const header = (over: Partial<BundleHeader> = {}) => ({
    format: 'downtime-desk-bundle', version: 1, hospital: 'AIIMS New Delhi', device: 'K7', from: 1, to: 10, prevHash: GENESIS_PREV,
    headHash: 'a'.repeat(64), createdAt: '2026-12-03T10:42:00.000Z',
    recipient: { keyId: '0123456789abcdef', ephemeral: { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) }, salt: 's'.repeat(22) },
    signer: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, ...over,
  }) as BundleHeader;

  it('takes a bundle past what is held, says "already held" for the same head, refuses an older one and another version', () => {
    expect(judgeNovelty(header(), null)).toEqual({ kind: 'new' });
    expect(judgeNovelty(header(), { seq: 6, hashAtTo: null })).toEqual({ kind: 'new' });
    expect(judgeNovelty(header(), { seq: 10, hashAtTo: 'a'.repeat(64) })).toEqual({ kind: 'alreadyHeld' });
    expect(() => judgeNovelty(header(), { seq: 12, hashAtTo: 'a'.repeat(64) })).toThrow(expect.objectContaining({ code: 'olderThanHeld' }));
    expect(() => judgeNovelty(header(), { seq: 10, hashAtTo: 'b'.repeat(64) })).toThrow(expect.objectContaining({ code: 'forked' }));
  });

  it('refuses another hospital by its backup key and by its name', () => {
    expect(() => requireHospital(header(), 'AIIMS New Delhi', '0123456789abcdef')).not.toThrow();
    expect(() => requireHospital(header(), 'AIIMS New Delhi', 'fedcba9876543210')).toThrow(expect.objectContaining({ code: 'otherBackupKey' }));
    expect(() => requireHospital(header(), 'Safdarjung Hospital', '0123456789abcdef')).toThrow(expect.objectContaining({ code: 'wrongHospital' }));
  });

  it('the chain check names a changed event, a foreign one and one out of place', () => {
    const events = chainOf('K7', 5);
    const h = header({ to: 5, headHash: events[4]!.hash });
    const run = (docs: unknown[]) => { const c = new BundleChainCheck(h); for (const d of docs) c.take(d); c.finish(); };
    expect(() => run(events)).not.toThrow();
    expect(() => run([events[0], { ...events[1]!, by: 'Mallory' }])).toThrow(expect.objectContaining({ code: 'chainBroken' }));
    expect(() => run([events[1]])).toThrow(expect.objectContaining({ code: 'chainBroken' }));
    expect(() => run([...events.slice(0, 4), chainOf('L1', 5)[4]])).toThrow(expect.objectContaining({ code: 'chainBroken' }));
    expect(() => run(events.map(({ _rev: _r, ...e }) => e))).toThrow(expect.objectContaining({ code: 'chainBroken' }));
    expect(() => run(events.slice(0, 4))).toThrow(expect.objectContaining({ code: 'truncated' }));
  });
});

describe('the bundle reminder', () => {
  const every = { hours: 12, events: 500 };
  const now = new Date('2026-12-03T12:00:00.000Z');
  it('waits while the last bundle is recent and few events are outside it', () => {
    expect(bundleReminder({ lastAt: '2026-12-03T02:00:00.000Z', enrolledAt: '2026-11-26T04:30:00.000Z', notInBundle: 499, now, every })).toBeNull();
    expect(bundleReminder({ lastAt: '2026-11-01T00:00:00.000Z', enrolledAt: '2026-11-01T00:00:00.000Z', notInBundle: 0, now, every })).toBeNull();
  });
  it('reminds after the hours, after the events, and a device that never made one', () => {
    expect(bundleReminder({ lastAt: '2026-12-02T23:00:00.000Z', enrolledAt: '2026-11-26T04:30:00.000Z', notInBundle: 3, now, every })).toEqual({ reason: 'hours', hours: 13, events: 3 });
    expect(bundleReminder({ lastAt: '2026-12-03T11:00:00.000Z', enrolledAt: '2026-11-26T04:30:00.000Z', notInBundle: 500, now, every })).toEqual({ reason: 'events', hours: 1, events: 500 });
    expect(bundleReminder({ lastAt: null, enrolledAt: '2026-12-03T11:00:00.000Z', notInBundle: 500, now, every })).toEqual({ reason: 'never', events: 500 });
    expect(bundleReminder({ lastAt: null, enrolledAt: '2026-12-03T11:00:00.000Z', notInBundle: 20, now, every })).toBeNull();
  });
});

describe('refusal reasons on screen', () => {
  it('every refusal code has its English and Hindi reason', () => {
    for (const code of REFUSAL_CODES) {
      expect(backupEn.backup.refusedCode[code], code).toMatch(/\w/);
      expect(backupHi.backup.refusedCode[code], code).toMatch(/\S/);
    }
  });
});

describe('the second read of a bundle', () => {
  const checked = () => {
    const first = new SameRead();
    first.saw({ kind: 'header', lineHash: 'h1' });
    first.saw({ kind: 'events', frameHash: 'f1' });
    first.saw({ kind: 'events', frameHash: 'f2' });
    return first;
  };
  it('takes the same header and frames, and refuses another header, a changed, an extra or a missing frame', () => {
    const same = checked();
    for (const part of [{ kind: 'header', lineHash: 'h1' }, { kind: 'events', frameHash: 'f1' }, { kind: 'events', frameHash: 'f2' }, { kind: 'end' }] as const) same.require(part);
    expect(() => checked().require({ kind: 'header', lineHash: 'h2' })).toThrow(BundleRefusal);
    const changed = checked();
    changed.require({ kind: 'header', lineHash: 'h1' });
    expect(() => changed.require({ kind: 'events', frameHash: 'f9' })).toThrow(/changed between the check and the import/);
    const extra = checked();
    ['f1', 'f2'].forEach((frameHash) => extra.require({ kind: 'events', frameHash }));
    expect(() => extra.require({ kind: 'events', frameHash: 'f3' })).toThrow(BundleRefusal);
    const missing = checked();
    missing.require({ kind: 'events', frameHash: 'f1' });
    expect(() => missing.require({ kind: 'end' })).toThrow(BundleRefusal);
  });
});
