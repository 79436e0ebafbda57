// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeHash, type AnyEvent } from '../../../src/domain/events/envelope';
import { generateDeviceKey } from '../../../src/crypto/headSignature';
import { CentralClient } from '../../../src/sync/centralClient';
import { replaceDeviceKey } from '../../../src/central/deviceKeys';
import { createAppServer } from '../../../src/server/appServer';
import { createUpstream } from '../../../src/server/gateway/upstream';
import { freePort, storeFetch } from '../../helpers/pouchServer';
import { chainOf, DB, gatewayHarness, refusals, withRevision } from '../../helpers/gatewayHarness';

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
let t1: Awaited<ReturnType<typeof gw.tablet>>;
beforeAll(async () => {
  gw = await gatewayHarness();
  t1 = await gw.tablet('T1');
  expect(t1.registered.status).toBe(201);
});
afterAll(async () => { await gw?.close(); });

const push = (docs: unknown[]) => t1.push(docs);
const stored = async (device = 'T1') => (await gw.storedEvents(device)).map((d) => `${d._id} ${d._rev} ${d._conflicts?.length ?? 0}`);

/** An event whose content was changed after hashing, re-hashed so that only the chain can tell. */
function rehashed(event: AnyEvent, change: Partial<AnyEvent>) {
  const { hash: _h, ...rest } = { ...event, ...change } as AnyEvent;
  const { _rev: _r, _revisions: _v, ...content } = rest as AnyEvent & { _rev?: string; _revisions?: unknown };
  return withRevision({ ...content, hash: computeHash(content) } as AnyEvent);
}

