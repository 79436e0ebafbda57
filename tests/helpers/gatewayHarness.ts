import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDevice } from '../../src/central/devices';
import { declareAllClear } from '../../src/central/allClear';
import { basicAuthHeader, splitCredentials, type BasicAuth } from '../../src/central/credentials';
import { setupCentral } from '../../src/central/setup';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import { generateDeviceKey, signHead } from '../../src/crypto/headSignature';
import { headerOf, SIGNED_HEAD_HEADER } from '../../src/domain/sync/signedHead';
import { createAppServer } from '../../src/server/appServer';
import { createUpstream, type Upstream } from '../../src/server/gateway/upstream';
import { freePort, startTestStore, storeFetch, type TestStore } from './pouchServer';

/** Not the default name, so the suite also shows that DD_DB_NAME is honoured; one per test file. */
export const DB = `dd_gw_${randomBytes(4).toString('hex')}`;

/** A store the harness opened: the embedded one it started, or DD_TEST_CENTRAL_URL's server. */
type HarnessStore = Pick<TestStore, 'url' | 'auth' | 'dispose'>;

/**
 * `DD_TEST_CENTRAL_URL=http://admin:secret@127.0.0.1:5984/` runs the suite against that server
 * (an Apache CouchDB 3, say) instead of the embedded store: its own database, device
 * accounts removed again at the end.
 */
async function openStore(): Promise<HarnessStore> {
  const external = process.env.DD_TEST_CENTRAL_URL;
  if (!external) return startTestStore();
  const { url, auth } = splitCredentials(new URL(external));
  if (!auth) throw new Error('DD_TEST_CENTRAL_URL needs a server admin: http://admin:secret@host:5984/');
  return {
    url, auth,
    dispose: async () => {
      await storeFetch({ url }, DB, { method: 'DELETE', auth });
      for (const code of accountsMade) {
        const id = `_users/${encodeURIComponent(`org.couchdb.user:device-${code}`)}`;
        const held = await storeFetch({ url }, id, { auth });
        if (held.status === 200) await storeFetch({ url }, `${id}?rev=${String(held.body._rev)}`, { method: 'DELETE', auth });
      }
    },
  };
}

const accountsMade: string[] = [];

/** A device account; on a shared external server, one left over by an earlier run is replaced. */
export async function deviceAccount(store: { url: string; auth: BasicAuth }, code: string, options: { reader?: boolean } = {}) {
  if (process.env.DD_TEST_CENTRAL_URL) {
    const id = `_users/${encodeURIComponent(`org.couchdb.user:device-${code}`)}`;
    const held = await storeFetch(store, id, { auth: store.auth });
    if (held.status === 200) await storeFetch(store, `${id}?rev=${String(held.body._rev)}`, { method: 'DELETE', auth: store.auth });
  }
  accountsMade.push(code);
  return addDevice(store, code, options);
}

/**
 * The app server with its gateway in front of a real store (the embedded one, or the server named
 * by DD_TEST_CENTRAL_URL), as `npm start` wires them, with device accounts T1 and T2 and the
 * administrator's device AD (reader). Every request the gateway sends to the store is recorded,
 * so a test can show that a refused one reached nothing.
 */
