import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The port of the embedded store that is running on this data folder, written when it starts and
 * removed when it stops, so that `npm run central -- add-device K7` in a second terminal finds the
 * store `npm start` runs even when PORT or DD_STORE_PORT were set only in the first one.
 */
const file = (dataDir: string) => join(dataDir, 'store-port');

export function saveStorePort(dataDir: string, port: number): void {
  writeFileSync(file(dataDir), `${port}\n`, { mode: 0o600 });
}

export function forgetStorePort(dataDir: string): void {
  rmSync(file(dataDir), { force: true });
}

export function runningStorePort(dataDir: string): number | null {
  try {
    const port = Number(readFileSync(file(dataDir), 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}
