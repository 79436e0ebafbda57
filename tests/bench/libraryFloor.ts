/**
 * `npm run size:libraries`: the least the clerk path can weigh with the libraries it uses (issue
 * 15). Bundles, in one file, minified as the app's build is, only what the clerk path imports from
 * each library (the imports below, as src/ writes them), and prints its gzip size beside the
 * path's target: what is left of the target is all the app's own code may take.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const TARGET_KB = 220;
const root = join(import.meta.dirname, '..', '..');

// Each library's imports on the clerk path, used so the bundler keeps them.
const LIBRARIES: Record<string, string> = {
  'React and React DOM': `import { createRoot } from 'react-dom/client'; import { useState, lazy, Suspense } from 'react'; import { jsx } from 'react/jsx-runtime';
    export const react = { createRoot, useState, lazy, Suspense, jsx };`,
  'i18next, react-i18next': `import i18next from 'i18next'; import { initReactI18next, useTranslation } from 'react-i18next';
    export const i18n = { i18next, initReactI18next, useTranslation };`,
  'wouter, zustand': `import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter'; import { useHashLocation } from 'wouter/use-hash-location';
    import { create } from 'zustand'; import { persist } from 'zustand/middleware';
    export const ui = { Link, Redirect, Route, Router, Switch, useLocation, useHashLocation, create, persist };`,
  'Dexie': `import Dexie from 'dexie'; export const dexie = Dexie;`,
  'PouchDB (core, idb adapter), transform-pouch, pouchdb-wrappers': `import PouchDB from 'pouchdb-core-9'; import IdbAdapter from 'pouchdb-adapter-idb';
    import transformPouch from 'transform-pouch'; import wrappers from 'pouchdb-wrappers';
    PouchDB.plugin(IdbAdapter); PouchDB.plugin(transformPouch); export const pouch = { PouchDB, wrappers };`,
  'zod/mini': `import * as z from 'zod/mini';
    export const schema = z.strictObject({ a: z.string().check(z.trim(), z.minLength(1), z.maxLength(9), z.regex(/a/)), b: z.optional(z.int()),
      c: z.enum(['a', 'b']), d: z.array(z.literal('x')), e: z.iso.datetime(), f: z.discriminatedUnion('t', [z.object({ t: z.literal('a') })]),
      g: z.pipe(z.string(), z.transform((v: string) => v)), h: z.catch(z.boolean(), false), i: z.record(z.string(), z.unknown()), j: z.coerce.number() })
      .check(z.refine(() => true), z.superRefine(() => undefined));
    export const more = [z.extend, z.pick, z.partial, z.looseObject, z.union];`,
  'react-hook-form': `import { get, useFieldArray, useForm } from 'react-hook-form'; export const forms = { get, useFieldArray, useForm };`,
  '@noble/ciphers, @noble/hashes': `import { gcm } from '@noble/ciphers/aes.js'; import { hkdf } from '@noble/hashes/hkdf.js'; import { hmac } from '@noble/hashes/hmac.js';
    import { sha256 } from '@noble/hashes/sha2.js'; import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
    export const crypto = { gcm, hkdf, hmac, sha256, bytesToHex, utf8ToBytes };`,
  'jsbarcode (Code 128)': `import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js'; export const barcode = CODE128;`,
  'workbox-window': `import { Workbox } from 'workbox-window'; export const sw = Workbox;`,
};

async function gzipOf(code: string, dir: string, name: string): Promise<number> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, code);
  const out = await build({
    root: dir, configFile: false, logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Not library mode: its minifier keeps names, as a library's build must; the app's renames them.
    build: { write: false, target: 'es2022', minify: true, rolldownOptions: { input: entry, preserveEntrySignatures: 'strict' } },
  }) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const output = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  return gzipSync(output.flatMap((c) => (c.type === 'chunk' ? [c.code] : [])).join('\n')).length;
}

const dir = mkdtempSync(join(tmpdir(), 'dd-libraries-'));
try {
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
  console.log('Libraries on the clerk path, each alone and all in one file (minified, gzip):');
  let i = 0;
  for (const [name, code] of Object.entries(LIBRARIES)) console.log(`${kb(await gzipOf(code, dir, `lib${i++}`))}  ${name}`);
  const all = await gzipOf(Object.values(LIBRARIES).join('\n'), dir, 'all');
  console.log(`${kb(all)}  all of them in one file`);
  console.log(`\nThe clerk path's target is ${TARGET_KB} KB: ${(TARGET_KB - all / 1024).toFixed(1)} KB are left for the app's own code and strings (\`npm run size\` gives the path as built).`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