export async function gatewayHarness() {
  const store = await openStore();
  await setupCentral({ url: store.url, db: DB, auth: store.auth });
  const accounts = {
    T1: await deviceAccount(store, 'T1'),
    T2: await deviceAccount(store, 'T2'),
    AD: await deviceAccount(store, 'AD', { reader: true }),
    admin: store.auth,
  };
  const adminHeader = basicAuthHeader(store.auth);
  const forwarded: string[] = [];
  /** The same requests with their bodies, never cleared: a test counts from its own mark. */
  const requests: Array<{ method: string; path: string; body?: string }> = [];
  const real = createUpstream(store.url);
  const upstream: Upstream = {
    send: (method, path, headers, body) => {
      // The gateway's own reads (as server admin) are not what a caller reached.
      if (headers.authorization !== adminHeader && !path.startsWith('_session')) {
        forwarded.push(`${method} ${path}`);
        requests.push({ method, path, body });
      }
      return real.send(method, path, headers, body);
    },
    close: real.close,
  };
  const distDir = mkdtempSync(join(tmpdir(), 'dd-dist-'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Downtime Desk</title>');
  const app = await createAppServer({ distDir, gateway: { upstream, db: DB, admin: store.auth, corsOrigins: ['https://desk.hospital.example'], log: () => {} } });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  const base = `http://127.0.0.1:${port}`;

  /** A request through the gateway; `path` is sent exactly as written (no URL normalisation). */
  async function call(method: string, path: string, options: { auth?: BasicAuth; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth) headers.authorization = basicAuthHeader(options.auth);
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    // node:http sends the path verbatim; fetch and undici would resolve dot segments first.
    const res = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (answer) => {
        let text = '';
        answer.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    let json: unknown = null;
    try { json = JSON.parse(res.text); } catch { /* not JSON */ }
    return { ...res, json: json as Record<string, unknown> & unknown[] };
  }

  /**
   * A tablet of `device`: its own key pair registered through the gateway (as the resync does when
   * the gate is opened), and a push that signs each batch's last event with it.
   */
  async function tablet(device: string, auth: BasicAuth = accounts[device as 'T1']) {
    const key = await generateDeviceKey();
    const registered = await call('PUT', `/central/${DB}/devicekey%3A${device}`, {
      auth, body: { _id: `devicekey:${device}`, type: 'device-key', device, publicKey: key.publicKey, registeredAt: '2026-12-01T09:00:00.000Z' },
    });
    const push = async (docs: unknown[], options: { signer?: CryptoKey } = {}) => {
      const last = (docs as Array<{ seq?: number; hash?: string }>).reduce<{ seq?: number; hash?: string }>((a, d) => ((d?.seq ?? 0) >= (a.seq ?? 0) ? d : a), {});
      const head = await signHead(options.signer ?? key.privateKey, device, last.seq ?? 1, last.hash ?? '0'.repeat(64));
      return call('POST', `/central/${DB}/_bulk_docs`, { auth, body: { docs, new_edits: false }, headers: { [SIGNED_HEAD_HEADER]: headerOf(head) } });
    };
    const sign = (seq: number, hash: string) => signHead(key.privateKey, device, seq, hash);
    /** The status a finished resync leaves: how far it got, with the signed head. */
    const reportStatus = async (seq: number, hash: string) => call('PUT', `/central/${DB}/device%3A${device}`, {
      auth, body: { _id: `device:${device}`, type: 'device-status', device, confirmedSeq: seq, refused: 0, syncedAt: '2026-12-01T11:00:00.000Z', head: await sign(seq, hash) },
    });
    return { key, registered, push, sign, reportStatus };
  }

  return {
    store, accounts, call, forwarded, requests, base, tablet, distDir,
    allClear: () => declareAllClear({ url: store.url, db: DB, auth: store.auth }, 'Dr Mehta (IT security)'),
    /** The event documents the store holds, read directly as server admin. */
    storedEvents: async (device: string) => {
      const q = `startkey=${encodeURIComponent(JSON.stringify(`ev:${device}:`))}&endkey=${encodeURIComponent(JSON.stringify(`ev:${device}:\ufff0`))}&include_docs=true&conflicts=true`;
      const res = await storeFetch(store, `${DB}/_all_docs?${q}`, { auth: store.auth });
      return (res.body.rows as Array<{ doc: AnyEvent & { _rev: string; _conflicts?: string[] } }>).map((r) => r.doc);
    },
    close: async () => {
      await app.close();
      await real.close();
      await store.dispose().catch(() => undefined);
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}

/** A device's chain of `n` events as its log would hold them: content, hash, prev and revision. */
export function chainOf(device: string, n: number, options: { from?: ChainHead | null; at?: string; by?: string; day?: string } = {}) {
  const docs: Array<AnyEvent & { _rev: string; _revisions: { start: number; ids: string[] } }> = [];
  let head = options.from ?? null;
  for (let i = 0; i < n; i += 1) {
    const seq = (head?.seq ?? 0) + 1;
    const event = buildEvent({
      type: 'token.called', data: { token: `MED-${device}-${String(seq).padStart(3, '0')}`, day: options.day ?? '2026-12-01' },
      device, head, at: options.at ?? '2026-12-01T10:00:00.000Z', by: options.by ?? 'Asha Verma',
    });
    docs.push(withRevision(event));
    head = { seq: event.seq, hash: event.hash };
  }
  return docs;
}

/** The documents a `_bulk_docs` answer refused, with their reasons. */
export const refusals = (res: { json: unknown }) => (res.json as Array<{ id: string; error?: string; reason?: string }>).filter((r) => r.error);

export function withRevision(event: AnyEvent) {
  const id = createHash('md5').update(JSON.stringify(event)).digest('hex');
  return { ...event, _rev: `1-${id}`, _revisions: { start: 1, ids: [id] } };
}
