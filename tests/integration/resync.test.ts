import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCentral } from '../../src/central/verifyCentral';
import { verifyHead } from '../../src/crypto/headSignature';
import { DeviceKey } from '../../src/device/deviceKey';
import type { SignedHead } from '../../src/domain/sync/signedHead';
import { ValidationError } from '../../src/domain/errors';
import { SyncError } from '../../src/sync/syncError';
import { centralStore, DB, tablet } from '../helpers/centralHarness';
import { freePort } from '../helpers/freePort';
import { storeFetch } from '../helpers/pouchServer';

let central: Awaited<ReturnType<typeof centralStore>>;
let k7: { username: string; password: string };
beforeAll(async () => {
  central = await centralStore();
  k7 = await central.addDevice('K7');
}, 60_000);
afterAll(async () => { await central?.dispose(); });

async function code(p: Promise<unknown>) {
  try { await p; } catch (err) {
    if (err instanceof SyncError) return err.code;
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}:${i.code}`).join(',');
    throw err;
  }
  throw new Error('expected a refusal');
}

const gate = (creds: { username: string; password: string }, over: object = {}) =>
  ({ url: central.dbUrl(), ...creds, declaredClean: true, pull: false, ...over });

describe('the sanitized-network gate', () => {
  it('is closed out of the box: nothing is sent', async () => {
    const t = await tablet('K7');
    expect(await code(t.resync.run(t.admin))).toBe('gateClosed');
    expect(await central.eventIds()).toEqual([]);
  });

  it('gives one clear message for each bad set-up, and stays closed', async () => {
    const t = await tablet('K7');
    expect(await code(t.resync.openGate(t.admin, gate({ ...k7, password: 'wrong' })))).toBe('unauthorized');
    expect(await code(t.resync.openGate(t.admin, gate(k7, { url: `http://127.0.0.1:${await freePort()}/downtime` })))).toBe('unreachable');
    expect(await code(t.resync.openGate(t.admin, gate(k7, { url: 'ftp://x/downtime' })))).toBe('url:url');
    expect(await code(t.resync.openGate(t.admin, gate(k7, { declaredClean: false })))).toBe('declaredClean:declaredClean');
    const html: Server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<h1>Router login</h1>'); });
    const port = await freePort();
    await new Promise<void>((r) => html.listen(port, '127.0.0.1', () => r()));
    try {
      expect(await code(t.resync.openGate(t.admin, gate(k7, { url: `http://127.0.0.1:${port}/downtime` })))).toBe('notCouch');
    } finally {
      html.close();
    }
    expect(await t.resync.gate()).toBeNull();
  });
});

