import { readConfig, type ServerConfig } from '../server/config';
import { ADMIN_NAME, passwordFile, readSavedPassword } from './adminPassword';
import { startEmbeddedStore } from './embeddedStore';
import { StartupError } from './errors';
import { setupCentral, type SetupTarget } from './setup';

const USAGE = `Usage: npm run central -- <command>
  start   run the embedded central store in the foreground; Ctrl-C stops it
  setup   create or update the database, design document and security of the central store
          (DD_CENTRAL_URL, or the embedded store with its saved admin password)`;

function setupTarget(config: ServerConfig): SetupTarget {
  const { central, dbName: db } = config;
  if (central.kind === 'external') return { url: central.url, db, auth: central.auth };
  const password = central.adminPassword ?? readSavedPassword(config.dataDir);
  if (password === null) {
    throw new StartupError(`No admin password in ${passwordFile(config.dataDir)}: run "npm run central -- start" once, or set DD_ADMIN_PASSWORD.`);
  }
  return { url: `http://127.0.0.1:${central.port}/`, db, auth: { username: ADMIN_NAME, password } };
}

async function start(config: ServerConfig) {
  if (config.central.kind === 'external') {
    throw new StartupError('DD_CENTRAL_URL is set, so there is no embedded store to start: unset it to use the embedded one.');
  }
  const store = await startEmbeddedStore({ port: config.central.port, dataDir: config.dataDir, adminPassword: config.central.adminPassword });
  console.log(`Central store running at ${store.url} (data in ${config.dataDir}); Ctrl-C stops it.`);
  const stop = () => void store.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const how = await store.crashed;
  throw new StartupError(`The embedded store stopped unexpectedly (${how}): see ${config.dataDir}/log.txt.`);
}

async function setup(config: ServerConfig) {
  const target = setupTarget(config);
  const result = await setupCentral(target);
  console.log(`Central store ${target.url}${target.db}: database ${result.database}, design document ${result.designDoc}, security ${result.security}.`);
}

async function main(command: string | undefined) {
  if (command !== 'start' && command !== 'setup') {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    const config = readConfig(process.env, process.cwd());
    await (command === 'start' ? start(config) : setup(config));
  } catch (err) {
    if (!(err instanceof StartupError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

void main(process.argv[2]);
