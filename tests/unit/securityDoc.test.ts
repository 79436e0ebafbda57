import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/server/gateway/routes';

describe('docs/security.md', () => {
  it("lists every route of the gateway's table, and no route the table does not have", () => {
    const doc = readFileSync('docs/security.md', 'utf8');
    const rows = [...doc.matchAll(/^\| ([a-z][a-z -]+(?:\([a-z]+\))?) \| `/gm)].map((m) => m[1]!.trim());
    expect(rows.sort()).toEqual(ROUTES.map((r) => r.name).sort());
  });
});
