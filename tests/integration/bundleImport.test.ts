import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackupKey, readBackupKey, type HospitalBackupKey } from '../../src/central/backupKey';
import { importBundle, signerFingerprint } from '../../src/central/importBundle';
import { replaceDeviceKey } from '../../src/central/deviceKeys';
import { verifyCentral } from '../../src/central/verifyCentral';
import { BackupDesk } from '../../src/device/backupDesk';
import { BundleRefusal } from '../../src/domain/backup/refusal';
import { backupKeyText } from '../../src/domain/backup/publicKeyText';
import { generateBackupKey } from '../../src/crypto/bundleSeal';
import { FrontDesk } from '../../src/device/frontDesk';
import { centralStore, DB, tablet } from '../helpers/centralHarness';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';
import { storeFetch } from '../helpers/pouchServer';
import { memorySink } from '../helpers/bundleFixtures';

let central: Awaited<ReturnType<typeof centralStore>>;
let dir: string;
let key: HospitalBackupKey;
let keyText: string;
beforeAll(async () => {
  central = await centralStore();
  dir = mkdtempSync(join(tmpdir(), 'bundles-'));
  const made = await createBackupKey(central.target(), ENROLLMENT.hospital, join(dir, 'backup-key.json'));
  keyText = made.text;
  key = readBackupKey(join(dir, 'backup-key.json'));
  await central.allClear();
}, 60_000);
afterAll(async () => {
  await central?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

type Tablet = Awaited<ReturnType<typeof tablet>>;

async function withBackupKey(t: Tablet, text = keyText) {
  const backups = new BackupDesk(t.desk);
  await backups.setBackupKey(t.admin, text);
  return backups;
}

/** A bundle of the tablet's log written to a file; its path. */
async function bundleFile(backups: BackupDesk): Promise<string> {
  const sink = memorySink();
  const made = await backups.make({ open: async () => sink });
  const path = join(dir, made.fileName.replace('.ddbundle', `-${Math.random().toString(36).slice(2)}.ddbundle`));
  writeFileSync(path, new Uint8Array(Buffer.concat(sink.pieces)));
  return path;
}

async function refusal(p: Promise<unknown>): Promise<BundleRefusal> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BundleRefusal);
  return err as BundleRefusal;
}

const idsOf = async (device: string) => (await central.eventIds()).filter((id) => id.startsWith(`ev:${device}:`));

