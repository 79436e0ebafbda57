/**
 * The built app's JavaScript as a browser follows it (issue 15), shared by `npm run size`
 * (tests/bench/size.ts) and the size budget `npm test` checks (tests/e2e/sizeBudget.test.ts).
 *
 * The chunk graph is read from dist/ itself: the built index.html's module script and
 * modulepreload tags, then every static `import … from "./x.js"` inside those chunks. Dynamic
 * `import("./x.js")` is a later download (on first use; the service worker precaches it), except
 * where the boot waits for it (BOOT_DYNAMIC). Gzip is zlib's default level (6), what a server
 * compressing on the fly sends.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SESSION_CHUNK } from '../../build/chunks';

/**
 * Dynamic imports the page awaits before the login screen is usable (the language in use, when it
 * is not built in). Named by chunk name (the file name before the hash). Keep in step with main.tsx.
 */
export const BOOT_DYNAMIC: string[] = [];
/** The same for a desk whose saved language is Hindi (src/ui/i18n/areas.ts: only the English login strings are built in). */
export const BOOT_DYNAMIC_HI = [...BOOT_DYNAMIC, 'base.hi'];

/**
 * The clerk's whole path, beyond the login screen: the session chunk (build/chunks.ts: what a
 * PIN's unlock loads, the session's shell and the registration desk with the patient form and the
 * token slip's print), the desk's English strings (src/ui/i18n/areas.ts) and the slip's in both
 * languages, and the service worker's registration, which every page load fetches once the screen
 * is up. A pull's http adapter and replication (`remotePouch`) are not on this path. Other chunks
 * are named by the module each is built from. An e2e test (sizeBudget.test.ts) checks that a
 * clerk's session in Chromium loads no script outside this path.
 */
export const CLERK_PATH = [SESSION_CHUNK, 'common.en', 'desk.en', 'slip.en', 'slip.hi', 'workbox-window.prod.es5'];

export type Chunk = { file: string; name: string; raw: number; gzip: number; imports: string[]; dynamicImports: string[] };

export interface Dist {
  chunks: Map<string, Chunk>;
  entry: string[];
  css: Chunk[];
}

/** A chunk's name: its file name without the hash (two chunks may share one). */
export const chunkName = (fileName: string) => fileName.replace(/^assets\//, '').replace(/-[\w-]{8}\.(js|css)$/, '');

export function readDist(outDir: string): Dist {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const chunks = new Map<string, Chunk>();
  const css: Chunk[] = [];
  const assets = join(outDir, 'assets');
  for (const f of readdirSync(assets)) {
    const file = `assets/${f}`;
    const buf = new Uint8Array(readFileSync(join(assets, f)));
    const sizes = { file, name: chunkName(f), raw: statSync(join(assets, f)).size, gzip: gzipSync(buf).length };
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

export function staticClosure(chunks: Map<string, Chunk>, start: string[]): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    const c = chunks.get(f);
    if (!c) throw new Error(`size: ${f} is imported but not in the build`);
    seen.add(f);
    c.imports.forEach(walk);
  };
  start.forEach(walk);
  return seen;
}

export interface Paths {
  login: Set<string>;
  loginHi: Set<string>;
  clerk: Set<string>;
  /** Names of CLERK_PATH or BOOT_DYNAMIC with no chunk of their own (built into another one). */
  missing: string[];
}

/** The files of each path: to the login screen (English, Hindi), and the whole clerk path. */
export function pathsOf({ chunks, entry }: Dist): Paths {
  const missing = new Set<string>();
  const byName = (names: string[]) => names.flatMap((n) => {
    const found = [...chunks.values()].filter((c) => c.name === n);
    if (found.length > 1) throw new Error(`size: expected one chunk named ${n}, found ${found.length}`);
    if (found.length === 0) missing.add(n);
    return found.map((c) => c.file);
  });
  const login = staticClosure(chunks, [...entry, ...byName(BOOT_DYNAMIC)]);
  const loginHi = staticClosure(chunks, [...entry, ...byName(BOOT_DYNAMIC_HI)]);
  const clerk = staticClosure(chunks, [...login, ...byName(CLERK_PATH)]);
  return { login, loginHi, clerk, missing: [...missing] };
}

/** Gzip bytes of a path's chunks, by chunk name (chunks sharing a name are added up). */
export function gzipByName(chunks: Map<string, Chunk>, files: Set<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of [...files].sort()) {
    const c = chunks.get(f)!;
    out[c.name] = (out[c.name] ?? 0) + c.gzip;
  }
  return out;
}

/** The size budget `npm test` checks (tests/e2e/sizeBudget.test.ts), written by `npm run size -- --write-budget`. */
export const BUDGET_FILE = 'tests/bench/sizeBudget.json';

export interface PathBudget {
  /** The most the path may weigh, KB gzip. */
  limitKB: number;
  /** What it weighed when the budget was written, and each chunk's share: to say what grew. */
  gzip: number;
  chunks: Record<string, number>;
}

export interface Budget {
  login: PathBudget;
  loginHi: PathBudget;
  clerk: PathBudget;
}

/** Chunks of a path that are new or larger than the budget recorded (by more than 64 bytes), largest growth first. */
export function whatGrew(recorded: Record<string, number>, now: Record<string, number>): string[] {
  return Object.entries(now)
    .map(([name, gzip]) => ({ name, gzip, was: recorded[name] }))
    .filter((c) => c.was === undefined || c.gzip > c.was + 64)
    .sort((a, b) => (b.gzip - (b.was ?? 0)) - (a.gzip - (a.was ?? 0)))
    .map((c) => (c.was === undefined ? `${c.name}: new, ${kb(c.gzip)} KB` : `${c.name}: ${kb(c.was)} → ${kb(c.gzip)} KB`));
}

const kb = (n: number) => (n / 1024).toFixed(1);
