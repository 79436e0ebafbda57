import { describe, expect, it } from 'vitest';
import { chunkModules } from '../../build/chunks';

// main → react; main ⇢ desk (lazy) → dexie, react, shared; desk ⇢ pull (lazy) → http
const imports: Record<string, string[]> = {
  main: ['react'],
  desk: ['dexie', 'react', 'shared'],
  pull: ['http'],
  dexie: [], react: [], shared: ['dexie'], http: [],
};
const graph = { importedIds: (id: string) => imports[id] ?? [], entries: ['main'] };

describe('the login and session chunks', () => {
  it('take what the entry and the roots import, the session leaving the login\'s modules and what loads lazily where they are', () => {
    const { login, session } = chunkModules(graph, ['desk']);
    expect([...login].sort()).toEqual(['main', 'react']);
    expect([...session].sort()).toEqual(['desk', 'dexie', 'shared']);
  });
});
