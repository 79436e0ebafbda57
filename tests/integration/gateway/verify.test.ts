// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCentral } from '../../../src/central/verifyCentral';
import { computeHash, type AnyEvent } from '../../../src/domain/events/envelope';
import { storeFetch } from '../../helpers/pouchServer';
import { chainOf, DB, deviceAccount, gatewayHarness } from '../../helpers/gatewayHarness';

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
const DEVICES = ['V1', 'V2', 'V3', 'V4', 'V5'];

beforeAll(async () => {
  gw = await gatewayHarness();
  await gw.allClear();
  // Five tablets sync six events each through the gateway and leave their signed status.
  for (const device of DEVICES) {
    const tablet = await gw.tablet(device, await deviceAccount(gw.store, device));
    const chain = chainOf(device, 6);
    expect((await tablet.push(chain)).status).toBe(201);
    expect((await tablet.reportStatus(6, chain[5]!.hash)).status).toBe(201);
  }
});
afterAll(async () => { await gw?.close(); });

const admin = () => gw.store.auth;
const doc = async (id: string) => (await storeFetch(gw.store, `${DB}/${encodeURIComponent(id)}`, { auth: admin() })).body as unknown as AnyEvent & { _rev: string };
const put = (body: { _id: string; [field: string]: unknown }) => storeFetch(gw.store, `${DB}/${encodeURIComponent(body._id)}`, { method: 'PUT', auth: admin(), body });
const remove = async (id: string) => storeFetch(gw.store, `${DB}/${encodeURIComponent(id)}?rev=${(await doc(id))._rev}`, { method: 'DELETE', auth: admin() });
const rehash = (event: AnyEvent, change: Partial<AnyEvent>) => {
  const { hash: _h, _rev: _r, ...content } = { ...event, ...change } as AnyEvent & { _rev?: string };
  return { ...content, hash: computeHash(content as AnyEvent) };
};

describe('verify against the heads the devices signed', () => {
  it('passes every device that synced, and names devices with an account but no events', async () => {
    const reports = await verifyCentral({ url: gw.store.url, db: DB, auth: admin() });
    for (const device of DEVICES) expect(reports.find((r) => r.device === device)).toMatchObject({ ok: true, count: 6 });
    expect(reports.find((r) => r.device === 'T2')).toMatchObject({ ok: true, count: 0 });
  });

  it('catches what a store administrator does with the design document out of the way', async () => {
    // The design document refuses changes even to admins; an administrator can remove it first.
    const design = await storeFetch(gw.store, `${DB}/_design/downtime`, { auth: admin() });
    expect((await storeFetch(gw.store, `${DB}/_design/downtime?rev=${String(design.body._rev)}`, { method: 'DELETE', auth: admin() })).status).toBe(200);

    await remove('ev:V1:0000000006'); // truncation
    let prev = (await doc('ev:V2:0000000002')).hash; // a run rewritten with recomputed hashes
    for (let seq = 3; seq <= 6; seq += 1) {
      const stored = await doc(`ev:V2:000000000${seq}`);
      const rewritten = rehash(stored, { by: 'Someone Else', prev });
      await put({ ...rewritten, _rev: stored._rev });
      prev = rewritten.hash;
    }
    const sixth = await doc('ev:V3:0000000006'); // a forged append
    const forged = rehash({ ...chainOf('V3', 1)[0]!, _id: 'ev:V3:0000000007', seq: 7 }, { prev: sixth.hash });
    await put(forged);
    for (let seq = 1; seq <= 6; seq += 1) await remove(`ev:V4:000000000${seq}`); // a vanished device
    const status = (await storeFetch(gw.store, `${DB}/device%3AV5`, { auth: admin() })).body; // a status rewritten
    await put({ ...(status as { _id: string }), head: { ...(status.head as object), seq: 5 } });

    const reports = await verifyCentral({ url: gw.store.url, db: DB, auth: admin() });
    const kind = (device: string) => reports.find((r) => r.device === device);
    expect(kind('V1')).toMatchObject({ ok: false, break: { kind: 'truncated', seq: 6 } });
    expect(kind('V2')).toMatchObject({ ok: false, break: { kind: 'rewritten', seq: 6 } });
    expect(kind('V3')).toMatchObject({ ok: false, break: { kind: 'unvouched', seq: 7 } });
    expect(kind('V4')).toMatchObject({ ok: false, break: { kind: 'vanished' } });
    expect(kind('V5')).toMatchObject({ ok: false, break: { kind: 'unsigned' } });

    // The command line says the same and exits 1.
    const url = new URL(gw.store.url);
    url.username = admin().username;
    url.password = admin().password;
    const cli = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/central/cli.ts', 'verify'], {
      env: { ...process.env, DD_CENTRAL_URL: url.href, DD_DB_NAME: DB }, encoding: 'utf8', timeout: 120_000,
    });
    expect(cli.status).toBe(1);
    for (const line of [/V1: BROKEN at event 6 .*truncated/, /V2: BROKEN at event 6 .*rewritten/, /V3: BROKEN at event 7 .*unvouched/, /V4: BROKEN .*vanished/, /V5: BROKEN .*unsigned.*signature does not match/]) {
      expect(cli.stdout).toMatch(line);
    }
  });
});
