import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareAllClear } from '../../src/central/allClear';
import { addDevice } from '../../src/central/devices';
import { setupCentral } from '../../src/central/setup';
import { verifyCentral } from '../../src/central/verifyCentral';
import { generateDeviceKey, signHead } from '../../src/crypto/headSignature';
import { CONFIRM_WINDOW_MS, type SyncProgress } from '../../src/domain/sync/progress';
import { createAppServer } from '../../src/server/appServer';
import { createUpstream } from '../../src/server/gateway/upstream';
import { CentralClient } from '../../src/sync/centralClient';
import { Resync } from '../../src/sync/resync';
import { SyncError } from '../../src/sync/syncError';
import { tablet } from '../helpers/centralHarness';
import { chainOf } from '../helpers/gatewayHarness';
import { laggingStore, type LaggingStore } from '../helpers/laggingStore';
import { startTestStore, storeFetch, type TestStore } from '../helpers/pouchServer';
import { freePort } from '../helpers/freePort';

const DB = 'downtime';
let store: TestStore;
let lag: LaggingStore;
let app: FastifyInstance;
let base: string;
let distDir: string;

/**
 * The app server's gateway in front of the cluster stand-in (tests/helpers/laggingStore.ts),
 * itself in front of a real pouchdb-server, set up as `npm start` sets one up.
 */
