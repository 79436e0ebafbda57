import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServer } from '../../src/server/appServer';
import { freePort } from './freePort';

/** The repository this test file is in (a fresh clone in CI, a worktree on a developer's machine). */
export function repoRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return execFileSync('git', ['-C', here, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
}

/**
 * A release as it was at `commit`, built with its own vite.config.ts: its tree from git (git
 * archive) in a temporary folder, the repository's node_modules linked in, `vite build` run there.
 * Returns the folder of its dist/ and a way to delete it all.
 */
export function buildRelease(commit: string): { dist: string; remove: () => void } {
  const root = repoRoot();
  const known = spawnSync('git', ['-C', root, 'cat-file', '-e', `${commit}^{commit}`]);
  if (known.status !== 0) throw new Error(`commit ${commit} is not in ${root}: the test needs the repository's full history (not a shallow clone)`);
  const dir = mkdtempSync(join(tmpdir(), `dd-release-${commit}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tar = join(dir, 'release.tar');
    execFileSync('git', ['-C', root, 'archive', '--format=tar', `--output=${tar}`, commit]);
    execFileSync('tar', ['-x', '-f', tar, '-C', dir]);
    rmSync(tar);
    symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'), 'dir');
    // As `npm run build` runs it: not with the test runner's NODE_ENV=test, under which Vite makes
    // a build whose import.meta.env.PROD is false (no service worker).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
    const build = spawnSync(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0 || !existsSync(join(dir, 'dist/index.html'))) {
      throw new Error(`vite build of ${commit} failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
    }
    return { dist: join(dir, 'dist'), remove };
  } catch (err) {
    remove();
    throw err;
  }
}

/**
 * The app server of `npm start` (no central store) on one 127.0.0.1 port, serving a folder whose
 * contents the test replaces: one origin, so one browser profile keeps its IndexedDB and service
 * worker across "deploying" another build.
 */
export async function startSwappableServer(firstDist: string) {
  const served = mkdtempSync(join(tmpdir(), 'dd-served-'));
  const deploy = (dist: string) => {
    for (const entry of readdirSync(served)) rmSync(join(served, entry), { recursive: true, force: true });
    cpSync(dist, served, { recursive: true });
  };
  deploy(firstDist);
  const app = await createAppServer({ distDir: served, gateway: null });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}/`,
    /** Put another build in place of the one served (the next requests get it). */
    deploy,
    stop: async () => {
      await app.close();
      rmSync(served, { recursive: true, force: true });
    },
  };
}
