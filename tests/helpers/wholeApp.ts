import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';

/**
 * The whole thing as a newcomer starts it: `npm start`'s own script (app, proxy and embedded
 * central store) on free ports with a fresh data folder, using the build already in dist/.
 */
export async function startWholeApp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-data-'));
  const port = await freePort();
  const storePort = await freePort();
  const env = { ...process.env, PORT: String(port), DD_STORE_PORT: String(storePort), DD_DATA_DIR: dataDir, DD_SKIP_BUILD: '1' };
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/server/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => { output += String(d); });
  child.stderr!.on('data', (d) => { output += String(d); });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (!output.includes('Downtime Desk:')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  /**
   * `npm run central -- <args>` in a second terminal: the same data folder, but neither PORT nor
   * DD_STORE_PORT, which a newcomer would not think to repeat.
   */
  const { PORT: _p, DD_STORE_PORT: _s, ...cliEnv } = env;
  const central = (...args: string[]) => {
    const res = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/central/cli.ts', ...args], { env: cliEnv, encoding: 'utf8', timeout: 120_000 });
    return { status: res.status, out: `${res.stdout}${res.stderr}` };
  };
  return {
    url,
    central,
    adminPassword: () => readFileSync(join(dataDir, 'admin-password'), 'utf8').trim(),
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
