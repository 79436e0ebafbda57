import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/server/gateway/routes';

describe('docs/security.md', () => {
  it("lists every route of the gateway's table, and no route the table does not have", () => {
    const doc = readFileSync('docs/security.md', 'utf8');
    const rows = [...doc.matchAll(/^\| ([a-z][a-z -]+(?:\([a-z]+\))?) \| `/gm)].map((m) => m[1]!.trim());
    expect(rows.sort()).toEqual(ROUTES.map((r) => r.name).sort());
  });

  it('lists the query parameters a route takes where its row names them, exactly as the table has them', () => {
    const doc = readFileSync('docs/security.md', 'utf8');
    const listed = [...doc.matchAll(/^\| ([a-z][a-z -]+(?:\([a-z]+\))?) \| `[^`]+` \(((?:`[a-z_]+`(?:, )?)+)\)/gm)]
      .map((m) => [m[1]!.trim(), [...m[2]!.matchAll(/`([a-z_]+)`/g)].map((p) => p[1]!).sort()] as const);
    expect(listed.map(([name]) => name)).toEqual(expect.arrayContaining(['document', 'own events (keys)']));
    for (const [name, params] of listed) expect(params, name).toEqual([...ROUTES.find((r) => r.name === name)!.query].sort());
  });
});
