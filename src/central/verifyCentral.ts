// The central side parses every department's events: all their code, in use from the start.
import '../domain/events/everyFamily';
import { verifyChain, type ChainReport } from '../domain/events/chain';
import { checkAgainstSignedHead, type DeviceEvidence } from '../domain/events/signedHeadCheck';
import { deviceKeyDoc, signedHead, type PublicKeyJwk } from '../domain/sync/signedHead';
import { verifyHead } from '../crypto/headSignature';
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

/** The documents of one id range, with their bodies (status and key documents are few). */
async function docsIn(target: SetupTarget, db: string, prefix: string): Promise<Array<Record<string, unknown>>> {
  const q = `include_docs=true&startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
  const res = await couchRequest(target.url, `${db}/_all_docs?${q}`, { auth: target.auth });
  if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.rows)) throw new StartupError(`Cannot read ${prefix}… documents of ${target.url}${db} (HTTP ${res.status}).`);
  return (res.body.rows as Array<{ doc?: Record<string, unknown> }>).flatMap((r) => (r.doc ? [r.doc] : []));
}

/** What the store says of every device besides its events: accounts, registered keys, signed status. */
async function deviceRecords(target: SetupTarget) {
  const accounts = new Set((await docsIn(target, '_users', 'org.couchdb.user:device-'))
    .flatMap((d) => (Array.isArray(d.roles) ? d.roles : []))
    .filter((r): r is string => typeof r === 'string' && r.startsWith('device:'))
    .map((r) => r.slice('device:'.length)));
  const keys = new Map<string, PublicKeyJwk>();
  for (const doc of await docsIn(target, target.db, 'devicekey:')) {
    const parsed = deviceKeyDoc.safeParse(doc);
    if (parsed.success) keys.set(parsed.data.device, parsed.data.publicKey);
  }
  const statuses = new Map<string, unknown>();
  for (const doc of await docsIn(target, target.db, 'device:')) if (typeof doc.device === 'string') statuses.set(doc.device, doc.head);
  return { accounts, keys, statuses };
}

async function evidenceOf(device: string, records: Awaited<ReturnType<typeof deviceRecords>>): Promise<DeviceEvidence> {
  const key = records.keys.get(device);
  const head = signedHead.safeParse(records.statuses.get(device));
  const none = (why: string): DeviceEvidence => ({ device, signedHead: null, unsignedReason: why, storedHashAtHead: null });
  if (!key) return none('the device has no registered key on the central store');
  if (!head.success) return none('the device has no signed status on the central store');
  if (!(await verifyHead(key, device, head.data))) return none("the status's signature does not match the device's registered key: it was written by someone else");
  return { device, signedHead: { seq: head.data.seq, hash: head.data.hash }, unsignedReason: null, storedHashAtHead: null };
}

/**
 * Walk every device's hash chain in the central store (a conflict revision is a fork), then hold
 * it against the head the device signed, and name every device the store knows of (account, key
 * or status) whose events are gone.
 */
export async function verifyCentral(target: SetupTarget): Promise<ChainReport[]> {
  const records = await deviceRecords(target);
  const withEvents = await devicesIn(target);
  const all = [...new Set([...withEvents, ...records.accounts, ...records.keys.keys(), ...records.statuses.keys()])].sort();
  const reports: ChainReport[] = [];
  for (const device of all) {
    if (!withEvents.includes(device)) {
      reports.push(checkAgainstSignedHead(null, await evidenceOf(device, records)));
      continue;
    }
    const evidence = await evidenceOf(device, records);
    const docs: unknown[] = [];
    let fork: { seq: number; id: string } | null = null;
    for await (const page of deviceDocs(target, device)) {
      for (const doc of page as Array<Record<string, unknown>>) {
        if (!fork && Array.isArray(doc._conflicts) && doc._conflicts.length > 0) fork = { seq: Number(doc.seq), id: String(doc._id) };
        if (doc.seq === evidence.signedHead?.seq && typeof doc.hash === 'string') evidence.storedHashAtHead = doc.hash;
        const { _conflicts: _c, ...rest } = doc;
        docs.push(rest);
      }
    }
    let report = verifyChain(device, docs);
    if (fork && (report.ok || report.break.seq > fork.seq)) {
      report = { device, ok: false, count: fork.seq - 1, break: { kind: 'forked', seq: fork.seq, id: fork.id, detail: 'two different versions of this event exist' } };
    }
    reports.push(checkAgainstSignedHead(report, evidence));
  }
  return reports;
}
