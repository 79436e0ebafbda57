import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from '../central/errors';
import { assertPortFree } from '../central/ports';
import { createAppServer } from './appServer';
import { ensureBuilt } from './build';
import { readConfig } from './config';
import { CENTRAL_PREFIX } from './gateway/requestPath';
import { createUpstream } from './gateway/upstream';
import { openCentral } from './openCentral';

// `npm start`: build, start (or reach) the central store, set it up, serve the app and the gateway. Composition only.
const root = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => console.error(`${new Date().toISOString()} ${line}`);

async function main() {
  const config = readConfig(process.env, process.cwd());
  await assertPortFree(config.port, 'PORT');
  await ensureBuilt(root, config.skipBuild);
  const central = await openCentral(config, log);
  const upstream = createUpstream(central.url);
  const app = await createAppServer({
    distDir: join(root, 'dist'),
    gateway: { upstream, db: config.dbName, admin: central.auth, corsOrigins: config.corsOrigins, log },
    log,
  });
  try {
    await app.listen({ host: '127.0.0.1', port: config.port });
  } catch (err) {
    await central.stop();
    throw err;
  }

  console.log(`Downtime Desk:  http://127.0.0.1:${config.port}/`);
  console.log(`Central store:  ${central.url} (browser path ${CENTRAL_PREFIX}/ through the gateway only), database "${config.dbName}"`);
  if (central.embedded) console.log(`Data folder:    ${config.dataDir}`);

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await app.close();
    await upstream.close();
    await central.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
}

main().catch((err: unknown) => {
  if (!(err instanceof StartupError)) throw err;
  console.error(err.message);
  process.exit(1);
});
