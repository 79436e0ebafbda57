import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BasicAuth } from './credentials';
import { StartupError } from './errors';
import { couchRequest, isRecord } from './http';
import { assertPortFree } from './ports';
import { ensureStoreAdmin } from './storeAdmin';

export interface EmbeddedStore {
  /** Credential-free base URL, ending in `/`. */
  url: string;
  auth: BasicAuth;
  dataDir: string;
  /** The store's process (benchmarks read its CPU time). */
  pid: number | undefined;
  /** Resolves with how it ended ("exit code 1", "signal SIGKILL") if it stops other than by stop(). */
  crashed: Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedStoreOptions {
  port: number;
  dataDir: string;
  adminPassword: string | null;
  log?: (line: string) => void;
  /** Name of the variable that sets the port, for the "port in use" line. */
  portEnvName?: string;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

function assertWritable(dataDir: string) {
  const probe = join(dataDir, `.write-test-${process.pid}`);
  try {
    // Owner-only when we create it: it holds patient records, and config.json holds the admin's
    // password hash (10 PBKDF2 rounds in express-pouchdb, which also rewrites the file as 0644).
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    accessSync(dataDir, constants.W_OK);
    // access() says yes to root on a read-only disk: only a real write tells the truth.
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(`Cannot write to the data folder ${dataDir} (${code}): fix its permissions or set DD_DATA_DIR to a writable folder.`);
  }
}

/** express-pouchdb writes log.txt into its working folder unless config.json says where. */
function writeStoreConfig(dataDir: string) {
  const file = join(dataDir, 'config.json');
  let config: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isRecord(parsed)) config = parsed;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StartupError(`${file} is not valid JSON: repair it or move it away (it holds the store admin's hashed password).`);
    }
  }
  const log = isRecord(config.log) ? config.log : {};
  config.log = { ...log, file: join(dataDir, 'log.txt') };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

async function waitUntilReady(url: string, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const detail = stderr().trim().split('\n').find((l) => /error/i.test(l)) ?? `exit code ${child.exitCode}`;
      throw new StartupError(`The embedded store stopped while starting (${detail.trim()}).`);
    }
    try {
      const res = await couchRequest(url, '', { timeoutMs: 2_000 });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new StartupError(`The embedded store did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
}

/**
 * Start the embedded store (./store/storeMain.ts: express-pouchdb on LevelDB) as a child process on
 * 127.0.0.1, wait until it answers and make sure it has an admin. A child process rather than
 * in-process express: its LevelDB, logging and config code keep module-level state, and a separate
 * process can be stopped cleanly and replaced by CouchDB.
 */
export async function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const { port, dataDir } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  await assertPortFree(port, options.portEnvName ?? 'DD_STORE_PORT');
  assertWritable(dataDir);
  writeStoreConfig(dataDir);

  const main = join(dirname(fileURLToPath(import.meta.url)), 'store', 'storeMain.ts');
  // tsx resolved from here: the child runs in the data folder, where no node_modules is.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = ['--import', tsx, main, String(port), join(dataDir, 'db'), join(dataDir, 'config.json')];
  // Own process group: a Ctrl-C in the terminal reaches only us, and we stop the store in order.
  const child = spawn(process.execPath, args, { cwd: dataDir, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4_000);
  });
  // Never leave an orphan holding the port and the LevelDB lock if we exit without stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  let stopping = false;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`)));
  const crashed = exited.then((how) => (stopping ? new Promise<never>(() => {}) : how));

  const stop = async () => {
    stopping = true;
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilReady(url, child, () => stderrTail);
    const auth = await ensureStoreAdmin(url, dataDir, options.adminPassword, log);
    return { url, auth, dataDir, pid: child.pid, crashed, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
