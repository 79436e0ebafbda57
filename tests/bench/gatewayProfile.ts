/**
 * `tsx tests/bench/gatewayProfile.ts` (with `node --cpu-prof --import tsx` to profile): the
 * resync's push from Node through the gateway, with no browser, so that the gateway's own work
 * can be profiled in this process (the store is the embedded store in its own process). Prints the
 * rate through the gateway and straight to the store, and a raw `_bulk_docs` ceiling.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDevice } from '../../src/central/devices';
import { declareAllClear } from '../../src/central/allClear';
import { basicAuthHeader } from '../../src/central/credentials';
import { startEmbeddedStore } from '../../src/central/embeddedStore';
import { setupCentral } from '../../src/central/setup';
import { generateDeviceKey } from '../../src/crypto/headSignature';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import type { EventLog } from '../../src/device/eventLog';
import { createAppServer } from '../../src/server/appServer';
import { createUpstream } from '../../src/server/gateway/upstream';
import { CentralClient } from '../../src/sync/centralClient';
import { Pusher } from '../../src/sync/pusher';
import { benchPushHooks } from './benchPushHooks';
import { freePort } from '../helpers/freePort';

const EVENTS = Number(process.env.PROFILE_EVENTS ?? 20_000);
const ONLY = process.env.PROFILE_ONLY ?? 'raw,gateway,direct';

const docs: Array<AnyEvent & { _rev: string }> = [];
let head: ChainHead | null = null;
for (let i = 0; i < EVENTS; i += 1) {
  const event: AnyEvent = buildEvent({
    type: 'departments.updated', device: 'BP', head, at: new Date().toISOString(), by: 'bench',
    data: { departments: [{ code: 'MED', name: `General Medicine ${i}`, nameHi: 'सामान्य चिकित्सा' }, { code: 'PED', name: 'Paediatrics', nameHi: 'बाल रोग' }] },
  });
  docs.push({ ...event, _rev: `1-${createHash('md5').update(JSON.stringify(event)).digest('hex')}` });
  head = { seq: event.seq, hash: event.hash };
}
const log = {
  device: 'BP',
  head: async () => head,
  readRange: async (_d: string, from: number, limit: number) => docs.slice(from - 1, from - 1 + limit),
} as unknown as EventLog;

const storeDir = mkdtempSync(join(tmpdir(), 'dd-profile-store-'));
const store = await startEmbeddedStore({ port: await freePort(), dataDir: storeDir, adminPassword: null, log: () => {} });
const upstream = createUpstream(store.url);
const distDir = mkdtempSync(join(tmpdir(), 'dd-profile-dist-'));
const server = await createAppServer({ distDir, gateway: { upstream, db: 'profile_push', admin: store.auth, corsOrigins: [] } });
const port = await freePort();
await server.listen({ host: '127.0.0.1', port });
try {
  for (const db of ['profile_push', 'profile_direct', 'profile_raw']) {
    await setupCentral({ url: store.url, db, auth: store.auth });
    await declareAllClear({ url: store.url, db, auth: store.auth }, 'Profile');
  }
  const creds = await addDevice({ url: store.url, auth: store.auth }, 'BP');
  const key = await generateDeviceKey();
  const rate = (ms: number) => `${Math.round((EVENTS / ms) * 1000)} events/s (${(ms / 1000).toFixed(1)} s)`;

  if (ONLY.includes('raw')) {
    const t0 = performance.now();
    for (let i = 0; i < EVENTS; i += 2000) {
      const body = JSON.stringify({ docs: docs.slice(i, i + 2000).map(({ _rev: _r, ...d }) => d) });
      const res = await fetch(new URL('profile_raw/_bulk_docs', store.url), { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: basicAuthHeader(store.auth) } });
      if (res.status !== 201) throw new Error(`raw answered ${res.status}`);
      await res.arrayBuffer();
    }
    console.log(`raw _bulk_docs (with the design document): ${rate(performance.now() - t0)}`);
  }
  const push = async (dbUrl: string) => {
    const client = new CentralClient({ dbUrl, ...creds }, 300_000);
    await client.registerKey('BP', key.publicKey, new Date().toISOString());
    const t0 = performance.now();
    await new Pusher(log, client, benchPushHooks(key.privateKey, 'BP')).run();
    return performance.now() - t0;
  };
  if (ONLY.includes('gateway')) console.log(`resync through the gateway: ${rate(await push(`http://127.0.0.1:${port}/central/profile_push`))}`);
  if (ONLY.includes('direct')) {
    const direct = await push(`${store.url}profile_direct`);
    console.log(`resync straight to the store: ${rate(direct)}`);
  }
} finally {
  await server.close();
  await upstream.close();
  await store.stop();
  rmSync(storeDir, { recursive: true, force: true });
  rmSync(distDir, { recursive: true, force: true });
}
