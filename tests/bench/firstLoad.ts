/**
 * `npm run bench:firstload`: how fast the login screen comes up on a slow tablet (issue 15), in
 * headless Chromium with the CPU throttled 4× (Chrome DevTools' low-end device). Needs a build
 * (`npm run build`); serves dist/ with the app server as `npm start` does. Targets are printed
 * beside the figures, never asserted: timings swing with the machine's load.
 *
 *   FIRST_LOAD_RUNS   runs of each kind (default 5); the median and the worst are printed
 *   FIRST_LOAD_CPU    the CPU slow-down (default 4)
 *   FIRST_LOAD_DIST   the build to serve (default dist/): another release's, to compare
 *
 * A device is enrolled with a clerk first (the login screen then lists two users). Each run opens
 * a new tab and measures, from the navigation's start:
 * - drawn: the frame after the login screen's PIN field is in the page;
 * - tap answered: a tap on the clerk's tile, sent as soon as the screen is drawn, shown selected
 *   (the frame after);
 * - the longest task on the main thread before that.
 * Kinds: offline repeat (the service worker's precache, no network) and cold (the HTTP cache and
 * the service worker cleared, the device's data kept; loopback network, so what a slow network
 * adds is not in it: `npm run size` gives the bytes).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeProfile } from '../helpers/browser';
import { startPreview } from '../helpers/previewServer';

const RUNS = Number(process.env.FIRST_LOAD_RUNS ?? 5);
const CPU = Number(process.env.FIRST_LOAD_CPU ?? 4);
const TARGET = { drawn: 1000, tap: 1500, longTask: 200 };

// Installed before the app's own scripts: records when the login screen is drawn and the long
// tasks. A string, not a function: tsx's transform would name its inner functions through a helper
// the page does not have.
const MARKS = `
  window.firstLoad = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.firstLoad.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_m, observer) => {
    if (!document.getElementById('login-pin')) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.firstLoad.drawn = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
`;

/** When the tapped tile shows selected: the frame after. */
const TAP_ANSWERED = `new Promise((resolve) => {
  const check = () => document.querySelector('.tile.selected') ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(check);
  check();
})`;

interface Run { drawn: number; tap: number; longTask: number }

async function measure(context: BrowserContext, page: Page, url: string, prepare: (page: Page) => Promise<void>): Promise<Run> {
  await page.goto('about:blank');
  const cdp = await context.newCDPSession(page);
  try {
    await prepare(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { firstLoad: { drawn?: number } }).firstLoad.drawn !== undefined, undefined, { timeout: 60_000 })
      .catch(async (err: unknown) => {
        throw new Error(`no login screen; the page shows: ${(await page.locator('body').innerText()).slice(0, 200)}`, { cause: err });
      });
    await page.getByText('Ravi Kumar', { exact: true }).click().catch(async (err: unknown) => {
      throw new Error(`no clerk to tap; the page shows: ${(await page.locator('body').innerText()).slice(0, 200)}`, { cause: err });
    });
    const tap = await page.evaluate<number>(TAP_ANSWERED);
    const { drawn, longTasks } = await page.evaluate(() => (window as unknown as { firstLoad: { drawn: number; longTasks: { start: number; duration: number }[] } }).firstLoad);
    const longTask = Math.max(0, ...longTasks.filter((t) => t.start < tap).map((t) => t.duration));
    return { drawn, tap, longTask };
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

async function setUp(page: Page) {
  await page.getByLabel('Hospital name').fill('AIIMS New Delhi');
  await page.getByLabel('Device code').fill('K7');
  await page.getByLabel('Name', { exact: true }).fill('Asha Verma');
  await page.getByLabel('PIN (6–12 digits)').fill('482913');
  await page.getByLabel('PIN again').fill('482913');
  await page.getByRole('button', { name: 'Enroll device' }).click();
  await page.getByLabel(/recovery sheet is printed and locked away/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Ravi Kumar');
  await page.getByLabel('Role').selectOption({ label: 'Ward clerk' });
  await page.getByLabel('PIN (6–12 digits)', { exact: true }).fill('739201');
  await page.getByLabel('PIN again', { exact: true }).fill('739201');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByRole('status').filter({ hasText: 'Ravi Kumar was added' }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 60_000 });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${Math.round(n)} ms`.padStart(8);

const preview = await startPreview(process.env.FIRST_LOAD_DIST ?? 'dist');
const profile = makeProfile();
const context = await profile.launch();
try {
  // The browser's own first tab: a tab opened beside it stays in the background, where Chromium
  // draws no frames.
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(preview.url);
  await setUp(page);
  await page.addInitScript(MARKS);

  const kinds: [string, (page: Page) => Promise<void>, () => Promise<void>][] = [
    ['offline repeat', async () => { await context.setOffline(true); }, async () => { await context.setOffline(false); }],
    ['cold (cache and service worker cleared)', async (p) => {
      const cdp = await context.newCDPSession(p);
      await cdp.send('Storage.clearDataForOrigin', { origin: new URL(preview.url).origin, storageTypes: 'service_workers,cache_storage' });
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }, async () => {}],
  ];
  console.log(`\nFirst load at ${CPU}× CPU slow-down, ${RUNS} runs each (median / worst); Chromium ${context.browser()?.version() ?? chromium.name()}`);
  console.log(`${'kind'.padEnd(42)}${'drawn'.padStart(20)}${'tap answered'.padStart(20)}${'longest task'.padStart(20)}`);
  for (const [name, prepare, after] of kinds) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      runs.push(await measure(context, page, preview.url, prepare));
      await after();
    }
    const cell = (k: keyof Run) => `${ms(median(runs.map((r) => r[k])))} /${ms(Math.max(...runs.map((r) => r[k])))}`.padStart(20);
    console.log(`${name.padEnd(42)}${cell('drawn')}${cell('tap')}${cell('longTask')}`);
  }
  console.log(`${'target'.padEnd(42)}${`≤ ${TARGET.drawn} ms`.padStart(20)}${`≤ ${TARGET.tap} ms`.padStart(20)}${`≤ ${TARGET.longTask} ms`.padStart(20)}`);
  console.log('(the cold rows exclude network time: loopback; the offline rows are the target\'s)');
} finally {
  await context.close();
  profile.remove();
  await preview.stop();
}
