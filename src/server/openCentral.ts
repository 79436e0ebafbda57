import type { BasicAuth } from '../central/credentials';
import { startEmbeddedStore } from '../central/embeddedStore';
import { setupCentral } from '../central/setup';
import { forgetStorePort, saveStorePort } from '../central/storeAddress';
import type { ServerConfig } from './config';
import { superviseStore } from './storeSupervisor';

export interface OpenCentral {
  url: string;
  /** The store's server admin: set-up, and the gateway's own reads. Never handed to browsers. */
  auth: BasicAuth | null;
  /** Whether the app started the store itself (and so shows where its data lives). */
  embedded: boolean;
  stop(): Promise<void>;
}

/** Start the embedded store (kept running by a supervisor), or take DD_CENTRAL_URL's server, and set either up for the app. */
export async function openCentral(config: ServerConfig, log: (line: string) => void = console.error): Promise<OpenCentral> {
  const { central } = config;
  let open: OpenCentral;
  if (central.kind === 'external') {
    open = { url: central.url, auth: central.auth, embedded: false, stop: async () => {} };
  } else {
    const start = () => startEmbeddedStore({ port: central.port, dataDir: config.dataDir, adminPassword: central.adminPassword });
    const store = await start();
    // A restart finds the admin it made the first time (its password is in the data folder).
    const supervisor = superviseStore(store, start, log);
    saveStorePort(config.dataDir, central.port);
    open = { url: store.url, auth: store.auth, embedded: true, stop: async () => { forgetStorePort(config.dataDir); await supervisor.stop(); } };
  }
  try {
    await setupCentral({ url: open.url, db: config.dbName, auth: open.auth });
  } catch (err) {
    await open.stop();
    throw err;
  }
  return open;
}
