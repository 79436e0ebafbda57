import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/sourceFiles';

/**
 * `npm ci --omit=dev` installs what runs in production (issue 15): the app, the server, the
 * central CLI and the build `npm start` makes. Everything their code imports (types aside) must be
 * a dependency.
 */
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Packages a file imports at run time: `import … from`, `export … from`, `import()`, `require()`, not `import type`. */
function packagesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
  ];
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !s.startsWith('virtual:') && !builtinModules.includes(s.split('/')[0]!))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

const code = /\.(ts|tsx|js|mjs)$/;
const runtime = [...['src', 'sw', 'build'].flatMap((dir) => sourceFiles(join(root, dir), code)), join(root, 'vite.config.ts')];
const used = new Map<string, string>();
for (const file of runtime) for (const p of packagesOf(file)) if (!used.has(p)) used.set(p, file.slice(root.length + 1));

describe('dependencies', () => {
  it('has everything the app, the server and the build import in dependencies, not dev dependencies', () => {
    const missing = [...used].filter(([p]) => !(p in pkg.dependencies)).map(([p, file]) => `${p} (${file})`);
    expect(missing).toEqual([]);
  });
});
