import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, login } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { BUDGET_FILE, gzipByName, pathsOf, readDist, whatGrew, type Budget } from '../helpers/bundlePaths';
import { people, registerWithKeyboard } from '../helpers/deskDriver';
import { KeyCounter } from '../helpers/keyCounter';
import { nextPrint } from '../helpers/printCapture';
import { startPreview, type Preview } from '../helpers/previewServer';

/**
 * The first load's JavaScript stays within its budget (issue 15): the build `npm test` makes just
 * before the e2e tests, read as a browser follows it (tests/helpers/bundlePaths.ts). A change that
 * had to make a path larger writes the budget again (`npm run size -- --write-budget`), and the
 * review sees the new figures; one that made it smaller should too, so the gain is kept.
 */
const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

describe('the size budget', () => {
  it('holds the login screen and the clerk path to the recorded gzip sizes, and names what grew', () => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error('no build in dist/: run vite build first (npm test does)');
    const budget = JSON.parse(readFileSync(join(root, BUDGET_FILE), 'utf8')) as Budget;
    const built = readDist(dist);
    const paths = pathsOf(built);
    const over: string[] = [];
    for (const key of ['login', 'loginHi', 'clerk'] as const) {
      const now = gzipByName(built.chunks, paths[key]);
      const total = Object.values(now).reduce((a, b) => a + b, 0);
      if (total > budget[key].limitKB * 1024) {
        over.push(`${key}: ${(total / 1024).toFixed(1)} KB gzip, budget ${budget[key].limitKB} KB; grew: ${whatGrew(budget[key].chunks, now).join('; ') || '(no one chunk)'}`);
      }
    }
    expect(over, over.join('\n')).toEqual([]);
    // A path's chunk no longer built under its name is counted nowhere: the budget would pass blind.
    expect(paths.missing).toEqual([]);
  });

  it('leaves what a pull needs (PouchDB\'s http adapter and replication) off the clerk path, loaded by the log when a pull starts', () => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error('no build in dist/: run vite build first (npm test does)');
    const built = readDist(dist);
    const remote = [...built.chunks.values()].find((c) => c.name === 'remotePouch');
    expect(remote, 'no chunk of its own for src/device/remotePouch.ts').toBeDefined();
    const clerk = [...pathsOf(built).clerk];
    expect(clerk).not.toContain(remote!.file);
    expect(clerk.filter((f) => built.chunks.get(f)!.dynamicImports.includes(remote!.file))).toHaveLength(1);
  });

  // The budget counts what the built files say a browser loads. This checks it against what one
  // does: a clerk's day from the login screen to a printed token loads nothing the path leaves out.
  it('counts every script Chromium loads from the login screen to a printed token', async () => {
    const clerk = pathsOf(readDist(dist)).clerk;
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'S5', admin: 'Asha Verma', pin: '482913' });
      await page.reload(); // the enrolment's own screens are not the clerk's path
      await login(page, 'Asha Verma', '482913');
      await page.getByRole('link', { name: 'Registration' }).click();
      await registerWithKeyboard(page, new KeyCounter(page), people[0]!);
      expect((await nextPrint(page))[0]!.text).toContain('MED-S5-001');
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
        .filter((path) => path.endsWith('.js')));
      const scripts = loaded.map((path) => path.replace(/^\//, ''));
      expect(scripts.filter((f) => f.startsWith('assets/')).length).toBeGreaterThan(3);
      expect(scripts.filter((f) => !clerk.has(f))).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
