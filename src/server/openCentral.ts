import type { BasicAuth } from '../central/credentials';
import { startEmbeddedStore } from '../central/embeddedStore';
import { setupCentral } from '../central/setup';
import type { ServerConfig } from './config';

export interface OpenCentral {
  url: string;
  /** Used for set-up only. */
  auth: BasicAuth | null;
  /** Whether the app started the store itself (and so shows where its data lives). */
  embedded: boolean;
  /** Resolves if an embedded store dies on its own; never for an external one. */
  crashed: Promise<string>;
  stop(): Promise<void>;
}

/** Start the embedded store, or take DD_CENTRAL_URL's server, and set either up for the app. */
export async function openCentral(config: ServerConfig): Promise<OpenCentral> {
  const { central } = config;
  const open: OpenCentral = central.kind === 'external'
    ? { url: central.url, auth: central.auth, embedded: false, crashed: new Promise(() => {}), stop: async () => {} }
    : { ...(await startEmbeddedStore({ port: central.port, dataDir: config.dataDir, adminPassword: central.adminPassword })), embedded: true };
  try {
    await setupCentral({ url: open.url, db: config.dbName, auth: open.auth });
  } catch (err) {
    await open.stop();
    throw err;
  }
  return open;
}