describe('resync against a real embedded store', () => {
  it('refuses without an all-clear, or with one older than this outage, and sends nothing', async () => {
    const t = await tablet('K7');
    await t.resync.openGate(t.admin, gate(k7));
    expect(await code(t.resync.run(t.admin))).toBe('noAllClear');
    await central.allClear(new Date('2020-01-01T00:00:00Z'));
    expect(await code(t.resync.run(t.admin))).toBe('allClearTooOld');
    expect(await central.eventIds()).toEqual([]);
    expect((await t.db.syncHistory.toArray()).map((h) => h.outcome)).toEqual(['failed', 'failed']);
  });

  it('pushes every event, confirms them, and a second run changes nothing', async () => {
    await central.allClear();
    const k9 = await central.addDevice('K9');
    const t = await tablet('K9', 5);
    await t.resync.openGate(t.admin, gate(k9));
    const first = await t.resync.run(t.admin);
    const local = await t.desk.eventCount();
    expect(first).toMatchObject({ outcome: 'confirmed', total: local, sent: local, confirmed: local, refused: 0 });
    expect(t.resync.current().message).toEqual({ code: 'allConfirmed', params: { count: local, refused: 0 } });
    expect((await central.eventIds()).filter((id) => id.startsWith('ev:K9:'))).toHaveLength(local);
    const again = await t.resync.run(t.admin);
    expect(again).toMatchObject({ sent: 0, confirmed: local });
    expect(await verifyCentral(central.target())).toEqual(expect.arrayContaining([expect.objectContaining({ device: 'K9', ok: true, count: local })]));
    const status = await storeFetch(central.store, `${DB}/device:K9`, { auth: central.store.auth });
    expect(status.body).toMatchObject({ type: 'device-status', device: 'K9', confirmedSeq: local, head: { seq: local } });
    expect(await verifyHead((await new DeviceKey(t.db).publicKey()), 'K9', status.body.head as SignedHead)).toBe(true);
  });

  it('refuses a second tablet using the same device code when its gate is opened', async () => {
    const second = await tablet('K9', 1);
    const k9again = { username: 'device-K9', password: 'unused' };
    expect(await code(second.resync.openGate(second.admin, gate(k9again)))).toBe('unauthorized');
    const k8 = await central.addDevice('K8');
    const third = await tablet('K8', 1);
    await third.resync.openGate(third.admin, gate(k8));
    await third.resync.openGate(third.admin, gate(k8)); // the same tablet again: its own key
    const fourth = await tablet('K8', 1);
    expect(await code(fourth.resync.openGate(fourth.admin, gate(k8)))).toBe('keyMismatch');
  });

  it('sends everything again after the central database was lost and re-created empty', async () => {
    const m = await central.addDevice('M2');
    const t = await tablet('M2', 4);
    await central.allClear();
    await t.resync.openGate(t.admin, gate(m));
    await t.resync.run(t.admin);
    // Restored from a backup taken before the outage: the database is back, empty.
    await storeFetch(central.store, DB, { method: 'DELETE', auth: central.store.auth });
    const { setupCentral } = await import('../../src/central/setup');
    await setupCentral(central.target());
    await central.allClear();
    const after = await t.resync.run(t.admin);
    const local = await t.desk.eventCount();
    expect(after).toMatchObject({ outcome: 'confirmed', sent: local, confirmed: local });
    const ids = (await central.eventIds()).filter((id) => id.startsWith('ev:M2:'));
    expect(new Set(ids).size).toBe(local);
    expect((await verifyCentral(central.target())).find((r) => r.device === 'M2')).toMatchObject({ ok: true, count: local });
  });

  it('lists what the server refuses, with its reason, and finishes instead of looping', async () => {
    await central.allClear();
    const p9 = await central.addDevice('P9');
    const t = await tablet('Q1', 2); // a tablet given another device's account by mistake
    // The account may not register Q1's key: the gate says so at once.
    expect(await code(t.resync.openGate(t.admin, gate(p9)))).toBe('forbidden');
    // Had an administrator registered it, every event would still be refused one by one.
    const publicKey = await new DeviceKey(t.db).publicKey();
    await storeFetch(central.store, `${DB}/devicekey:Q1`, { method: 'PUT', auth: central.store.auth, body: { _id: 'devicekey:Q1', type: 'device-key', device: 'Q1', publicKey, registeredAt: '2026-12-01T09:00:00.000Z' } });
    await t.resync.openGate(t.admin, gate(p9));
    const run = await t.resync.run(t.admin);
    const local = await t.desk.eventCount();
    expect(run).toMatchObject({ outcome: 'confirmed', refused: local, sent: 0 });
    const refusals = await t.db.syncRefusals.toArray();
    expect(refusals).toHaveLength(local);
    expect(refusals[0]!.reason).toMatch(/may not write events of device Q1/);
    expect(t.resync.current().message?.code).toBe('confirmedWithRefusals');
    expect((await central.eventIds()).filter((id) => id.startsWith('ev:Q1:'))).toEqual([]);
  });

  it('resumes after the store is killed in the middle of a push: exactly the device events, none twice', async () => {
    await central.allClear();
    const creds = await central.addDevice('R5');
    const t = await tablet('R5', 1);
    const { log } = await t.desk.context();
    await log.appendMany(Array.from({ length: 6000 }, (_, i) => ({ type: 'user.added' as const, data: { name: `Clerk ${i.toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`, role: 'clerk' } })), t.admin.name);
    await t.resync.openGate(t.admin, gate(creds));
    let killed = false;
    const stop = t.resync.subscribe((p) => {
      if (!killed && p.phase === 'pushing' && p.sent > 0) {
        killed = true;
        void central.kill().then(() => new Promise((r) => setTimeout(r, 300))).then(() => central.restart());
      }
    });
    const run = await t.resync.run(t.admin);
    stop();
    expect(killed).toBe(true);
    const local = await t.desk.eventCount();
    expect(run).toMatchObject({ outcome: 'confirmed', confirmed: local });
    const ids = (await central.eventIds()).filter((id) => id.startsWith('ev:R5:'));
    expect(ids).toHaveLength(local);
    expect(new Set(ids).size).toBe(local);
    expect((await verifyCentral(central.target())).find((r) => r.device === 'R5')).toMatchObject({ ok: true, count: local });
    // A store restarted mid-push and a full read-back take their time on a busy machine: the
    // test waits for the outcome, not for a clock.
  }, 240_000);
});

