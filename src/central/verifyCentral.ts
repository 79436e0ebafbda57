import { verifyChain, type ChainReport } from '../domain/events/chain';
import type { SetupTarget } from './setup';
import { StartupError } from './errors';
import { couchRequest, isRecord } from './http';

const PAGE = 5000;

/** The device codes that have events in the central database (one `_all_docs` hop per device). */
async function devicesIn(target: SetupTarget): Promise<string[]> {
  const found: string[] = [];
  let start = 'ev:';
  for (;;) {
    const res = await couchRequest(target.url, `${target.db}/_all_docs?startkey=${encodeURIComponent(JSON.stringify(start))}&endkey=${encodeURIComponent(JSON.stringify('ev:\ufff0'))}&limit=1`, { auth: target.auth });
    if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.rows)) throw new StartupError(`Cannot list the events of ${target.url}${target.db} (HTTP ${res.status}).`);
    const row = res.body.rows[0] as { id: string } | undefined;
    if (!row) return found;
    const device = row.id.split(':')[1]!;
    found.push(device);
    start = `ev:${device}:\ufff0`;
  }
}

/** Every document of one device, in id (= sequence) order, with conflict revisions (forks). */
async function* deviceDocs(target: SetupTarget, device: string): AsyncGenerator<unknown[]> {
  let startkey = JSON.stringify(`ev:${device}:`);
  const endkey = JSON.stringify(`ev:${device}:\ufff0`);
  let skip = 0;
  for (;;) {
    const res = await couchRequest(target.url,
      `${target.db}/_all_docs?include_docs=true&conflicts=true&limit=${PAGE}&skip=${skip}&startkey=${encodeURIComponent(startkey)}&endkey=${encodeURIComponent(endkey)}`,
      { auth: target.auth, timeoutMs: 120_000 });
    if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.rows)) throw new StartupError(`Cannot read the events of device ${device} (HTTP ${res.status}).`);
    const rows = res.body.rows as Array<{ id: string; doc: Record<string, unknown> }>;
    if (rows.length === 0) return;
    yield rows.map((r) => r.doc);
    startkey = JSON.stringify(rows[rows.length - 1]!.id);
    skip = 1;
  }
}

/** Walk every device's hash chain in the central store; a conflict revision is a fork. */
export async function verifyCentral(target: SetupTarget): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const device of await devicesIn(target)) {
    const docs: unknown[] = [];
    let fork: { seq: number; id: string } | null = null;
    for await (const page of deviceDocs(target, device)) {
      for (const doc of page as Array<Record<string, unknown>>) {
        if (!fork && Array.isArray(doc._conflicts) && doc._conflicts.length > 0) fork = { seq: Number(doc.seq), id: String(doc._id) };
        const { _conflicts: _c, ...rest } = doc;
        docs.push(rest);
      }
    }
    const report = verifyChain(device, docs);
    if (fork && (report.ok || report.break.seq > fork.seq)) {
      reports.push({ device, ok: false, count: fork.seq - 1, break: { kind: 'forked', seq: fork.seq, id: fork.id, detail: 'two different versions of this event exist' } });
    } else {
      reports.push(report);
    }
  }
  return reports;
}