beforeAll(async () => {
  store = await startTestStore();
  await setupCentral({ url: store.url, db: DB, auth: store.auth });
  await declareAllClear({ url: store.url, db: DB, auth: store.auth }, 'Dr Mehta (IT security)');
  lag = await laggingStore(store.url);
  distDir = mkdtempSync(join(tmpdir(), 'dd-dist-'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Downtime Desk</title>');
  app = await createAppServer({ distDir, gateway: { upstream: createUpstream(lag.url), db: DB, admin: store.auth, corsOrigins: [], log: () => {} } });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  base = `http://127.0.0.1:${port}`;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await lag?.close();
  await store?.dispose();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

/**
 * A tablet holding `extra` events beyond a few registrations, its gate open through the gateway,
 * whose resync records the waits it asks for and returns at once: the test waits for outcomes.
 */
async function clusterTablet(code: string, extra: number) {
  const t = await tablet(code, 2);
  if (extra > 0) {
    const { log } = await t.desk.context();
    await log.appendMany(Array.from({ length: extra }, (_, i) => ({ type: 'user.added' as const, data: { name: `Clerk ${i.toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`, role: 'clerk' } })), t.admin.name);
  }
  const slept: number[] = [];
  const resync = new Resync(t.desk, async (ms) => { slept.push(ms); });
  const phases = new Set<SyncProgress['phase']>();
  resync.subscribe((p) => phases.add(p.phase));
  const creds = await addDevice({ url: store.url, auth: store.auth }, code);
  await resync.openGate(t.admin, { url: `${base}/central/${DB}`, ...creds, declaredClean: true, pull: false });
  return { ...t, resync, slept, phases, local: await t.desk.eventCount() };
}

const storedIds = async (code: string) => {
  const q = `startkey=${encodeURIComponent(JSON.stringify(`ev:${code}:`))}&endkey=${encodeURIComponent(JSON.stringify(`ev:${code}:\ufff0`))}`;
  return ((await storeFetch(store, `${DB}/_all_docs?${q}`, { auth: store.auth })).body.rows as Array<{ id: string }>).map((r) => r.id);
};
const writesOf = (code: string) => [...lag.writes].filter(([id]) => id.startsWith(`ev:${code}:`));
const failure = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err);

describe('resync against a CouchDB cluster stand-in (lagging copies, 202 answers)', () => {
  it('waits for a lagging copy instead of failing: every event confirmed, none written twice, the final check read from every copy', async () => {
    lag.lagFor(3); // each fresh id is reported missing by its next three _revs_diff
    const t = await clusterTablet('C1', 2500); // two batches
    try {
      const run = await t.resync.run(t.admin);
      expect(run).toMatchObject({ outcome: 'confirmed', total: t.local, confirmed: t.local, sent: t.local });
      expect(t.resync.current().message).toEqual({ code: 'allConfirmed', params: { count: t.local, refused: 0 } });
      // The screen said "waiting for the central store to confirm" meanwhile.
      expect(t.phases.has('confirming')).toBe(true);
      expect(t.slept.length).toBeGreaterThan(0);
      expect(t.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * CONFIRM_WINDOW_MS);
      const written = writesOf('C1');
      expect(written).toHaveLength(t.local);
      expect(written.filter(([, n]) => n !== 1)).toEqual([]);
      expect(new Set(await storedIds('C1')).size).toBe(t.local);
      // The newest event was read back with r = n (the stand-in says n = 3).
      const newest = `ev:C1:${String(t.local).padStart(10, '0')}`;
      expect(lag.seen.map(decodeURIComponent)).toContain(`GET /${DB}/${newest}?r=3`);
      const status = await storeFetch(store, `${DB}/device:C1`, { auth: store.auth });
      expect(status.body).toMatchObject({ confirmedSeq: t.local });
      expect((await verifyCentral({ url: store.url, db: DB, auth: store.auth })).find((r) => r.device === 'C1')).toMatchObject({ ok: true, count: t.local });
    } finally {
      lag.release();
    }
  }, 240_000);

  it('reports a push the cluster only accepted (202) as degraded, never synced; a later resync with a healthy store confirms everything', async () => {
    const t = await clusterTablet('C2', 0);
    lag.acceptOnly(true);
    let degraded;
    try {
      degraded = await t.resync.run(t.admin);
    } finally {
      lag.acceptOnly(false);
    }
    expect(degraded).toMatchObject({ outcome: 'degraded', total: t.local });
    expect(t.resync.current()).toMatchObject({ phase: 'done', message: { code: 'degraded' } });
    expect((await t.db.syncHistory.toArray()).map((h) => h.outcome)).toEqual(['degraded']);
    // No status document: `verify` does not take the device for synced either.
    expect((await storeFetch(store, `${DB}/device:C2`, { auth: store.auth })).status).toBe(404);

    const healthy = await t.resync.run(t.admin);
    expect(healthy).toMatchObject({ outcome: 'confirmed', total: t.local, confirmed: t.local });
    expect(t.resync.current().message).toEqual({ code: 'allConfirmed', params: { count: t.local, refused: 0 } });
    expect(writesOf('C2').filter(([, n]) => n !== 1)).toEqual([]);
    expect(new Set(await storedIds('C2')).size).toBe(t.local);
    expect((await storeFetch(store, `${DB}/device:C2`, { auth: store.auth })).body).toMatchObject({ confirmedSeq: t.local });
  }, 120_000);

  it('gives up with notConfirmed only after the window, a re-send of what is missing and the window again', async () => {
    lag.lagUntilReleased();
    const t = await clusterTablet('C3', 0);
    let err: unknown;
    try {
      err = await failure(t.resync.run(t.admin));
    } finally {
      lag.release();
    }
    expect(err).toBeInstanceOf(SyncError);
    expect(err).toMatchObject({ code: 'notConfirmed', params: { id: expect.stringMatching(/^ev:C3:\d{10}$/) } });
    expect(t.slept.reduce((a, b) => a + b, 0)).toBe(2 * CONFIRM_WINDOW_MS);
    expect((await t.db.syncHistory.toArray()).map((h) => h.outcome)).toEqual(['failed']);
    // The re-send wrote nothing twice: the gateway found the events already stored.
    expect(writesOf('C3').filter(([, n]) => n !== 1)).toEqual([]);
    expect(await t.resync.run(t.admin)).toMatchObject({ outcome: 'confirmed', confirmed: t.local });
  }, 120_000);

  it("passes the store's 202 through the gateway as a 202, with the gateway's own refusals listed", async () => {
    const creds = await addDevice({ url: store.url, auth: store.auth }, 'C4');
    const key = await generateDeviceKey();
    const client = new CentralClient({ dbUrl: `${base}/central/${DB}`, ...creds });
    await client.registerKey('C4', key.publicKey, '2026-12-01T09:00:00.000Z');
    const [one, two, three] = chainOf('C4', 3);
    const forged = { ...three!, data: { ...three!.data, token: 'MED-C4-999' } }; // its hash no longer matches
    lag.acceptOnly(true);
    try {
      const answer = await client.bulkDocs([one, two, forged], await signHead(key.privateKey, 'C4', 3, three!.hash));
      expect(answer.durable).toBe(false);
      expect(answer.results).toEqual([expect.objectContaining({ id: 'ev:C4:0000000003', error: 'forbidden' })]);
    } finally {
      lag.acceptOnly(false);
    }
    const healthy = await client.bulkDocs([three], await signHead(key.privateKey, 'C4', 3, three!.hash));
    expect(healthy).toEqual({ results: [], durable: true });
  });
});
