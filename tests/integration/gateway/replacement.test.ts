// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackupKey } from '../../../src/central/backupKey';
import { generateDeviceKey } from '../../../src/crypto/headSignature';
import { generateSigningKey, signReplacement, type SigningPrivateKey } from '../../../src/crypto/replacementSignature';
import { parseBackupKeyFile } from '../../../src/domain/backup/keyFile';
import type { ReplacementStatement } from '../../../src/domain/backup/replacement';
import type { PublicKeyJwk } from '../../../src/domain/sync/signedHead';
import { CentralClient } from '../../../src/sync/centralClient';
import { storeFetch } from '../../helpers/pouchServer';
import { chainOf, DB, gatewayHarness, refusals } from '../../helpers/gatewayHarness';

const HOSPITAL = 'AIIMS New Delhi';
let gw: Awaited<ReturnType<typeof gatewayHarness>>;
let lost: Awaited<ReturnType<typeof gw.tablet>>;
let signingKey: SigningPrivateKey;
let dir: string;
const chain = chainOf('T1', 6);

beforeAll(async () => {
  gw = await gatewayHarness();
  await gw.allClear();
  dir = mkdtempSync(join(tmpdir(), 'dd-replace-'));
  await createBackupKey({ url: gw.store.url, db: DB, auth: gw.store.auth }, HOSPITAL, join(dir, 'backup-key.json'));
  signingKey = parseBackupKeyFile(readFileSync(join(dir, 'backup-key.json'), 'utf8'))!.signingKey!;
  // The lost tablet registered its key and synced events 1–4 before it was lost.
  lost = await gw.tablet('T1');
  expect(refusals(await lost.push(chain.slice(0, 4)))).toEqual([]);
});
afterAll(async () => {
  await gw?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The statement a restore from a bundle of events 1–`seq` signs for the new tablet's key. */
const statementFor = (newKey: PublicKeyJwk, oldKey: PublicKeyJwk, seq = 4, options: { key?: SigningPrivateKey; device?: string; hash?: string } = {}) =>
  signReplacement(options.key ?? signingKey, {
    type: 'device-replacement', version: 1, hospital: HOSPITAL, device: options.device ?? 'T1', newKey, oldKey,
    seq, hash: options.hash ?? chain[seq - 1]!.hash, at: '2026-12-02T08:00:00.000Z',
  });

const register = (publicKey: PublicKeyJwk, replacement?: unknown) => gw.call('PUT', `/central/${DB}/devicekey%3AT1`, {
  auth: gw.accounts.T1, body: { _id: 'devicekey:T1', type: 'device-key', device: 'T1', publicKey, registeredAt: '2026-12-02T09:00:00.000Z', ...(replacement ? { replacement } : {}) },
});

/** What a replacement changes: T1's registered key, its replacement records, its events. */
async function storeOfT1() {
  const key = await storeFetch(gw.store, `${DB}/devicekey%3AT1`, { auth: gw.store.auth });
  const range = (prefix: string) => `${DB}/_all_docs?include_docs=true&startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
  const records = await storeFetch(gw.store, range('devicekey-replaced:T1:'), { auth: gw.store.auth });
  return {
    key: key.body.publicKey as PublicKeyJwk,
    records: (records.body.rows as Array<{ doc: Record<string, unknown> }>).map((r) => r.doc),
    events: (await gw.storedEvents('T1')).map((e) => `${e._id} ${e._rev}`),
  };
}

describe('a replacement tablet takes its device code over with the statement its restore signed (issue 16, point 3)', () => {
  let replacement: Awaited<ReturnType<typeof generateDeviceKey>>;

  it('refuses every attempt without a valid statement for the key registered now, and changes nothing', async () => {
    replacement = await generateDeviceKey();
    const before = await storeOfT1();
    expect(before.key).toEqual(lost.key.publicKey);
    const good = await statementFor(replacement.publicKey, lost.key.publicKey);
    const otherHospitalKey = (await generateSigningKey()).privateKey;
    const cases: Array<[string, unknown, number, RegExp]> = [
      // The lost tablet's account is all a thief has: no statement, no takeover.
      ['no statement', undefined, 409, /already has another key registered/],
      ['a forged signature', { ...good, signature: good.signature.slice(0, -4) + (good.signature.endsWith('AAAA') ? 'BBBB' : 'AAAA') }, 403, /not signed with this hospital's backup key file/],
      ['a changed field under a good signature', { ...good, seq: 5, hash: chain[4]!.hash }, 403, /not signed with this hospital's backup key file/],
      ['a statement for another device code', await statementFor(replacement.publicKey, lost.key.publicKey, 4, { device: 'T2' }), 403, /replaces device T2, not T1/],
      ['a statement signed by another backup key file', await statementFor(replacement.publicKey, lost.key.publicKey, 4, { key: otherHospitalKey }), 403, /not signed with this hospital's backup key file/],
      ['a statement for another new key', await statementFor((await generateDeviceKey()).publicKey, lost.key.publicKey), 403, /names key [0-9a-f]{16}, not the key [0-9a-f]{16} being registered/],
      ['a stale bundle: the store holds the code beyond it', await statementFor(replacement.publicKey, lost.key.publicKey, 2), 403, /holds events of this code up to 4, beyond the restored 2/],
      ['another version of the last restored event', await statementFor(replacement.publicKey, lost.key.publicKey, 4, { hash: chain[5]!.hash }), 403, /holds event 4 of this code in another version/],
      ['not a statement at all', { hello: 'world' }, 403, /not a replacement statement/],
    ];
    for (const [what, statement, status, reason] of cases) {
      const res = await register(replacement.publicKey, statement);
      expect({ what, status: res.status }).toEqual({ what, status });
      expect(res.json.reason, what).toMatch(reason);
      expect(await storeOfT1(), what).toEqual(before);
    }
    // The lost tablet still pushes: nothing was retired.
    expect(refusals(await lost.push(chain.slice(4, 5)))).toEqual([]);
  });

  it('registers the replacement, records it like replace-device-key, and refuses the old key\'s later pushes, saying why', async () => {
    const before = await storeOfT1();
    const res = await register(replacement.publicKey, await statementFor(replacement.publicKey, lost.key.publicKey, 5));
    expect(res.status).toBe(201);
    const after = await storeOfT1();
    expect(after.key).toEqual(replacement.publicKey);
    expect(after.events).toEqual(before.events);
    expect(after.records).toEqual([expect.objectContaining({
      type: 'device-key-replaced', device: 'T1', oldKey: lost.key.publicKey, madeBy: 'replacement-statement',
      by: expect.stringMatching(/^the replacement tablet's statement \(restored to event 5/),
    })]);
    // The lost tablet's next push: refused with its own reason, which the app shows.
    const old = await lost.push(chain.slice(5, 6));
    expect(old.status).toBe(403);
    expect(old.json).toMatchObject({ error: 'key_replaced', reason: expect.stringMatching(/key for device T1 was replaced at .* by the replacement tablet's statement/) });
    const client = new CentralClient({ dbUrl: `${gw.base}/central/${DB}`, ...gw.accounts.T1 });
    await expect(client.bulkDocs(chain.slice(5, 6), await lost.sign(6, chain[5]!.hash))).rejects.toMatchObject({ code: 'keyReplaced', params: { reason: expect.stringContaining('was replaced at') } });
    expect((await storeOfT1()).events).toEqual(before.events);
    // Its gate opened again: told the same, not taken for a second tablet using the code.
    const reopened = await register(lost.key.publicKey);
    expect(reopened.status).toBe(403);
    expect(reopened.json).toMatchObject({ error: 'key_replaced', reason: expect.stringMatching(/was replaced at .* by the replacement tablet's statement/) });
    expect(await storeOfT1()).toEqual(after);
    // The same registration again is answered as done; the new tablet numbers on.
    expect((await register(replacement.publicKey, await statementFor(replacement.publicKey, lost.key.publicKey, 5))).status).toBe(200);
  });

  it('never takes a statement twice: a second tablet restored from the same bundle, or the first statement after a second replacement, is refused', async () => {
    const before = await storeOfT1();
    // Two tablets restored from the lost tablet's one bundle: the first took the code, the second names a key no longer registered.
    const twin = await generateDeviceKey();
    const late = await register(twin.publicKey, await statementFor(twin.publicKey, lost.key.publicKey, 5));
    expect(late.status).toBe(403);
    expect(late.json.reason).toMatch(/replaces key [0-9a-f]{16}, but the key registered now is [0-9a-f]{16}: that key was replaced already/);
    expect(await storeOfT1()).toEqual(before);

    const first = await statementFor(replacement.publicKey, lost.key.publicKey, 5);
    const third = await generateDeviceKey();
    expect((await register(third.publicKey, await statementFor(third.publicKey, replacement.publicKey, 5))).status).toBe(201);
    const after = await storeOfT1();
    expect(after.records).toHaveLength(2);
    // The first replacement's key, retired in its turn, never comes back, even with its statement.
    const replayed = await register(replacement.publicKey, first);
    expect(replayed.status).toBe(403);
    expect(replayed.json).toMatchObject({ error: 'key_replaced', reason: expect.stringMatching(/was replaced at .* by the replacement tablet's statement/) });
    expect(await storeOfT1()).toEqual(after);
  });

  it('tells the tablet why its statement was refused', async () => {
    const client = new CentralClient({ dbUrl: `${gw.base}/central/${DB}`, ...gw.accounts.T1 });
    const other = await generateDeviceKey();
    // The lost tablet's key was replaced twice over by now: its statements are spent.
    const stale = await statementFor(other.publicKey, lost.key.publicKey, 5);
    await expect(client.registerKey('T1', other.publicKey, '2026-12-02T10:00:00.000Z', stale as ReplacementStatement))
      .rejects.toMatchObject({ code: 'replacementRefused', params: { device: 'T1', reason: expect.stringMatching(/replaced already/) } });
  });
});
