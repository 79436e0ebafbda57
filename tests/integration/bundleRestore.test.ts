import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBackupKey } from '../../src/crypto/bundleSeal';
import { replaceDeviceKey } from '../../src/central/deviceKeys';
import { BackupDesk, planRestore } from '../../src/device/backupDesk';
import { FrontDesk } from '../../src/device/frontDesk';
import { BundleRefusal } from '../../src/domain/backup/refusal';
import { backupKeyText } from '../../src/domain/backup/publicKeyText';
import { Resync } from '../../src/sync/resync';
import { centralStore, tablet } from '../helpers/centralHarness';
import { bundleBytes, chainOf, deviceSigner, memorySink, streamOf } from '../helpers/bundleFixtures';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';

let central: Awaited<ReturnType<typeof centralStore>>;
beforeAll(async () => {
  central = await centralStore();
  await central.allClear();
}, 60_000);
afterAll(async () => { await central?.dispose(); });

async function hospitalKey() {
  const key = await generateBackupKey();
  return { publicKey: key.publicKey, text: backupKeyText(key.publicKey), file: JSON.stringify({ type: 'downtime-desk-backup-key', hospital: ENROLLMENT.hospital, keyId: 'x', createdAt: '2026-12-01T00:00:00.000Z', privateKey: key.privateKey }) };
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

const code = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BundleRefusal);
  return (err as BundleRefusal).code;
};

// The whole story (bundle, replacement, read-only import, CLI import, resyncs, verify) is the e2e
// test tests/e2e/bundles.test.ts; here, what goes wrong on the way.
describe('a replacement tablet restored from the lost one\'s bundle', () => {
  it('stops the replacement before it sends anything when the lost tablet resynced after its bundle: the store holds numbers beyond it', async () => {
    const key = await hospitalKey();
    const account = await central.addDevice('R9');
    const lost = await tablet('R9', 2);
    const bytes = await bundleOf(lost, key.text);
    const bundled = await lost.desk.eventCount();
    await lost.front.register(lost.admin, { ...PATIENT, name: 'Meena Kumari', sex: 'F' });
    await lost.resync.openGate(lost.admin, { url: central.dbUrl(), ...account, declaredClean: true, pull: false });
    await lost.resync.run(lost.admin);
    const stored = await lost.desk.eventCount();
    expect(stored).toBeGreaterThan(bundled);

    const plan = await planRestore({ keyFileText: key.file, bundle: () => streamOf(bytes), hospital: ENROLLMENT.hospital, code: 'R9' });
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code: 'R9' }, admin: ADMIN }, { restore: plan.into });
    const resync = new Resync(h.desk, async () => {});
    const open = () => resync.openGate(admin, { url: central.dbUrl(), ...account, declaredClean: true, pull: false }).then(() => null, (e: unknown) => e);
    await replaceDeviceKey(central.target(), 'R9', 'Dr Mehta (IT security)');
    const before = (await central.eventIds()).filter((id) => id.startsWith('ev:R9:'));
    expect(await open()).toMatchObject({ code: 'behindStore', params: { device: 'R9', stored, head: await h.desk.eventCount() } });

    // Its own events after the restore: its numbers now reach the store's, in other versions.
    await new FrontDesk(h.desk).register(admin, { ...PATIENT, name: 'Kamla Devi', sex: 'F' });
    expect(await h.desk.eventCount()).toBeGreaterThanOrEqual(stored);
    expect(await open()).toMatchObject({ code: 'behindStore', params: { device: 'R9', stored, head: await h.desk.eventCount() } });
    expect(await resync.gate()).toBeNull();
    expect((await central.eventIds()).filter((id) => id.startsWith('ev:R9:'))).toEqual(before);
  });

  it('refuses a bundle of another code, one that does not start at event 1, and a cut one, before anything is enrolled', async () => {
    const key = await hospitalKey();
    const lost = await tablet('S7', 2);
    const whole = await bundleOf(lost, key.text);
    const wholeEvents = await lost.desk.eventCount();
    expect(await code(planRestore({ keyFileText: key.file, bundle: () => streamOf(whole), hospital: ENROLLMENT.hospital, code: 'S8' }))).toBe('chainBroken');
    expect(await code(planRestore({ keyFileText: key.file, bundle: () => streamOf(whole.slice(0, whole.length - 5)), hospital: ENROLLMENT.hospital, code: 'S7' }))).toBe('truncated');
    // A bundle of events 3–5 only (a tablet cannot make one; anyone with the public key can).
    const tail = await bundleBytes(chainOf('S7', 5).slice(2), key.publicKey, await deviceSigner('S7'));
    expect(await code(planRestore({ keyFileText: key.file, bundle: () => streamOf(tail), hospital: ENROLLMENT.hospital, code: 'S7' }))).toBe('truncated');

    // A file swapped between the check and the restore's second read: refused before its events go in.
    await lost.front.register(lost.admin, { ...PATIENT, name: 'Meena Kumari', sex: 'F' });
    const longer = await bundleOf(lost, key.text);
    let reads = 0;
    const plan = await planRestore({ keyFileText: key.file, bundle: () => { reads += 1; return streamOf(reads === 1 ? whole : longer); }, hospital: ENROLLMENT.hospital, code: 'S7' });
    // What the enrollment screen then says: how many events come back, and after when work may be missing.
    const [last] = await (await lost.desk.context()).log.readRange('S7', wholeEvents, 1);
    expect(plan).toMatchObject({ device: 'S7', events: wholeEvents, lastAt: last!.at });
    const h = makeDesk();
    expect(await code(h.desk.enroll({ enrollment: { ...ENROLLMENT, code: 'S7' }, admin: ADMIN }, { restore: plan.into }))).toBe('corrupted');
    expect(reads).toBe(2);
  });
});
