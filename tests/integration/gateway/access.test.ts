// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES } from '../../../src/server/gateway/loginThrottle';
import { discoverCentralUrl } from '../../../src/sync/centralAddress';
import { CentralClient } from '../../../src/sync/centralClient';
import { initI18n } from '../../../src/ui/i18n';
import { errorText } from '../../../src/ui/shared/errors';
import i18next from 'i18next';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackupKey } from '../../../src/central/backupKey';
import { DB, gatewayHarness, chainOf } from '../../helpers/gatewayHarness';

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
beforeAll(async () => {
  gw = await gatewayHarness();
  await gw.allClear();
  const push = await (await gw.tablet('T2')).push(chainOf('T2', 3));
  expect(push.status).toBe(201);
});
afterAll(async () => { await gw?.close(); });

const who = () => ({ anonymous: undefined, T1: gw.accounts.T1, T2: gw.accounts.T2, AD: gw.accounts.AD, admin: gw.accounts.admin });
type Who = keyof ReturnType<typeof who>;

/** A request that must be refused before the store sees it. */
async function refusedUnseen(method: string, path: string, as: Who, status: number, body?: unknown) {
  gw.forwarded.length = 0;
  const res = await gw.call(method, path, { auth: who()[as], body });
  expect(res.status, `${as} ${method} ${path}: ${res.text}`).toBe(status);
  expect(gw.forwarded, `${method} ${path} reached the store`).toEqual([]);
  expect(res.text).not.toMatch(/\bat .*\(|\/work\/|node_modules/);
  return res;
}

describe('central gateway: who may use which route', () => {
  it('gives anyone the welcome and the session, and nothing of the database', async () => {
    const welcome = await gw.call('GET', '/central/');
    expect(welcome.status).toBe(200);
    // It names the database the app uses, so a tablet's resync form fills in the right address.
    expect(welcome.json.downtime_desk).toEqual({ database: DB });
    expect(await discoverCentralUrl((url, init) => fetch(`${gw.base}${String(url)}`, init))).toBe(`/central/${DB}`);
    expect(await discoverCentralUrl(async () => new Response('<h1>router</h1>'))).toBe('/central/downtime');
    expect((await gw.call('GET', '/central/_session')).json.userCtx).toMatchObject({ name: null });
    for (const path of [`/central/${DB}`, `/central/${DB}/_all_docs?include_docs=true`, `/central/${DB}/_changes`, `/central/${DB}/ev:T2:0000000001`]) {
      await refusedUnseen('GET', path, 'anonymous', 401);
    }
  });

  it.each<[string, string, unknown?]>([
    ['POST', `/central/${DB}/_find`, { selector: {} }],
    ['POST', `/central/${DB}/_temp_view`, { map: 'function(doc){ emit(doc._id, doc) }' }],
    ['POST', `/central/${DB}/_index`, { index: { fields: ['x'] } }],
    ['DELETE', `/central/${DB}/_index/_design/a/json/b`],
    ['DELETE', `/central/${DB}/_design/downtime`],
    ['PUT', `/central/${DB}/_design/downtime`, { validate_doc_update: 'function(){}' }],
    ['DELETE', `/central/${DB}`],
    ['PUT', `/central/${DB}/_local/_security`, { members: { names: [], roles: [] } }],
    ['PUT', `/central/${DB}/_security`, { members: { names: [], roles: [] } }],
    ['GET', '/central/_all_dbs'],
    ['GET', '/central/_config'],
    ['PUT', '/central/_users/org.couchdb.user:mallory', { name: 'mallory', password: 'x', roles: ['device', 'device:T1'], type: 'user' }],
    ['GET', `/central/${DB}/_design/downtime/_view/by_device`],
  ])('refuses %s %s to every caller without reaching the store', async (method, path, body) => {
    for (const as of ['anonymous', 'T1', 'AD', 'admin'] as const) {
      const res = await refusedUnseen(method, path, as, 404, body);
      expect(res.json.error).toBe('not_found');
    }
  });

  it.each([
    '/central/downtime/../_users/org.couchdb.user:x', '/central/%2e%2e/_users', `/central/${DB}%2F..%2F_users`,
    `/central/${DB}/_all_docs/..`, `/central//_users`, `/central/${DB}/.`, '/central/\\_users', `/central/${DB}/%2E%2E`,
  ])('refuses the path trick %s with 400', async (path) => {
    await refusedUnseen('GET', path, 'T1', 400);
    await refusedUnseen('PUT', path, 'anonymous', 400, { name: 'x' });
  });

  it('turns away server admins on the browser path and wrong passwords', async () => {
    await refusedUnseen('GET', `/central/${DB}`, 'admin', 403);
    const wrong = await gw.call('GET', `/central/${DB}`, { auth: { username: 'device-T1', password: 'guess' } });
    expect(wrong.status).toBe(401);
  });

  it("keeps a device to its own events: no other device's documents, no feed, no bulk reads", async () => {
    const t1 = gw.accounts.T1;
    await refusedUnseen('GET', `/central/${DB}/ev:T2:0000000001`, 'T1', 403);
    await refusedUnseen('GET', `/central/${DB}/_changes?since=0`, 'T1', 403);
    await refusedUnseen('POST', `/central/${DB}/_bulk_get`, 'T1', 403, { docs: [{ id: 'ev:T2:0000000001' }] });
    const range = (a: string, b: string, extra = '') => `/central/${DB}/_all_docs?startkey=${encodeURIComponent(JSON.stringify(a))}&endkey=${encodeURIComponent(JSON.stringify(b))}${extra}`;
    await refusedUnseen('GET', range('ev:T2:', 'ev:T2:\ufff0', '&include_docs=true'), 'T1', 403);
    await refusedUnseen('GET', range('ev:T1:', 'ev:T3:', '&include_docs=true'), 'T1', 403);
    await refusedUnseen('GET', `/central/${DB}/_all_docs?include_docs=true`, 'T1', 403);
    await refusedUnseen('GET', `${range('ev:T1:', 'ev:T1:\ufff0')}&keys=${encodeURIComponent('["ev:T2:0000000001"]')}`, 'T1', 400);
    await refusedUnseen('GET', `${range('ev:T1:', 'ev:T1:\ufff0', '&include_docs=true')}&startkey=${encodeURIComponent('"ev:T2:"')}`, 'T1', 400);
    await refusedUnseen('GET', `${range('ev:T1:', 'ev:T1:\ufff0', '&include_docs=true;keys=["ev:T2:0000000001"]')}`, 'T1', 400);
    await refusedUnseen('POST', `/central/${DB}/_revs_diff`, 'T1', 403, { 'ev:T2:0000000001': ['1-abc'] });
    await refusedUnseen('GET', `/central/${DB}/device:T2`, 'T1', 403);
    await refusedUnseen('PUT', `/central/${DB}/device:T2`, 'T1', 403, { _id: 'device:T2', type: 'device-status', device: 'T2', confirmedSeq: 0, refused: 0, syncedAt: '2026-12-01T10:00:00.000Z' });
    // Its own range is fine.
    const own = await gw.call('GET', range('ev:T1:', 'ev:T1:\ufff0', '&descending=false&limit=1'), { auth: t1 });
    expect(own.status).toBe(200);
  });

  it("lets devices read the hospital's backup public key, never anyone else, and nobody write it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-key-'));
    try {
      await createBackupKey({ url: gw.store.url, db: DB, auth: gw.store.auth }, 'AIIMS New Delhi', join(dir, 'key.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await refusedUnseen('GET', `/central/${DB}/backupkey`, 'anonymous', 401);
    await refusedUnseen('PUT', `/central/${DB}/backupkey`, 'T1', 404, { _id: 'backupkey', type: 'backup-key' });
    await refusedUnseen('PUT', `/central/${DB}/backupkey`, 'AD', 404, { _id: 'backupkey', type: 'backup-key' });
    await refusedUnseen('GET', `/central/${DB}/backupkey?revs=true`, 'T1', 400);
    for (const as of ['T1', 'AD'] as const) {
      const res = await gw.call('GET', `/central/${DB}/backupkey`, { auth: who()[as] });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ type: 'backup-key', hospital: 'AIIMS New Delhi', publicKey: { kty: 'EC', crv: 'P-256' } });
      expect(JSON.stringify(res.json)).not.toMatch(/"d"/);
    }
  });

  it("reads a device's own events by id (the resync's conflict sample) and nobody else's", async () => {
    const byId = `/central/${DB}/_all_docs?include_docs=true&conflicts=true`;
    for (const as of ['T1', 'AD'] as const) {
      // Another device's event, alone or hidden among its own; the design document; a key document.
      await refusedUnseen('POST', byId, as, 403, { keys: ['ev:T2:0000000001'] });
      await refusedUnseen('POST', byId, as, 403, { keys: [`ev:${as}:0000000001`, 'ev:T2:0000000002'] });
      await refusedUnseen('POST', byId, as, 403, { keys: ['_design/downtime'] });
      await refusedUnseen('POST', byId, as, 403, { keys: ['devicekey:T2'] });
      await refusedUnseen('POST', byId, as, 403, { keys: [`ev:${as}:0000000001x`] });
      await refusedUnseen('POST', byId, as, 403, { keys: [`ev:${as}:\ufff0`] });
    }
    // Nothing but `keys`, and a bounded number of them; no range or other parameter beside them.
    await refusedUnseen('POST', byId, 'T1', 400, { keys: ['ev:T1:0000000001'], startkey: 'ev:T2:', endkey: 'ev:T2:\ufff0' });
    await refusedUnseen('POST', byId, 'T1', 400, { keys: Array.from({ length: 1001 }, (_, i) => `ev:T1:${String(i + 1).padStart(10, '0')}`) });
    await refusedUnseen('POST', byId, 'T1', 400, { keys: [] });
    await refusedUnseen('POST', byId, 'T1', 400, { keys: 'ev:T1:0000000001' });
    await refusedUnseen('POST', `${byId}&startkey=${encodeURIComponent('"ev:T2:"')}`, 'T1', 400, { keys: ['ev:T1:0000000001'] });
    await refusedUnseen('POST', byId, 'anonymous', 401, { keys: ['ev:T2:0000000001'] });
    await refusedUnseen('POST', byId, 'admin', 403, { keys: ['ev:T2:0000000001'] });
    // The tablet that owns them reads them, conflicts included.
    const own = await gw.call('POST', byId, { auth: gw.accounts.T2, body: { keys: ['ev:T2:0000000001', 'ev:T2:0000000003'] } });
    expect(own.status).toBe(200);
    expect((own.json.rows as Array<{ id: string; doc: { seq: number } }>).map((r) => [r.id, r.doc.seq])).toEqual([['ev:T2:0000000001', 1], ['ev:T2:0000000003', 3]]);
  });

  it("reads one of a device's own events by id with r (the resync's final check), and takes no other parameter for it", async () => {
    const doc = (code: string, query = '') => `/central/${DB}/ev:${code}:0000000001${query}`;
    // The owner reads it from every copy of a cluster: `r` goes through to the store.
    const own = await gw.call('GET', doc('T2', '?r=3'), { auth: gw.accounts.T2 });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ _id: 'ev:T2:0000000001', seq: 1 });
    expect(gw.forwarded.at(-1)).toBe(`GET ${DB}/ev:T2:0000000001?r=3`);
    // Another device's event, with or without r; anonymous; the server admin.
    await refusedUnseen('GET', doc('T2', '?r=3'), 'T1', 403);
    await refusedUnseen('GET', doc('T2', '?r=3'), 'anonymous', 401);
    await refusedUnseen('GET', doc('T2', '?r=3'), 'admin', 403);
    // Parameters the route does not take are refused before the store sees them, r or not.
    for (const query of ['?w=3', '?r=3&include_docs=true', '?r=3&r=1', '?r=3&local_seq=true', '?n=1', '?r=3&batch=ok']) {
      await refusedUnseen('GET', doc('T2', query), 'T2', 400);
    }
    // Only event ids: the design document, key and status documents are not read this way.
    await refusedUnseen('GET', `/central/${DB}/_design/downtime?r=3`, 'T2', 404);
    await refusedUnseen('GET', `/central/${DB}/devicekey:T1?r=3`, 'T2', 404);
    // The administrator's device reads any device's event, as its pull does.
    expect((await gw.call('GET', doc('T2', '?r=2'), { auth: gw.accounts.AD })).status).toBe(200);
  });

  it("lets the administrator's device (reader) pull every device with PouchDB's replication calls", async () => {
    const ad = gw.accounts.AD;
    const changes = await gw.call('GET', `/central/${DB}/_changes?style=all_docs&since=0&limit=100`, { auth: ad });
    expect(changes.status).toBe(200);
    expect((changes.json.results as Array<{ id: string }>).map((r) => r.id)).toContain('ev:T2:0000000001');
    const got = await gw.call('POST', `/central/${DB}/_bulk_get?revs=true&latest=true`, { auth: ad, body: { docs: [{ id: 'ev:T2:0000000002' }] } });
    expect(got.status).toBe(200);
    expect(got.text).toContain('ev:T2:0000000002');
    const checkpoint = `/central/${DB}/_local/rd8rIX1NpV.bcyCXTxcO4w%3D%3D`;
    expect((await gw.call('PUT', checkpoint, { auth: ad, body: { last_seq: 3 } })).status).toBe(201);
    expect((await gw.call('GET', checkpoint, { auth: ad })).status).toBe(200);
    await refusedUnseen('GET', `/central/${DB}/_changes?filter=_view&view=downtime/by_device`, 'AD', 400);
  });

  it('answers with security headers and no CORS except for a listed origin', async () => {
    const res = await gw.call('GET', '/central/', { headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect((await gw.call('OPTIONS', `/central/${DB}/_bulk_docs`, { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })).headers['access-control-allow-origin']).toBeUndefined();
    const listed = await gw.call('GET', '/central/', { headers: { origin: 'https://desk.hospital.example' } });
    expect(listed.headers['access-control-allow-origin']).toBe('https://desk.hospital.example');
  });

  it('serves the app shell with no-cache and answers a missing asset with 404, not the shell', async () => {
    const shell = await gw.call('GET', '/');
    expect(shell.status).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    const missing = await gw.call('GET', '/assets/nothing-here-abc123.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<title>');
  });

  it('answers garbage bodies with a clear 400 and no stack trace', async () => {
    gw.forwarded.length = 0;
    const res = await gw.call('POST', `/central/${DB}/_revs_diff`, { auth: gw.accounts.T1, rawBody: '{"ev:T1:0000000001": [' });
    expect(res.status).toBe(400);
    expect(res.json.reason).toBe('The body is not valid JSON.');
    expect(res.text).not.toMatch(/node_modules|\/work\/|\bat /);
    expect(gw.forwarded).toEqual([]);
  });
  // Last: it locks this test's address (127.0.0.1) out of the gateway.
  it('stops answering an address after too many wrong passwords, without asking the store', async () => {
    const guess = (n: number) => gw.call('GET', `/central/${DB}`, { auth: { username: 'device-T1', password: `guess-${n}` } });
    const answers: number[] = [];
    for (let n = 0; n < MAX_FAILURES + 2; n += 1) answers.push((await guess(n)).status);
    // An earlier test already spent one wrong password from this address.
    const firstRefusal = answers.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(MAX_FAILURES - 3);
    expect(answers).toEqual([...Array(firstRefusal).fill(401), ...Array(answers.length - firstRefusal).fill(429)]);
    const right = await gw.call('GET', `/central/${DB}`, { auth: gw.accounts.T1 });
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // The tablet says so in words, with the wait, not as an HTTP status.
    const client = new CentralClient({ dbUrl: `${gw.base}/central/${DB}`, ...gw.accounts.T1 });
    const refused = await client.check().catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'tooManyAttempts', params: { count: 5 } });
    initI18n('en');
    expect(errorText(refused, i18next.t)).toBe('Too many wrong passwords from this tablet: the central store answers again in 5 minutes.');
  });
});
