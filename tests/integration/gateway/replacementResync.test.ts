import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackupKey } from '../../../src/central/backupKey';
import { BackupDesk, planRestore } from '../../../src/device/backupDesk';
import { Resync } from '../../../src/sync/resync';
import { tablet } from '../../helpers/centralHarness';
import { memorySink, streamOf } from '../../helpers/bundleFixtures';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';
import { DB, gatewayHarness } from '../../helpers/gatewayHarness';
import { FrontDesk } from '../../../src/device/frontDesk';

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
let dir: string;
let keyFile: string;
let keyText: string;
beforeAll(async () => {
  gw = await gatewayHarness();
  await gw.allClear();
  dir = mkdtempSync(join(tmpdir(), 'dd-replace-'));
  const made = await createBackupKey({ url: gw.store.url, db: DB, auth: gw.store.auth }, ENROLLMENT.hospital, join(dir, 'backup-key.json'));
  keyFile = readFileSync(join(dir, 'backup-key.json'), 'utf8');
  keyText = made.text;
}, 60_000);
afterAll(async () => {
  await gw?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const gate = (code: 'T1' | 'T2') => ({ url: `${gw.base}/central/${DB}`, ...gw.accounts[code], declaredClean: true as const, pull: false });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

/** A tablet that synced through the gateway (its key registered), then made a bundle and was lost. */
async function lostTablet(code: 'T1' | 'T2') {
  const lost = await tablet(code, 2);
  await lost.resync.openGate(lost.admin, gate(code));
  await lost.resync.run(lost.admin);
  const backups = new BackupDesk(lost.desk);
  await backups.setBackupKey(lost.admin, keyText);
  const sink = memorySink();
  await backups.make({ open: async () => sink });
  return { lost, bytes: new Uint8Array(Buffer.concat(sink.pieces)) };
}

/** The replacement's enrollment as the screen runs it: plan, enroll with the restore, record it. */
async function replacement(code: 'T1' | 'T2', bytes: Uint8Array, keyFileText: string) {
  const plan = await planRestore({ keyFileText, bundle: () => streamOf(bytes), hospital: ENROLLMENT.hospital, code });
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code }, admin: ADMIN }, { restore: plan.into });
  await new BackupDesk(h.desk).recordRestore(plan);
  return { ...h, admin, resync: new Resync(h.desk, async () => {}) };
}

describe('a replacement tablet\'s gate, through the gateway (issue 16, point 3)', () => {
  it('takes the lost tablet\'s code over with no administrator step, and the lost tablet\'s next run says it was replaced', async () => {
    const { lost, bytes } = await lostTablet('T1');
    const b = await replacement('T1', bytes, keyFile);
    expect((await new BackupDesk(b.desk).status()).restored).toMatchObject({ authorised: true });
    await b.resync.openGate(b.admin, gate('T1'));
    await new FrontDesk(b.desk).register(b.admin, { ...PATIENT, name: 'Sunita Devi', sex: 'F' });
    expect(await b.resync.run(b.admin)).toMatchObject({ outcome: 'confirmed' });
    expect((await gw.storedEvents('T1')).length).toBe(await b.desk.eventCount());

    await lost.front.register(lost.admin, { ...PATIENT, name: 'Kamla Rani', sex: 'F' });
    const refused = await failure(lost.resync.run(lost.admin));
    expect(refused).toMatchObject({ code: 'keyReplaced', params: { reason: expect.stringMatching(/key for device T1 was replaced at .* by the replacement tablet's statement/) } });
    expect((await gw.storedEvents('T1')).length).toBe(await b.desk.eventCount());
  });

  it('with a key file made before replacement signing keys, says so and leaves the lost tablet\'s key registered', async () => {
    const { bytes } = await lostTablet('T2');
    const { signingKey: _dropped, ...older } = JSON.parse(keyFile) as Record<string, unknown>;
    const b = await replacement('T2', bytes, JSON.stringify(older));
    expect((await new BackupDesk(b.desk).status()).restored).toMatchObject({ authorised: false });
    expect(await failure(b.resync.openGate(b.admin, gate('T2')))).toMatchObject({ code: 'keyMismatch', params: { device: 'T2' } });
  });
});
