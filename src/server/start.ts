import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { StartupError } from '../central/errors';
import { assertPortFree } from '../central/ports';
import { ensureBuilt } from './build';
import { CENTRAL_PREFIX, centralProxy } from './centralProxy';
import { readConfig } from './config';
import { openCentral } from './openCentral';

// `npm start`: build, start (or reach) the central store, set it up, serve the app. Composition only.
const root = fileURLToPath(new URL('../..', import.meta.url));

async function main() {
  const config = readConfig(process.env, process.cwd());
  await assertPortFree(config.port, 'PORT');
  await ensureBuilt(root, config.skipBuild);
  const central = await openCentral(config);
  const server = await preview({
    root,
    logLevel: 'warn',
    preview: {
      host: '127.0.0.1',
      port: config.port,
      strictPort: true,
      proxy: centralProxy(central.url, config.dbName),
    },
  }).catch(async (err: unknown) => {
    await central.stop();
    throw err;
  });

  console.log(`Downtime Desk:  http://127.0.0.1:${config.port}/`);
  console.log(`Central store:  ${central.url} (browser path ${CENTRAL_PREFIX}/), database "${config.dbName}"`);
  if (central.embedded) console.log(`Data folder:    ${config.dataDir}`);

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await server.close();
    await central.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  void central.crashed.then((how) => {
    console.error(`The embedded store stopped unexpectedly (${how}): see ${config.dataDir}/log.txt, then start again.`);
    void shutdown(1);
  });
}

main().catch((err: unknown) => {
  if (!(err instanceof StartupError)) throw err;
  console.error(err.message);
  process.exit(1);
});
