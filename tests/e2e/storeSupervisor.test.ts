import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWholeApp } from '../helpers/wholeApp';

let app: Awaited<ReturnType<typeof startWholeApp>>;
beforeAll(async () => { app = await startWholeApp(); });
afterAll(async () => { await app?.stop(); });

/** The embedded store's process (store/storeMain.ts) started on this run's own data folder. */
function storePid(): number {
  // /proc rather than ps: a minimal Debian has no procps.
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string;
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes('storeMain') && args.includes(app.dataDir)) return Number(entry);
  }
  throw new Error('no embedded store process found');
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 90_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the embedded store behind npm start', () => {
  it('is restarted when it dies, while the app keeps serving and the gateway says 503 with a reason', async () => {
    const before = storePid();
    process.kill(before, 'SIGKILL');
    const down = await fetch(new URL('central/', app.url));
    if (down.status !== 200) {
      // Caught before the supervisor brought it back: a clear answer, never a hang or a crash.
      expect(down.status).toBe(503);
      expect(((await down.json()) as { reason: string }).reason).toMatch(/central store is not answering/);
    }
    expect((await fetch(app.url)).status).toBe(200);
    await until(async () => app.output().includes('The embedded store is running again.'), 'the supervisor says the store is back');
    expect((await fetch(new URL('central/', app.url))).status).toBe(200);
    expect(storePid()).not.toBe(before);
    expect(app.output()).toMatch(/The embedded store stopped unexpectedly \(signal SIGKILL\); restarting it/);
    // The restarted store still knows its admin: the command line works against it.
    expect(app.central('status').status).toBe(0);
  });
});
