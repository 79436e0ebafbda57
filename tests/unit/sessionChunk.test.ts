import { describe, expect, it } from 'vitest';
import { sessionModules } from '../../build/sessionChunk';

// main → react; main ⇢ desk (lazy) → dexie, react, shared; desk ⇢ pull (lazy) → http
const imports: Record<string, string[]> = {
  main: ['react'],
  desk: ['dexie', 'react', 'shared'],
  pull: ['http'],
  dexie: [], react: [], shared: ['dexie'], http: [],
};
const graph = { importedIds: (id: string) => imports[id] ?? [], entries: ['main'] };

describe('the session chunk', () => {
  it('takes what its roots import, and leaves what the login screen loads and what loads lazily where they are', () => {
    expect([...sessionModules(graph, ['desk'])].sort()).toEqual(['desk', 'dexie', 'shared']);
  });
});
