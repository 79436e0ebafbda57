import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { freePort } from './freePort';

/**
 * A stand-in for a CouchDB 3 cluster, in front of a real single store (tests only): a small
 * HTTP proxy on 127.0.0.1 that passes everything through, but
 * - hides event ids freshly written through `_bulk_docs` from `_revs_diff` for a while, as a
 *   cluster's `_revs_diff` does when it is answered by a copy that has not caught up yet
 *   (for the next K questions naming each id, or until released);
 * - answers `_bulk_docs` with 202 while told to (a cluster that stored fewer copies than its
 *   write quorum): the documents are stored all the same;
 * - adds a cluster's `cluster` block (n = 3) to the database information, so the app reads its
 *   final check from every copy (`r=3`), which this proxy passes on to the store.
 * It records every request line and how many times each event id was written.
 */
export async function laggingStore(target: string) {
  const lag = new Map<string, number>();
  let hideFor = 0;
  let acceptOnly = false;
  const writes = new Map<string, number>();
  const seen: string[] = [];

  const forward = (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const url = new URL(path, target);
      const req = request(url, { method, headers: { ...headers, host: url.host } }, (res: IncomingMessage) => {
        const chunks: Uint8Array[] = [];
        res.on('data', (c: Uint8Array) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body.length ? body : undefined);
    });

  const json = (b: Buffer): unknown => { try { return JSON.parse(b.toString('utf8')); } catch { return null; } };

  const server: Server = createServer((req, res) => {
    const chunks: Uint8Array[] = [];
    req.on('data', (c: Uint8Array) => chunks.push(c)).on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const path = req.url ?? '/';
        const method = req.method ?? 'GET';
        seen.push(`${method} ${path}`);
        const answer = await forward(method, path, req.headers, body);
        let status = answer.status;
        let out = answer.body;
        const segments = path.split('?')[0]!.split('/').filter(Boolean);
        if (method === 'POST' && segments[1] === '_bulk_docs' && (status === 201 || status === 200)) {
          const docs = ((json(body) as { docs?: Array<{ _id?: string }> } | null)?.docs ?? []).map((d) => d._id ?? '').filter((id) => id.startsWith('ev:'));
          const refused = new Set(((json(out) as Array<{ id?: string; error?: string }> | null) ?? []).filter((r) => r.error).map((r) => r.id));
          for (const id of docs) {
            if (refused.has(id)) continue;
            writes.set(id, (writes.get(id) ?? 0) + 1);
            if (hideFor > 0) lag.set(id, hideFor);
          }
          if (acceptOnly) status = 202;
        } else if (method === 'POST' && segments[1] === '_revs_diff' && status === 200) {
          const asked = (json(body) ?? {}) as Record<string, string[]>;
          const diff = (json(out) ?? {}) as Record<string, { missing: string[] }>;
          for (const [id, revs] of Object.entries(asked)) {
            const left = lag.get(id) ?? 0;
            if (left <= 0) continue;
            diff[id] = { missing: revs };
            lag.set(id, left - 1);
          }
          out = Buffer.from(JSON.stringify(diff));
        } else if (method === 'GET' && segments.length === 1 && !segments[0]!.startsWith('_') && status === 200) {
          out = Buffer.from(JSON.stringify({ ...(json(out) as object), cluster: { q: 2, n: 3, w: 2, r: 2 } }));
        }
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        delete headers['content-length'];
        res.writeHead(status, { ...headers, 'content-length': String(out.length) });
        res.end(out);
      })().catch(() => { res.writeHead(502); res.end(); });
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));

  return {
    url: `http://127.0.0.1:${port}/`,
    /** Each event id written from now on is reported missing by the next `asks` `_revs_diff` naming it. */
    lagFor(asks: number) { hideFor = asks; },
    /** Event ids written from now on stay missing from `_revs_diff` until released. */
    lagUntilReleased() { hideFor = Number.POSITIVE_INFINITY; },
    /** Every hidden id shows again, and new writes are not hidden. */
    release() { hideFor = 0; lag.clear(); },
    /** `_bulk_docs` answers 202 (stored, fewer copies than the write quorum) while on. */
    acceptOnly(on: boolean) { acceptOnly = on; },
    writes,
    seen,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export type LaggingStore = Awaited<ReturnType<typeof laggingStore>>;