describe('npm run central -- import <bundle>', () => {
  it('stores a never-synced tablet\'s events once its key is trusted, verify passes, and the tablet\'s own resync then adds nothing', async () => {
    const t = await tablet('B1', 4);
    const backups = await withBackupKey(t);
    const path = await bundleFile(backups);
    const local = await t.desk.eventCount();

    const untrusted = await refusal(importBundle(central.target(), path, key));
    expect(untrusted.code).toBe('noDeviceKey');
    const { fingerprint } = await backups.status();
    expect(untrusted.message).toContain(fingerprint);
    expect(await idsOf('B1')).toEqual([]);

    const first = await importBundle(central.target(), path, key, { trustKey: fingerprint });
    expect(first).toMatchObject({ added: local, held: 0 });
    expect(await idsOf('B1')).toHaveLength(local);
    expect((await verifyCentral(central.target())).find((r) => r.device === 'B1')).toMatchObject({ ok: true, count: local });

    const again = await importBundle(central.target(), path, key);
    expect(again).toMatchObject({ added: 0 });

    const account = await central.addDevice('B1');
    await t.resync.openGate(t.admin, { url: central.dbUrl(), ...account, declaredClean: true, pull: false });
    const run = await t.resync.run(t.admin);
    expect(run).toMatchObject({ outcome: 'confirmed', refused: 0, confirmed: local });
    expect(await idsOf('B1')).toHaveLength(local);
    expect((await verifyCentral(central.target())).find((r) => r.device === 'B1')).toMatchObject({ ok: true, count: local });
  });

  it('after the tablet\'s resync, takes a later bundle\'s new events only, and refuses the older bundle replayed', async () => {
    const t = await tablet('B2', 2);
    const backups = await withBackupKey(t);
    const older = await bundleFile(backups);
    const account = await central.addDevice('B2');
    await t.resync.openGate(t.admin, { url: central.dbUrl(), ...account, declaredClean: true, pull: false });
    await t.resync.run(t.admin);
    const synced = (await idsOf('B2')).length;
    await t.front.register(t.admin, { ...PATIENT, name: 'Meena Kumari', sex: 'F' });
    await t.front.register(t.admin, { ...PATIENT, name: 'Kamla Devi', sex: 'F' });
    const newer = await bundleFile(backups);

    expect(await importBundle(central.target(), newer, key)).toMatchObject({ added: 2, held: synced });
    const replay = await refusal(importBundle(central.target(), older, key));
    expect(replay.code).toBe('olderThanHeld');
    expect(replay.message).toMatch(/older bundle.*ends at event \d+.*up to \d+/);
    expect(await idsOf('B2')).toHaveLength(synced + 2);
    expect((await verifyCentral(central.target())).find((r) => r.device === 'B2')).toMatchObject({ ok: true });
  });

  it('refuses a bundle signed by another tablet using the same code, and stores nothing', async () => {
    const t = await tablet('B3', 2);
    const account = await central.addDevice('B3');
    await t.resync.openGate(t.admin, { url: central.dbUrl(), ...account, declaredClean: true, pull: false });
    await t.resync.run(t.admin);
    const before = await idsOf('B3');

    const impostor = await tablet('B3', 5);
    const path = await bundleFile(await withBackupKey(impostor));
    const err = await refusal(importBundle(central.target(), path, key, { trustKey: signerFingerprint({ x: 'a', y: 'b' }) }));
    expect(err.code).toBe('otherDeviceKey');
    expect(await idsOf('B3')).toEqual(before);
  });

  it('never trusts a key replace-device-key retired again: --trust-key is refused, its events still come in, the key stays unregistered', async () => {
    const t = await tablet('B7', 2);
    const backups = await withBackupKey(t);
    const account = await central.addDevice('B7');
    await t.resync.openGate(t.admin, { url: central.dbUrl(), ...account, declaredClean: true, pull: false });
    await t.resync.run(t.admin);
    await t.front.register(t.admin, { ...PATIENT, name: 'Meena Kumari', sex: 'F' });
    const lost = await bundleFile(backups);
    const synced = (await idsOf('B7')).length;
    expect(await replaceDeviceKey(central.target(), 'B7', 'Dr. Rao')).toEqual({ replaced: true });
    const keyDoc = () => storeFetch(central.store, `${DB}/devicekey:B7`, { auth: central.store.auth });

    const { fingerprint } = await backups.status();
    const trusted = await refusal(importBundle(central.target(), lost, key, { trustKey: fingerprint }));
    expect(trusted.code).toBe('retiredKey');
    expect(trusted.message).toMatch(/Dr\. Rao retired .*never trusted again/);
    expect((await keyDoc()).status).toBe(404);
    expect(await idsOf('B7')).toHaveLength(synced);

    expect(await importBundle(central.target(), lost, key)).toMatchObject({ added: 1, held: synced });
    expect((await keyDoc()).status).toBe(404);
    expect(await idsOf('B7')).toHaveLength(synced + 1);
  });

  it('refuses a file changed between the check and the write: the second read must be what the first one checked', async () => {
    const t = await tablet('B8', 2);
    const backups = await withBackupKey(t);
    const checked = readFileSync(await bundleFile(backups));
    await t.front.register(t.admin, { ...PATIENT, name: 'Meena Kumari', sex: 'F' });
    const swapped = readFileSync(await bundleFile(backups));
    let reads = 0;
    // The first read sees one bundle, the second another (valid on its own): a file swapped on the stick.
    const source = async function* () { reads += 1; yield new Uint8Array(reads === 1 ? checked : swapped); };
    const err = await refusal(importBundle(central.target(), 'swapped.ddbundle', key, { trustKey: (await backups.status()).fingerprint, source }));
    expect(err.code).toBe('corrupted');
    expect(err.message).toMatch(/changed between the check and the import/);
    expect(reads).toBe(2);
    expect(await idsOf('B8')).toEqual([]);
  });

  it('refuses a bundle of another hospital, one sealed to another backup key, and a truncated or changed file', async () => {
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, hospital: 'Safdarjung Hospital', code: 'B4' }, admin: ADMIN });
    await new FrontDesk(h.desk).register(admin, PATIENT);
    const foreign = new BackupDesk(h.desk);
    await foreign.setBackupKey(admin, keyText);
    const wrongHospital = await bundleFile(foreign);
    expect((await refusal(importBundle(central.target(), wrongHospital, key))).code).toBe('wrongHospital');

    const t = await tablet('B5', 3);
    const other = await generateBackupKey();
    const sealedElsewhere = await bundleFile(await withBackupKey(t, backupKeyText(other.publicKey)));
    expect((await refusal(importBundle(central.target(), sealedElsewhere, key))).code).toBe('otherBackupKey');

    const good = new Uint8Array(readFileSync(await bundleFile(await withBackupKey(t))));
    const fp = (await new BackupDesk(t.desk).status()).fingerprint;
    const cut = join(dir, 'cut.ddbundle');
    writeFileSync(cut, good.subarray(0, good.length - 40));
    expect((await refusal(importBundle(central.target(), cut, key, { trustKey: fp }))).code).toBe('truncated');
    const changed = join(dir, 'changed.ddbundle');
    const flipped = good.slice();
    flipped[flipped.length - 100]! ^= 0x20;
    writeFileSync(changed, flipped);
    expect((await refusal(importBundle(central.target(), changed, key, { trustKey: fp }))).code).toBe('corrupted');
    expect(await idsOf('B4')).toEqual([]);
    expect(await idsOf('B5')).toEqual([]);
    const keyDoc = await storeFetch(central.store, `${DB}/devicekey:B5`, { auth: central.store.auth });
    expect(keyDoc.status).toBe(404);
  });

  it('on the command line: a refusal exits 1 saying why and that nothing was stored; an import exits 0', async () => {
    const t = await tablet('B6', 2);
    const backups = await withBackupKey(t);
    const path = await bundleFile(backups);
    const url = new URL(central.store.url);
    url.username = central.store.auth.username;
    url.password = central.store.auth.password;
    const cli = (...args: string[]) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/central/cli.ts', 'import', ...args], {
      env: { ...process.env, DD_CENTRAL_URL: url.href, DD_DB_NAME: DB }, encoding: 'utf8', timeout: 120_000,
    });
    const refused = cli(path, '--key', join(dir, 'backup-key.json'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Refused \(noDeviceKey\).*Nothing was stored/);
    const done = cli(path, '--key', join(dir, 'backup-key.json'), '--trust-key', (await backups.status()).fingerprint);
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/Imported events 1–\d+ of device B6/);
    expect(await idsOf('B6')).toHaveLength(await t.desk.eventCount());
  });
});
