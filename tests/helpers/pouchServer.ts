import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthHeader, type BasicAuth } from '../../src/central/credentials';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/central/embeddedStore';

/** A port that was free a moment ago: the OS picks it, we release it for the server to take. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface TestStore extends EmbeddedStore {
  /** Stop the server and delete its data folder. */
  dispose(): Promise<void>;
}

/** A real embedded store on 127.0.0.1 with a temporary data folder, via the app's own start-up code. */
export async function startTestStore(): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-store-'));
  try {
    const store = await startEmbeddedStore({ port: await freePort(), dataDir, adminPassword: null, log: () => {} });
    return {
      ...store,
      dispose: async () => {
        await store.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** fetch against the store with optional basic auth; answers status and JSON body. */
export async function storeFetch(store: { url: string }, path: string, init: { method?: string; auth?: BasicAuth; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.auth) headers.authorization = basicAuthHeader(init.auth);
  const res = await fetch(new URL(path, store.url), {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