describe('administrator devices and the central verify command', () => {
  it('an administrator device with pull on sees every patient from the other tablets', async () => {
    await central.allClear();
    const a = await central.addDevice('A1');
    const b = await central.addDevice('B2');
    const adm = await central.addDevice('AD');
    const tabletA = await tablet('A1', 2);
    const tabletB = await tablet('B2', 3);
    await tabletA.resync.openGate(tabletA.admin, gate(a));
    await tabletB.resync.openGate(tabletB.admin, gate(b));
    await tabletA.resync.run(tabletA.admin);
    await tabletB.resync.run(tabletB.admin);
    const office = await tablet('AD', 0);
    await office.resync.openGate(office.admin, gate(adm, { pull: true }));
    const run = await office.resync.run(office.admin);
    expect(run.pulled).toBeGreaterThan(0);
    // The estimate shown beside the count: the central store's documents less the office's own.
    const shown = office.resync.current();
    expect(shown.pulled).toBe(run.pulled);
    expect(Math.abs(shown.pullExpected! - run.pulled)).toBeLessThanOrEqual(1);
    const ids = (await office.db.patients.toArray()).map((p) => p.patient);
    const expected = [...(await tabletA.db.patients.toArray()), ...(await tabletB.db.patients.toArray())].map((p) => p.patient);
    expect(ids).toEqual(expect.arrayContaining(expected));
    expect(await office.db.rejects.count()).toBe(0);
  });

  it('verify names the device and the first broken link of a tampered chain, and the command exits 1', async () => {
    await central.allClear();
    const creds = await central.addDevice('T4');
    const t = await tablet('T4', 3);
    await t.resync.openGate(t.admin, gate(creds));
    await t.resync.run(t.admin);
    // Someone with the server admin's password slips in a forged event after the last one.
    const last = (await t.desk.eventLog!.head())!;
    const forged = { _id: `ev:T4:${String(last.seq + 1).padStart(10, '0')}`, type: 'user.added', device: 'T4', seq: last.seq + 1,
      at: new Date().toISOString(), by: 'mallory', prev: 'f'.repeat(64), hash: 'e'.repeat(64), data: { name: 'Mallory', role: 'admin' } };
    expect((await storeFetch(central.store, `${DB}/${encodeURIComponent(forged._id)}`, { method: 'PUT', body: forged, auth: central.store.auth })).status).toBe(201);
    const report = (await verifyCentral(central.target())).find((r) => r.device === 'T4');
    expect(report).toMatchObject({ ok: false, break: { seq: last.seq + 1, id: forged._id, kind: 'changed' } });

    const { spawnSync } = await import('node:child_process');
    const url = new URL(central.store.url);
    url.username = central.store.auth.username;
    url.password = central.store.auth.password;
    const cli = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/central/cli.ts', 'verify'], {
      env: { ...process.env, DD_CENTRAL_URL: url.href, DD_DB_NAME: DB }, encoding: 'utf8', timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`T4: BROKEN at event ${last.seq + 1} \\(${forged._id}\\): changed`));
  });
});
