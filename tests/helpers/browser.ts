import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { watchCsp } from './cspWatch';
import { capturePrints } from './printCapture';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach the outside world.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * A browser profile in a fresh folder that outlives the browser: closing and relaunching on the
 * same folder is a browser restart, with IndexedDB and the service worker still there. Prints
 * are captured (printCapture.ts) and Content-Security-Policy violations recorded (cspWatch.ts).
 */
export function makeProfile() {
  const dir = mkdtempSync(join(tmpdir(), 'dd-profile-'));
  return {
    dir,
    /** `args`: Chromium flags beyond the usual (a benchmark's precise heap figures). */
    launch: async (options: { offline?: boolean; args?: readonly string[] } = {}): Promise<BrowserContext> => {
      const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: [...ARGS, ...(options.args ?? [])], offline: options.offline ?? false, viewport: { width: 1024, height: 768 } });
      await capturePrints(context);
      await watchCsp(context);
      return context;
    },
    // Chromium's helper processes may still write into the profile as the browser exits, for
    // seconds on a busy machine: retry, and a temporary folder left behind fails no test.
    remove: () => {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 200 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY') throw err;
      }
    },
  };
}

/**
 * One Chromium for several tablets of one story: each tablet is a fresh context (its own
 * IndexedDB, service worker and network switch), much cheaper than a browser each. Prints are
 * captured and Content-Security-Policy violations recorded as in makeProfile.
 */
export async function launchTablets() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    tablet: async (): Promise<BrowserContext> => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, acceptDownloads: true });
      await capturePrints(context);
      await watchCsp(context);
      return context;
    },
    close: () => browser.close(),
  };
}
