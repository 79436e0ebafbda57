import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('layer boundaries enforced by lint', () => {
  it.each([
    ["import Dexie from 'dexie';\nexport const d = Dexie;", /storage lives in src\/device/],
    ["import PouchDB from 'pouchdb-browser';\nexport const p = PouchDB;", /storage lives in src\/device/],
    ["import { useState } from 'react';\nexport const s = useState;", /no React/],
    ['export const n = () => Date.now() + (navigator.onLine ? 1 : 0);', /src\/domain is pure/],
    ["import { Desk } from '../device/desk';\nexport const x = Desk;", /depends on nothing else/],
  ])('src/domain refuses %s', async (code, why) => {
    expect(await messages('src/domain/example.ts', code)).toEqual(expect.arrayContaining([expect.stringMatching(why)]));
  });

  it.each([
    "import Dexie from 'dexie';\nexport const d = Dexie;",
    "import PouchDB from 'pouchdb-browser';\nexport const p = PouchDB;",
  ])('src/ui refuses direct storage: %s', async (code) => {
    expect(await messages('src/ui/Example.tsx', code)).toEqual([expect.stringMatching(/through src\/device/)]);
  });

  it('src/ui refuses a form cast to another form\'s type', async () => {
    const code = "import type { UseFormReturn } from 'react-hook-form';\ndeclare const f: unknown;\nexport const g = f as UseFormReturn<{ a: string }>;";
    expect(await messages('src/ui/Example.tsx', code)).toEqual([expect.stringMatching(/never casts a form/)]);
    expect(await messages('src/ui/Example.tsx', code.replace('as UseFormReturn', 'as unknown as UseFormReturn'))).toEqual([expect.stringMatching(/never casts a form/)]);
  });

  it('lets src/device use storage and src/domain use its own modules', async () => {
    expect(await messages('src/device/example.ts', "import Dexie from 'dexie';\nexport const d = Dexie;")).toEqual([]);
    expect(await messages('src/domain/example.ts', "import { sha256Hex } from './hash';\nexport const h = sha256Hex;")).toEqual([]);
  });
});
