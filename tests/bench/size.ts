/**
 * `npm run size`: what a browser downloads, per chunk and per path (issue 15).
 *
 *   npm run size                  build (vite build, the usual config) and report
 *   npm run size -- --no-build    report on the dist/ already there (no module breakdown)
 *   npm run size -- --modules N   list the N largest modules of each path chunk (default 25)
 *   npm run size -- --json        the figures as JSON
 *   npm run size -- --write-budget  record the paths' sizes as the budget `npm test` holds the
 *                                 build to (tests/bench/sizeBudget.json; each limit is the size
 *                                 now, plus at least half a KB, in whole KB, but never past the
 *                                 issue's target once within it): after a change that
 *                                 made the first load smaller, or one that had to make it larger
 *
 * The chunk graph and the paths are tests/helpers/bundlePaths.ts's (the size budget `npm test`
 * checks, tests/e2e/sizeBudget.test.ts, reads them the same way). When it builds, a small plugin
 * also records each chunk's modules with their rendered size (tree-shaken, before minification:
 * read them as shares, not bytes sent), so the
 * report can say *what* a chunk carries. No bundle
 * analyzer dependency: Rolldown's own output metadata is enough.
 *
 * Gzip is zlib's default level (6), what a server compressing on the fly sends; Vite's own report
 * uses level 9 and reads a little smaller.
 */
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { BUDGET_FILE, gzipByName, pathsOf, readDist, type Budget, type Chunk } from '../helpers/bundlePaths';

const root = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
};
const outDir = join(root, option('--out', 'dist'));
const topModules = Number(option('--modules', '25'));

type ModuleSize = { id: string; raw: number; gzip: number };
type Meta = Map<string, ModuleSize[]>; // chunk file name → modules, largest first

async function buildWithMeta(): Promise<Meta> {
  const { build } = await import('vite');
  const meta: Meta = new Map();
  await build({
    root,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    plugins: [{
      name: 'size-report',
      // The app's bundle only (the service worker is built separately, as one IIFE).
      writeBundle(_options, bundle) {
        if (!Object.keys(bundle).some((f) => f.endsWith('.html'))) return;
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue;
          const modules = Object.entries(chunk.modules).map(([id, m]) => ({
            id: shortId(id),
            raw: m.renderedLength,
            gzip: m.code ? gzipSync(m.code).length : 0,
          })).filter((m) => m.raw > 0).sort((a, b) => b.raw - a.raw);
          meta.set(chunk.fileName, modules);
        }
      },
    }],
  });
  return meta;
}

function shortId(id: string): string {
  const clean = id.replace(/\0/g, '').replace(/\?.*$/, '');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) return clean.slice(nm + '/node_modules/'.length);
  return clean.startsWith(root) ? relative(root, clean) : clean;
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
const sum = (cs: Chunk[], k: 'raw' | 'gzip') => cs.reduce((s, c) => s + c[k], 0);

const meta = flag('--no-build') ? new Map() as Meta : await buildWithMeta();
const dist = readDist(outDir);
const { chunks, css } = dist;
const { login, loginHi, clerk, missing } = pathsOf(dist);
const all = [...chunks.values()].sort((a, b) => b.gzip - a.gzip);
const pick = (set: Set<string>) => all.filter((c) => set.has(c.file));

/** The targets, KB gzip: a budget written within one never grants more than it. */
const TARGET_KB = { login: 120, loginHi: 120, clerk: 220 };

if (flag('--write-budget')) {
  const entry = (set: Set<string>, targetKB: number) => {
    const gzip = sum(pick(set), 'gzip');
    const limitKB = Math.max(Math.ceil(gzip / 1024), Math.min(targetKB, Math.ceil(gzip / 1024 + 0.5)));
    return { limitKB, gzip, chunks: gzipByName(chunks, set) };
  };
  const budget: Budget = { login: entry(login, TARGET_KB.login), loginHi: entry(loginHi, TARGET_KB.loginHi), clerk: entry(clerk, TARGET_KB.clerk) };
  writeFileSync(join(root, BUDGET_FILE), `${JSON.stringify(budget, null, 2)}\n`);
  console.log(`wrote ${BUDGET_FILE}: login ≤ ${budget.login.limitKB} KB, in Hindi ≤ ${budget.loginHi.limitKB} KB, clerk path ≤ ${budget.clerk.limitKB} KB gzip`);
  process.exit(0);
}

if (flag('--json')) {
  const row = (c: Chunk) => ({ file: c.file, raw: c.raw, gzip: c.gzip });
  console.log(JSON.stringify({
    loginHi: { gzip: sum(pick(loginHi), 'gzip'), raw: sum(pick(loginHi), 'raw'), chunks: pick(loginHi).map(row) },
    login: { gzip: sum(pick(login), 'gzip'), raw: sum(pick(login), 'raw'), chunks: pick(login).map(row) },
    clerk: { gzip: sum(pick(clerk), 'gzip'), raw: sum(pick(clerk), 'raw'), chunks: pick(clerk).map(row) },
    chunks: all.map(row),
  }, null, 2));
  process.exit(0);
}

console.log(`\nJavaScript chunks in ${relative(root, outDir) || '.'}/ (KB; L = login path, C = clerk path)`);
console.log('    raw    gzip  path  chunk');
for (const c of all) {
  const mark = login.has(c.file) ? 'L ' : clerk.has(c.file) ? ' C' : '  ';
  console.log(`${kb(c.raw)} ${kb(c.gzip)}   ${mark}  ${c.file}`);
}
for (const c of css) console.log(`${kb(c.raw)} ${kb(c.gzip)}       ${c.file}`);
console.log(`${kb(sum(all, 'raw'))} ${kb(sum(all, 'gzip'))}       all JavaScript (${all.length} files)`);

const report = (title: string, target: number, set: Set<string>) => {
  const cs = pick(set);
  const gz = sum(cs, 'gzip') / 1024;
  console.log(`\n${title}: ${cs.length} files, ${(sum(cs, 'raw') / 1024).toFixed(1)} KB raw, ${gz.toFixed(1)} KB gzip (target ≤ ${target} KB) ${gz <= target ? 'ok' : 'OVER'}`);
};
report('To the login screen', TARGET_KB.login, login);
report('To the login screen, in Hindi', TARGET_KB.loginHi, loginHi);
report('Whole clerk path (login, desk, patient form, token slip)', TARGET_KB.clerk, clerk);
if (missing.length) console.log(`(no chunk of their own, so inside another: ${missing.join(', ')})`);

if (meta.size > 0 && topModules > 0) {
  for (const c of pick(clerk)) {
    const mods = meta.get(c.file) ?? [];
    if (mods.length === 0) continue;
    console.log(`\n${c.file} (${login.has(c.file) ? 'login' : 'clerk'} path): ${mods.length} modules, largest (rendered KB before minification, gzip KB alone):`);
    for (const m of mods.slice(0, topModules)) console.log(`${kb(m.raw)} ${kb(m.gzip)}  ${m.id}`);
  }
}
