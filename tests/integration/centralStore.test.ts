// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore } from '../../src/central/embeddedStore';
import { StartupError } from '../../src/central/errors';
import { setupCentral } from '../../src/central/setup';
import { buildEvent } from '../../src/domain/events/envelope';
import { freePort, startTestStore, storeFetch, type TestStore } from '../helpers/pouchServer';

const DB = 'downtime';
const device = { username: 'device-K7', password: 'k7-secret-pw' };

const event = (code: string, seq = 1) => buildEvent({
  type: 'user.added',
  data: { name: `Clerk ${String.fromCharCode(64 + seq)}`, role: 'clerk' },
  device: code,
  head: seq === 1 ? null : { seq: seq - 1, hash: 'a'.repeat(64) },
  at: '2026-11-26T10:21:33.120Z',
  by: 'clerk-ravi',
});

describe('central store: the embedded store, set-up and design document', () => {
  let store: TestStore;
  const target = () => ({ url: store.url, db: DB, auth: store.auth });
  const put = (doc: { _id: string }, auth?: typeof device) =>
    storeFetch(store, `${DB}/${doc._id}`, { method: 'PUT', body: doc, auth: auth ?? store.auth });

  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('keeps the generated admin password in a file only its owner can read', () => {
    const file = join(store.dataDir, 'admin-password');
    expect(readFileSync(file, 'utf8').trim()).toBe(store.auth.password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(store.dataDir, 'config.json'), 'utf8')).log.file).toBe(join(store.dataDir, 'log.txt'));
  });

  it('refuses anonymous configuration once the admin exists', async () => {
    expect((await storeFetch(store, '_config/admins')).status).toBe(401);
  });

  it('sets up idempotently: a second run changes nothing', async () => {
    expect(await setupCentral(target())).toEqual({ database: 'created', designDoc: 'created', security: 'set' });
    const first = await storeFetch(store, `${DB}/_design/downtime`, { auth: store.auth });
    expect(await setupCentral(target())).toEqual({ database: 'existed', designDoc: 'unchanged', security: 'unchanged' });
    const second = await storeFetch(store, `${DB}/_design/downtime`, { auth: store.auth });
    expect(second.body._rev).toBe(first.body._rev);
    expect(String(second.body.validate_doc_update)).toContain('"user.added"');
  });

  it('lets a device account write its own well-formed events', async () => {
    const user = { _id: `org.couchdb.user:${device.username}`, name: device.username, password: device.password, roles: ['device', 'device:K7'], type: 'user' };
    expect((await storeFetch(store, `_users/${encodeURIComponent(user._id)}`, { method: 'PUT', body: user, auth: store.auth })).status).toBe(201);
    const res = await put(event('K7'), device);
    expect(res.status).toBe(201);
  });

  it('refuses to change or delete an existing event, even for an admin', async () => {
    const stored = await storeFetch(store, `${DB}/ev:K7:0000000001`, { auth: store.auth });
    const rev = String(stored.body._rev);
    for (const auth of [device, store.auth]) {
      const changed = await put({ ...event('K7'), _rev: rev, by: 'mallory' } as { _id: string }, auth);
      expect(changed).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      const deleted = await storeFetch(store, `${DB}/ev:K7:0000000001?rev=${rev}`, { method: 'DELETE', auth });
      expect(deleted.status).toBe(403);
    }
  });

  it.each([
    ['a bad id', { ...event('K7', 2), _id: 'ev:K7:42' }],
    ['an unknown type', { ...event('K7', 2), type: 'patient.teleported' }],
    ['a seq that differs from the id', { ...event('K7', 2), seq: 3 }],
    ['a device that differs from the id', { ...event('K7', 2), device: 'M2' }],
    ['a hash that is not hex', { ...event('K7', 2), hash: 'Z'.repeat(64) }],
    ['a missing prev', { ...event('K7', 2), prev: undefined }],
    ['an empty author', { ...event('K7', 2), by: '' }],
    ['a local time', { ...event('K7', 2), at: '2026-11-26 10:21' }],
    ['data that is a list', { ...event('K7', 2), data: [] }],
    ['an extra field', { ...event('K7', 2), note: 'x' }],
    ['data outside its type\'s schema: unknown role', { ...event('K7', 2), data: { name: 'Ravi', role: 'root' } }],
    ['data outside its type\'s schema: missing field', { ...event('K7', 2), data: { name: 'Ravi' } }],
    ['data outside its type\'s schema: extra field', { ...event('K7', 2), data: { name: 'Ravi', role: 'clerk', pin: '123456' } }],
    ['data outside its type\'s schema: a name of digits', { ...event('K7', 2), data: { name: '12345', role: 'clerk' } }],
  ])('refuses a malformed event: %s', async (_name, doc) => {
    const res = await put(doc, device);
    expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } });
  });

  it("refuses an event of another device than the writer's", async () => {
    const res = await put(event('M2'), device);
    expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(String(res.body.reason)).toContain('device M2');
  });

  it('refuses non-event documents and design documents from devices', async () => {
    expect((await put({ _id: 'settings' }, device)).status).toBe(403);
    expect([401, 403]).toContain((await put({ _id: '_design/evil' }, device)).status);
  });

  it('keeps anonymous users out of the database', async () => {
    const res = await fetch(new URL(`${DB}/_all_docs`, store.url));
    expect(res.status).toBe(401);
  });

  it('lets an admin write a well-formed event and counts events per device', async () => {
    expect((await put(event('Q1'))).status).toBe(201);
    const view = await storeFetch(store, `${DB}/_design/downtime/_view/by_device?group_level=1`, { auth: store.auth });
    expect(view.body.rows).toEqual([{ key: ['K7'], value: 1 }, { key: ['Q1'], value: 1 }]);
  });

  it('judges each document of a batch on its own: the malformed and the changed are refused, the rest stored', async () => {
    const stored = await storeFetch(store, `${DB}/ev:K7:0000000001`, { auth: store.auth });
    const good = [event('K7', 2), event('K7', 3)];
    const docs = [good[0], { ...event('K7', 4), type: 'patient.teleported' }, { ...stored.body, by: 'mallory' }, good[1]];
    const res = await fetch(new URL(`${DB}/_bulk_docs`, store.url), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${device.username}:${device.password}`)}` },
      body: JSON.stringify({ docs }),
    });
    const answers = await res.json() as { id: string; error?: string }[];
    expect(answers.filter((a) => a.error === 'forbidden').map((a) => a.id).sort()).toEqual(['ev:K7:0000000001', 'ev:K7:0000000004']);
    for (const doc of good) expect((await storeFetch(store, `${DB}/${doc._id}`, { auth: store.auth })).status).toBe(200);
    expect((await storeFetch(store, `${DB}/ev:K7:0000000004`, { auth: store.auth })).status).toBe(404);
    const after = await storeFetch(store, `${DB}/ev:K7:0000000001?conflicts=true`, { auth: store.auth });
    expect(after.body).toMatchObject({ _rev: stored.body._rev, by: stored.body.by });
    expect(after.body._conflicts).toBeUndefined();
  });

  it('applies a changed design document from the next write on (a function is not kept past its revision)', async () => {
    const strict = { _id: '_design/strict', validate_doc_update: "function (doc) { if (doc.seq === 5) throw { forbidden: 'no fives' }; }" };
    const created = await storeFetch(store, `${DB}/_design/strict`, { method: 'PUT', body: strict, auth: store.auth });
    expect(created.status).toBe(201);
    expect(await put(event('K7', 5), device)).toMatchObject({ status: 403, body: { reason: 'no fives' } });
    const relaxed = { ...strict, _rev: created.body.rev, validate_doc_update: "function (doc) { if (doc.seq === 6) throw { forbidden: 'no sixes' }; }" };
    const updated = await storeFetch(store, `${DB}/_design/strict`, { method: 'PUT', body: relaxed, auth: store.auth });
    expect((await put(event('K7', 5), device)).status).toBe(201);
    await storeFetch(store, `${DB}/_design/strict?rev=${String(updated.body.rev)}`, { method: 'DELETE', auth: store.auth });
    expect((await put(event('K7', 6), device)).status).toBe(201);
  });

  it('offers no route that runs code sent in the request, even to its admin', async () => {
    const map = { map: 'function (doc) { emit(doc._id, null); }' };
    const temp = await fetch(new URL(`${DB}/_temp_view`, store.url), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${store.auth.username}:${store.auth.password}`)}` },
      body: JSON.stringify(map),
    });
    expect(temp.status).toBeGreaterThanOrEqual(400);
    expect(await temp.json()).not.toHaveProperty('rows');
    const utils = await fetch(new URL('_utils/', store.url), { headers: { authorization: `Basic ${btoa(`${store.auth.username}:${store.auth.password}`)}` } });
    expect(utils.status).toBe(404);
  });

  it('refuses a second start on a port in use with one clear line', async () => {
    const port = Number(new URL(store.url).port);
    await expect(startEmbeddedStore({ port, dataDir: store.dataDir, adminPassword: null, log: () => {} }))
      .rejects.toThrow(new StartupError(`Port ${port} is already in use: stop the other program or set DD_STORE_PORT=<a free port>.`));
  });
});

