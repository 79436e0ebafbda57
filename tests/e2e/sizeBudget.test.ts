import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET_FILE, gzipByName, pathsOf, readDist, whatGrew, type Budget } from '../helpers/bundlePaths';

/**
 * The first load's JavaScript stays within its budget (issue 15): the build `npm test` makes just
 * before the e2e tests, read as a browser follows it (tests/helpers/bundlePaths.ts). A change that
 * had to make a path larger writes the budget again (`npm run size -- --write-budget`), and the
 * review sees the new figures; one that made it smaller should too, so the gain is kept.
 */
const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

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
    const chunk = (name: string) => [...built.chunks.values()].find((c) => c.name === name);
    const remote = chunk('remotePouch');
    expect(remote, 'no chunk of its own for src/device/remotePouch.ts').toBeDefined();
    expect([...pathsOf(built).clerk]).not.toContain(remote!.file);
    expect(chunk('pouchLog')!.dynamicImports).toContain(remote!.file);
  });
});
