/**
 * `npm run size`: what a browser downloads, per chunk and per path (issue 15).
 *
 *   npm run size                  build (vite build, the usual config) and report
 *   npm run size -- --no-build    report on the dist/ already there (no module breakdown)
 *   npm run size -- --modules N   list the N largest modules of each path chunk (default 25)
 *   npm run size -- --json        the figures as JSON (for a budget check)
 *
 * The chunk graph is read from dist/ itself, as the browser would follow it: the built index.html's
 * module script and modulepreload tags, then every static `import … from "./x.js"` inside those
 * chunks. Dynamic `import("./x.js")` is a later download (on first use; the service worker
 * precaches it), except where the boot waits for it
 * (BOOT_DYNAMIC below). When it builds, a small plugin also records each chunk's modules with their
 * rendered size (tree-shaken, before minification: read them as shares, not bytes sent), so the
 * report can say *what* a chunk carries. No bundle
 * analyzer dependency: Rolldown's own output metadata is enough.
 *
 * Gzip is zlib's default level (6), what a server compressing on the fly sends; Vite's own report
 * uses level 9 and reads a little smaller.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
};
const outDir = join(root, option('--out', 'dist'));
const topModules = Number(option('--modules', '25'));

/**
 * Dynamic imports the page awaits before the login screen is usable (the language in use, when it
 * is not built in). Named by chunk name (the file name before the hash). Keep in step with main.tsx.
 */
const BOOT_DYNAMIC: string[] = [];
/** The same for a desk whose saved language is Hindi (src/ui/i18n/areas.ts: only the English login strings are built in). */
const BOOT_DYNAMIC_HI = [...BOOT_DYNAMIC, 'base.hi'];

/**
 * The clerk's whole path, beyond the login screen: what a PIN's unlock loads (the desk with Dexie,
 * its key ring and locks, which main.tsx loads at the first PIN; the key-wrap and
 * sealing code, the event log on PouchDB, `index.es` being pouchdb-browser's chunk, and the
 * projector that catches up), the session's shell, the registration desk (a clerk's home), the
 * patient form and summary with their English strings (src/ui/i18n/areas.ts), and the token
 * slip's print. Named by the module each chunk is built from.
 */
const CLERK_PATH = ['db', 'desk', 'keyRing', 'locks', 'keyWrap', 'sealing', 'pouchLog', 'index.es', 'projector', 'Shell', 'common.en', 'DeskScreen', 'desk.en', 'PatientScreen', 'printSlip', 'printJob'];

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

type Chunk = { file: string; name: string; raw: number; gzip: number; imports: string[]; dynamicImports: string[] };

function readDist(): { chunks: Map<string, Chunk>; entry: string[]; css: Chunk[] } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const chunks = new Map<string, Chunk>();
  const css: Chunk[] = [];
  const assets = join(outDir, 'assets');
  for (const f of readdirSync(assets)) {
    const file = `assets/${f}`;
    const buf = new Uint8Array(readFileSync(join(assets, f)));
    const name = f.replace(/-[\w-]{8}\.(js|css)$/, '');
    const sizes = { file, name, raw: statSync(join(assets, f)).size, gzip: gzipSync(buf).length };
    if (f.endsWith('.css')) { css.push({ ...sizes, imports: [], dynamicImports: [] }); continue; }
    if (!f.endsWith('.js')) continue;
    const code = new TextDecoder().decode(buf);
    // Static: `import{a}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"` (minified output).
    const imports = [...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => `assets/${m[1]!}`);
    const dynamicImports = [...code.matchAll(/\bimport\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)].map((m) => `assets/${m[1]!}`);
    chunks.set(file, { ...sizes, imports: unique(imports), dynamicImports: unique(dynamicImports) });
  }
  const entry = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  return { chunks, entry: unique(entry), css };
}

const unique = <T,>(xs: T[]) => [...new Set(xs)];

function staticClosure(chunks: Map<string, Chunk>, start: string[]): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    const c = chunks.get(f);
    if (!c) throw new Error(`size: ${f} is imported but not in ${outDir}`);
    seen.add(f);
    c.imports.forEach(walk);
  };
  start.forEach(walk);
  return seen;
}

/** Chunks by name; a name with no chunk of its own is built into another one (an older build's entry, say). */
function byName(chunks: Map<string, Chunk>, names: string[]): string[] {
  return names.flatMap((n) => {
    const found = [...chunks.values()].filter((c) => c.name === n);
    if (found.length > 1) throw new Error(`size: expected one chunk named ${n}, found ${found.length}`);
    if (found.length === 0) missing.add(n);
    return found.map((c) => c.file);
  });
}
const missing = new Set<string>();

const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
const sum = (cs: Chunk[], k: 'raw' | 'gzip') => cs.reduce((s, c) => s + c[k], 0);

const meta = flag('--no-build') ? new Map() as Meta : await buildWithMeta();
const { chunks, entry, css } = readDist();
const login = staticClosure(chunks, [...entry, ...byName(chunks, BOOT_DYNAMIC)]);
const loginHi = staticClosure(chunks, [...entry, ...byName(chunks, BOOT_DYNAMIC_HI)]);
const clerk = staticClosure(chunks, [...login, ...byName(chunks, CLERK_PATH)]);
const all = [...chunks.values()].sort((a, b) => b.gzip - a.gzip);
const pick = (set: Set<string>) => all.filter((c) => set.has(c.file));

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
report('To the login screen', 120, login);
report('To the login screen, in Hindi', 120, loginHi);
report('Whole clerk path (login, desk, patient form, token slip)', 220, clerk);
if (missing.size) console.log(`(no chunk of their own, so inside another: ${[...missing].join(', ')})`);

if (meta.size > 0 && topModules > 0) {
  for (const c of pick(clerk)) {
    const mods = meta.get(c.file) ?? [];
    if (mods.length === 0) continue;
    console.log(`\n${c.file} (${login.has(c.file) ? 'login' : 'clerk'} path): ${mods.length} modules, largest (rendered KB before minification, gzip KB alone):`);
    for (const m of mods.slice(0, topModules)) console.log(`${kb(m.raw)} ${kb(m.gzip)}  ${m.id}`);
  }
}