describe('central store: restarts and set-up errors', () => {
  it('restarts with the saved password and refuses a wrong one', async () => {
    const store = await startTestStore();
    const port = Number(new URL(store.url).port);
    await store.stop();
    try {
      const again = await startEmbeddedStore({ port, dataDir: store.dataDir, adminPassword: null, log: () => {} });
      expect(again.auth).toEqual(store.auth);
      await again.stop();
      await expect(startEmbeddedStore({ port, dataDir: store.dataDir, adminPassword: 'not-the-password', log: () => {} }))
        .rejects.toThrow(/rejects the admin password from DD_ADMIN_PASSWORD/);
    } finally {
      await store.dispose();
    }
  });

  it('names an unreachable server', async () => {
    const url = `http://127.0.0.1:${await freePort()}/`;
    await expect(setupCentral({ url, db: DB, auth: null })).rejects.toThrow(/^Cannot reach the central store at .*ECONNREFUSED/);
  });

  it('names a server that is not a CouchDB', async () => {
    const server: Server = createServer((_req, res) => res.end('<html>router login</html>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    try {
      await expect(setupCentral({ url, db: DB, auth: null })).rejects.toThrow(/does not answer like a CouchDB server/);
    } finally {
      server.close();
    }
  });

  it('names wrong credentials and non-admin credentials', async () => {
    const store = await startTestStore();
    try {
      await expect(setupCentral({ url: store.url, db: DB, auth: { username: 'admin', password: 'wrong-password' } }))
        .rejects.toThrow(/refused the credentials/);
      await expect(setupCentral({ url: store.url, db: DB, auth: null })).rejects.toThrow(/needs a server admin/);
    } finally {
      await store.dispose();
    }
  });
});