describe('central gateway: pushes are checked before anything is written', () => {
  const chain = () => chainOf('T1', 8);

  it('refuses every push until the network has been declared clean, and says why', async () => {
    const res = await push(chain().slice(0, 2));
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: 'no_all_clear' });
    const client = new CentralClient({ dbUrl: `${gw.base}/central/${DB}`, ...gw.accounts.T1 });
    await expect(client.bulkDocs(chain().slice(0, 2))).rejects.toMatchObject({ code: 'noAllClear' });
    expect(await stored()).toEqual([]);
    await gw.allClear();
  });

  it('stores a valid chain, and a repeated push changes nothing', async () => {
    const res = await push(chain().slice(0, 4));
    expect(res.status).toBe(201);
    expect(refusals(res)).toEqual([]);
    const before = await stored();
    expect(before).toHaveLength(4);
    const again = await push(chain().slice(0, 5));
    expect(refusals(again)).toEqual([]);
    expect(await stored()).toEqual([...before, expect.stringMatching(/^ev:T1:0000000005 1-/)]);
  });

  it('never stores a second version of an event already there (two tablets with one code)', async () => {
    const before = await stored();
    const [, , third] = chain();
    const other = chainOf('T1', 3, { by: 'Somebody Else' })[2]!;
    expect(other._id).toBe(third!._id);
    const res = await push([other]);
    expect(refusals(res)[0]!.reason).toMatch(/already holds another version of event 3/);
    expect(await stored()).toEqual(before);
  });

  it('refuses tampered events: wrong hash, broken prev, a jump ahead, a foreign device, the far future, oversized fields', async () => {
    const before = await stored();
    const next = chain()[5]!;
    const cases: Array<[unknown, RegExp]> = [
      [{ ...next, data: { ...next.data, token: 'MED-T1-999' } }, /hash does not match/],
      [rehashed(next, { prev: 'a'.repeat(64) }), /prev does not match the hash of event 5/],
      [chain()[7]!, /event 7 of device T1 is not on the central store/],
      [chainOf('T2', 1)[0]!, /belongs to device T2/],
      [rehashed(next, { at: '2999-01-01T00:00:00.000Z' }), /later than the server's clock allows/],
      [rehashed(next, { by: 'x'.repeat(200) }), /by: tooLong/],
      [rehashed(next, { data: { ...next.data, note: 'extra' } } as never), /not a valid event \(data/],
      [rehashed(next, { by: 'x'.repeat(100_000) }), /larger than/],
      [{ ...next, _rev: '7-zzz' }, /revision/],
    ];
    for (const [doc, reason] of cases) {
      const res = await push([doc]);
      expect(res.status).toBe(201);
      expect(refusals(res).map((r) => r.reason).join(' | ')).toMatch(reason);
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses the rest of a batch after a break, so no sequence can jump ahead', async () => {
    const [, , , , , sixth, seventh, eighth] = chain();
    const res = await push([sixth!, { ...seventh!, by: 'Forger' }, eighth!]);
    expect(refusals(res).map((r) => r.id)).toEqual(['ev:T1:0000000007', 'ev:T1:0000000008']);
    expect(await stored()).toHaveLength(6);
  });

  it('answers garbage with a clear 400 and a 20 MB field with 413, storing nothing', async () => {
    const before = await stored();
    expect((await gw.call('POST', `/central/${DB}/_bulk_docs`, { auth: gw.accounts.T1, body: { docs: chain() } })).status).toBe(400);
    expect((await gw.call('POST', `/central/${DB}/_bulk_docs`, { auth: gw.accounts.T1, body: [1, 2] })).status).toBe(400);
    const deep = `{"docs":[${'['.repeat(100_000)}${']'.repeat(100_000)}],"new_edits":false}`;
    const nested = await gw.call('POST', `/central/${DB}/_bulk_docs`, { auth: gw.accounts.T1, rawBody: deep });
    expect(nested.status).toBe(400);
    expect(nested.json.reason).toMatch(/nests deeper/);
    const huge = await push([{ ...chain()[6]!, by: 'x'.repeat(20 * 1024 * 1024) }]);
    expect(huge.status).toBe(413);
    expect(await stored()).toEqual(before);
    expect((await gw.call('GET', '/central/')).status).toBe(200);
  });

  it('takes a status document only for what the store holds, signed by the device', async () => {
    const sixth = chain()[5]!;
    const head = await t1.sign(6, sixth.hash);
    const status = (confirmedSeq: number, signed = head) => ({ _id: 'device:T1', type: 'device-status', device: 'T1', confirmedSeq, refused: 0, syncedAt: '2026-12-01T11:00:00.000Z', head: signed });
    const put = (body: unknown) => gw.call('PUT', `/central/${DB}/device%3AT1`, { auth: gw.accounts.T1, body });
    const tooFar = await put(status(50));
    expect(tooFar.status).toBe(403);
    expect(tooFar.json.reason).toMatch(/holds up to 6/);
    expect((await put(status(6, { ...head, seq: 5 }))).json.error).toBe('key_mismatch');
    expect((await put(status(6, await t1.sign(6, 'b'.repeat(64))))).json.reason).toMatch(/does not hold as signed/);
    const { head: _none, ...unsigned } = status(6);
    expect((await put(unsigned)).status).toBe(400);
    expect((await put(status(6))).status).toBe(201);
  });

  it('lets one tablet hold a device code: another key is refused at registration and at every push', async () => {
    const impostor = await generateDeviceKey();
    const registered = await gw.call('PUT', `/central/${DB}/devicekey%3AT1`, {
      auth: gw.accounts.T1, body: { _id: 'devicekey:T1', type: 'device-key', device: 'T1', publicKey: impostor.publicKey, registeredAt: '2026-12-01T12:00:00.000Z' },
    });
    expect(registered.status).toBe(409);
    expect(registered.json.error).toBe('key_mismatch');
    const again = await gw.call('PUT', `/central/${DB}/devicekey%3AT1`, {
      auth: gw.accounts.T1, body: { _id: 'devicekey:T1', type: 'device-key', device: 'T1', publicKey: t1.key.publicKey, registeredAt: '2026-12-01T12:00:00.000Z' },
    });
    expect(again.status).toBe(200);
    const before = await stored();
    const next = chain()[6]!;
    const forged = await t1.push([next], { signer: impostor.privateKey });
    expect(forged.status).toBe(403);
    expect(forged.json.error).toBe('key_mismatch');
    const unsigned = await gw.call('POST', `/central/${DB}/_bulk_docs`, { auth: gw.accounts.T1, body: { docs: [next], new_edits: false } });
    expect(unsigned.json.error).toBe('key_mismatch');
    // The app's message names the device code whose key the push does not match.
    const client = new CentralClient({ dbUrl: `${gw.base}/central/${DB}`, ...gw.accounts.T1 });
    await expect(client.bulkDocs([next])).rejects.toMatchObject({ code: 'keyMismatch', params: { device: 'T1' } });
    const t2 = await gw.call('POST', `/central/${DB}/_bulk_docs`, { auth: gw.accounts.T2, body: { docs: chainOf('T2', 1), new_edits: false } });
    expect(t2.json.error).toBe('no_device_key');
    expect(await stored()).toEqual(before);
  });

  it("lets a server admin replace a device's key, keeping a record of the old one", async () => {
    const target = { url: gw.store.url, db: DB, auth: gw.store.auth };
    await expect(replaceDeviceKey(target, 'T1', '')).rejects.toThrow(/--by/);
    expect(await replaceDeviceKey(target, 'T1', 'Dr Mehta (IT security)')).toEqual({ replaced: true });
    const replacement = await generateDeviceKey();
    const registered = await gw.call('PUT', `/central/${DB}/devicekey%3AT1`, {
      auth: gw.accounts.T1, body: { _id: 'devicekey:T1', type: 'device-key', device: 'T1', publicKey: replacement.publicKey, registeredAt: '2026-12-02T09:00:00.000Z' },
    });
    expect(registered.status).toBe(201);
    // The replaced tablet's next push is refused, saying it was replaced, when and by whom.
    const [next] = chainOf('T1', 1);
    const refusedOld = await t1.push([next!]);
    expect(refusedOld.status).toBe(403);
    expect(refusedOld.json.reason).toMatch(/key for device T1 was replaced at .* by Dr Mehta \(IT security\): another tablet took over the code/);
    const records = await storeFetch(gw.store, `${DB}/_all_docs?include_docs=true&startkey=${encodeURIComponent('"devicekey-replaced:T1:"')}&endkey=${encodeURIComponent('"devicekey-replaced:T1:\ufff0"')}`, { auth: gw.store.auth });
    expect((records.body.rows as Array<{ doc: Record<string, unknown> }>).map((r) => r.doc)).toEqual([
      expect.objectContaining({ by: 'Dr Mehta (IT security)', oldKey: t1.key.publicKey }),
    ]);
    expect(await replaceDeviceKey(target, 'T9', 'Dr Mehta')).toEqual({ replaced: false });
  });

  it('answers 503 with a clear reason when the store does not answer, and the app stays up', async () => {
    const dead = await createAppServer({
      distDir: gw.distDir,
      gateway: { upstream: createUpstream(`http://127.0.0.1:${await freePort()}/`), db: DB, admin: gw.accounts.admin, corsOrigins: [] },
    });
    const port = await freePort();
    await dead.listen({ host: '127.0.0.1', port });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/central/${DB}`, { headers: { authorization: `Basic ${btoa('device-T1:whatever')}` } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { reason: string }).reason).toMatch(/central store is not answering/);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    } finally {
      await dead.close();
    }
  });
});
