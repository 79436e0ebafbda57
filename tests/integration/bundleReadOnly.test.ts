import { describe, expect, it } from 'vitest';
import { generateBackupKey } from '../../src/crypto/bundleSeal';
import { BackupDesk, importReadOnly } from '../../src/device/backupDesk';
import { BundleRefusal } from '../../src/domain/backup/refusal';
import { backupKeyText } from '../../src/domain/backup/publicKeyText';
import { tablet } from '../helpers/centralHarness';
import { bundleBytes, chainOf, deviceSigner, memorySink, streamOf } from '../helpers/bundleFixtures';
import { buildEvent } from '../../src/domain/events/envelope';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import type { BundledEvent } from '../../src/domain/backup/chainCheck';
import { ENROLLMENT, PATIENT } from '../helpers/deviceHarness';

async function hospitalKey(hospital = ENROLLMENT.hospital) {
  const key = await generateBackupKey();
  const file = JSON.stringify({ type: 'downtime-desk-backup-key', hospital, keyId: 'x', createdAt: '2026-12-01T00:00:00.000Z', privateKey: key.privateKey });
  return { text: backupKeyText(key.publicKey), file, publicKey: key.publicKey };
}

async function bundleOf(t: Awaited<ReturnType<typeof tablet>>, keyText: string) {
  const backups = new BackupDesk(t.desk);
  await backups.setBackupKey(t.admin, keyText);
  const sink = memorySink();
  await backups.make({ open: async () => sink });
  const bytes = new Uint8Array(sink.pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of sink.pieces) { bytes.set(p, at); at += p.length; }
  return bytes;
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BundleRefusal);
  return (err as BundleRefusal).code;
}

describe('read-only import of another tablet\'s bundle', () => {
  it('adds its events as pulled events: search finds its patients, this device\'s own chain is untouched, twice adds nothing', async () => {
    const key = await hospitalKey();
    const lost = await tablet('K7', 3);
    const bytes = await bundleOf(lost, key.text);
    const admin = await tablet('AD', 1);
    const ownHead = await (await admin.desk.context()).log.head();

    const result = await importReadOnly(admin.desk, { keyFileText: key.file, bundle: () => streamOf(bytes) });
    expect(result).toMatchObject({ device: 'K7', from: 1, added: await lost.desk.eventCount() });
    const found = await admin.front.search('Ravi Kumar');
    expect(found).toMatchObject({ kind: 'patients' });
    const ids = found.kind === 'patients' ? found.patients.map((p) => p.patient) : [];
    expect(ids.filter((id) => id.includes('K7')).length).toBe(3);
    expect(await (await admin.desk.context()).log.head()).toEqual(ownHead);
    expect((await admin.desk.verifyChainOf('K7')).ok).toBe(true);

    expect(await importReadOnly(admin.desk, { keyFileText: key.file, bundle: () => streamOf(bytes) })).toMatchObject({ added: 0 });
  });

  it('refuses a file changed between the check and the write, storing nothing', async () => {
    const key = await hospitalKey();
    const lost = await tablet('K9', 2);
    const checked = await bundleOf(lost, key.text);
    await lost.front.register(lost.admin, { ...PATIENT, name: 'Meena Kumari', sex: 'F' });
    const swapped = await bundleOf(lost, key.text);
    const admin = await tablet('AF', 1);
    const { log } = await admin.desk.context();
    const before = await log.count();
    let reads = 0;
    const bundle = () => { reads += 1; return streamOf(reads === 1 ? checked : swapped); };
    expect(await refusal(importReadOnly(admin.desk, { keyFileText: key.file, bundle }))).toBe('corrupted');
    expect(reads).toBe(2);
    expect(await log.count()).toBe(before);
  });

  it('refuses a forged bundle carrying a reconciliation decision (made on the administrator\'s device only), storing nothing', async () => {
    const key = await hospitalKey();
    // Anyone with the hospital's public backup key can seal a bundle and sign it with any key.
    const chain = chainOf('F7', 3);
    const tail = chain[2]!;
    const linked = buildEvent({
      type: 'patient.linked', device: 'F7', head: { seq: tail.seq, hash: tail.hash }, at: '2026-11-26T05:00:00.000Z', by: 'Asha Verma',
      data: { patient: formatDowntimeId('K7', 1), uhid: 'UH-000009', reason: 'Same name and mobile' },
    }) as BundledEvent;
    const forged = await bundleBytes([...chain, { ...linked, _rev: `1-${'f'.repeat(32)}` }], key.publicKey, await deviceSigner('F7'));
    const admin = await tablet('AG', 1);
    const { log } = await admin.desk.context();
    const before = await log.count();
    const err = await importReadOnly(admin.desk, { keyFileText: key.file, bundle: () => streamOf(forged) }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(BundleRefusal);
    expect(err).toMatchObject({ code: 'refusedByPushCheck', message: expect.stringMatching(/ev:F7:0+4: patient\.linked is made on the administrator's device \(reader\) only/) });
    expect(await log.count()).toBe(before);
  });

  it('refuses its own device code, another hospital\'s key, a wrong key file and a cut file, storing nothing', async () => {
    const key = await hospitalKey();
    const other = await hospitalKey('Safdarjung Hospital');
    const t = await tablet('K8', 2);
    const bytes = await bundleOf(t, key.text);
    expect(await refusal(importReadOnly(t.desk, { keyFileText: key.file, bundle: () => streamOf(bytes) }))).toBe('ownDevice');

    const reader = await tablet('AE', 1);
    const before = await reader.desk.eventCount();
    expect(await refusal(importReadOnly(reader.desk, { keyFileText: other.file, bundle: () => streamOf(bytes) }))).toBe('otherBackupKey');
    expect(await refusal(importReadOnly(reader.desk, { keyFileText: '{"type":"nope"}', bundle: () => streamOf(bytes) }))).toBe('notAKeyFile');
    expect(await refusal(importReadOnly(reader.desk, { keyFileText: key.file, bundle: () => streamOf(bytes.slice(0, bytes.length - 10)) }))).toBe('truncated');
    expect(await reader.desk.eventCount()).toBe(before);
  });
});
