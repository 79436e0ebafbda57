// The central side parses every department's events: all their code, in use from the start.
import '../domain/events/everyFamily';
import { createReadStream } from 'node:fs';
import { openBundle, type OpenedPart } from '../crypto/bundleSeal';
import { verifyHead } from '../crypto/headSignature';
import { judgeNovelty, requireHospital } from '../domain/backup/held';
import type { BundleHeader } from '../domain/backup/header';
import type { BundledEvent } from '../domain/backup/chainCheck';
import { BundleRefusal } from '../domain/backup/refusal';
import { SameRead } from '../domain/backup/sameRead';
import { eventId, eventIdRange } from '../domain/events/envelope';
import { checkPush, idsToLookUp, type StoredEvent } from '../domain/sync/pushCheck';
import { deviceKeyDoc, deviceKeyId, publicKeyJwk, sameKey, type SignedHead } from '../domain/sync/signedHead';
import { keyIdOf } from '../domain/backup/publicKeyText';
import type { HospitalBackupKey } from './backupKey';
import { deviceAccount } from './devices';
import { StartupError } from './errors';
import { couchRequest, isRecord } from './http';
import type { SetupTarget } from './setup';

export interface ImportResult {
  header: BundleHeader;
  /** Events written now, and those the store held already (the same revision). */
  added: number;
  held: number;
}

/** A short fingerprint of a device's signing key, shown on its "This device" screen. */
export const signerFingerprint = keyIdOf;

async function read(target: SetupTarget, path: string, what: string) {
  const res = await couchRequest(target.url, `${target.db}/${path}`, { auth: target.auth });
  if (res.status !== 200 && res.status !== 404) throw new StartupError(`Cannot read ${what} (HTTP ${res.status}): use a server admin's credentials.`);
  return res;
}

async function storedOf(target: SetupTarget, ids: string[]): Promise<Map<string, StoredEvent>> {
  const res = await couchRequest(target.url, `${target.db}/_all_docs?include_docs=true`, { method: 'POST', auth: target.auth, body: { keys: ids } });
  if (res.status !== 200 || !isRecord(res.body)) throw new StartupError(`Cannot read the stored events (HTTP ${res.status}).`);
  const map = new Map<string, StoredEvent>();
  for (const row of (res.body.rows ?? []) as Array<{ id?: string; value?: { rev?: string }; doc?: { hash?: unknown } | null }>) {
    if (row.id && row.value?.rev && typeof row.doc?.hash === 'string') map.set(row.id, { rev: row.value.rev, hash: row.doc.hash });
  }
  return map;
}

async function newestOf(target: SetupTarget, device: string): Promise<{ seq: number } | null> {
  const { start, end } = eventIdRange(device);
  const q = `descending=true&limit=1&startkey=${encodeURIComponent(JSON.stringify(end))}&endkey=${encodeURIComponent(JSON.stringify(start))}`;
  const res = await read(target, `_all_docs?${q}`, 'the stored events');
  const id = (res.body as { rows?: Array<{ id: string }> }).rows?.[0]?.id;
  return id ? { seq: Number(id.split(':')[2]) } : null;
}

/**
 * The checks a resync's push meets at the gateway (src/domain/sync/pushCheck.ts), for one page:
 * judged against the store, with the page before it taken as stored when it is not yet (the dry
 * run). Refusals stop the whole import: a bundle goes in whole or not at all.
 */
async function judge(target: SetupTarget, events: BundledEvent[], ctx: { device: string; reader: boolean; before: { id: string; stored: StoredEvent } | null; now: Date }) {
  const stored = await storedOf(target, idsToLookUp(events));
  if (ctx.before && !stored.has(ctx.before.id)) stored.set(ctx.before.id, ctx.before.stored);
  const verdicts = checkPush(events, { device: ctx.device, reader: ctx.reader, stored, now: ctx.now });
  const refused = verdicts.find((v) => v.action === 'refuse');
  if (refused && refused.action === 'refuse') throw new BundleRefusal('refusedByPushCheck', `${refused.id}: ${refused.reason}`);
  const last = events[events.length - 1]!;
  return { verdicts, before: { id: last._id, stored: { rev: last._rev, hash: last.hash } } };
}

function fileStream(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>;
}

/**
 * `npm run central -- import <bundle>`: a tablet's backup bundle into the central store, without
 * the tablet. Read twice: first everything is checked (the seal, the device's signature, that the
 * signer is the device's registered key, the hospital, the chain, and every event against the
 * push rules), then written. A refusal at any point stores nothing. Importing the same bundle
 * again, or after the tablet's own resync, changes nothing: the store holds the same revisions.
 */
export async function importBundle(target: SetupTarget, path: string, key: HospitalBackupKey,
  options: { trustKey?: string; now?: Date; source?: (path: string) => AsyncIterable<Uint8Array> } = {}): Promise<ImportResult> {
  const source = options.source ?? fileStream;
  const now = options.now ?? new Date();
  let header: BundleHeader | null = null;
  let reader = false;
  let register = false;
  let alreadyHeld = false;
  let before: { id: string; stored: StoredEvent } | null = null;
  let head: SignedHead | null = null;

  const firstRead = new SameRead();
  for await (const part of openBundle(source(path), key.privateKey) as AsyncGenerator<OpenedPart>) {
    firstRead.saw(part);
    if (part.kind === 'header') {
      header = part.header;
      requireHospital(header, key.hospital, key.keyId);
      register = await requireSigner(target, header, options.trustKey);
      reader = await isReader(target, header.device);
      const newest = await newestOf(target, header.device);
      const atTo = newest && newest.seq >= header.to ? (await storedOf(target, [eventId(header.device, header.to)])).get(eventId(header.device, header.to)) : undefined;
      alreadyHeld = judgeNovelty(header, newest && { seq: newest.seq, hashAtTo: atTo?.hash ?? null }).kind === 'alreadyHeld';
    } else if (part.kind === 'events' && !alreadyHeld) {
      ({ before } = await judge(target, part.events, { device: header!.device, reader, before, now }));
    } else if (part.kind === 'end') {
      head = part.head;
    }
  }
  if (!header || !head) throw new BundleRefusal('truncated', 'the bundle ended before its signature');
  if (alreadyHeld) return { header, added: 0, held: header.to - header.from + 1 };

  if (register) await registerKey(target, header, now);
  let added = 0;
  let held = 0;
  before = null;
  for await (const part of openBundle(source(path), key.privateKey)) {
    firstRead.require(part);
    if (part.kind !== 'events') continue;
    const judged = await judge(target, part.events, { device: header.device, reader, before, now });
    before = judged.before;
    const docs = judged.verdicts.flatMap((v) => (v.action === 'send' ? [v.doc] : []));
    held += judged.verdicts.length - docs.length;
    if (docs.length === 0) continue;
    const res = await couchRequest(target.url, `${target.db}/_bulk_docs`, { method: 'POST', auth: target.auth, body: { docs, new_edits: false } });
    const failed = Array.isArray(res.body) ? res.body.filter((r: { error?: unknown }) => r.error) : [];
    if ((res.status !== 201 && res.status !== 202) || failed.length) {
      throw new StartupError(`The central store refused events of the bundle (HTTP ${res.status}${failed.length ? `, ${JSON.stringify(failed[0])}` : ''}); events before them are stored: import the bundle again once the store is fixed.`);
    }
    added += docs.length;
  }
  await advanceStatus(target, header, head, now);
  return { header, added, held };
}

/**
 * The bundle's signer must be the key the device registered; a device never synced needs --trust-key.
 * A key a replacement retired (`replace-device-key`, or a replacement tablet's statement at its gate;
 * a lost or stolen tablet's) still vouches for the events it
 * signed while it was valid, so its bundle may come in, but it is never registered again: that
 * would hand the device code back to the lost tablet and lock its replacement out.
 */
async function requireSigner(target: SetupTarget, header: BundleHeader, trustKey: string | undefined): Promise<boolean> {
  const res = await read(target, encodeURIComponent(deviceKeyId(header.device)), `the key of device ${header.device}`);
  const fingerprint = signerFingerprint(header.signer);
  const registered = res.status === 404 ? null : deviceKeyDoc.safeParse(res.body);
  if (registered && !registered.success) throw new StartupError(`The key document of device ${header.device} is unreadable.`);
  if (registered?.data && sameKey(registered.data.publicKey, header.signer)) return false;
  const retired = await retiredKeyOf(target, header);
  if (retired) {
    if (trustKey !== undefined) {
      throw new BundleRefusal('retiredKey', `signed with key ${fingerprint} of device ${header.device}, which ${retired.by} retired at ${retired.at} (a replacement): a retired key is never trusted again; import without --trust-key to bring in its events only`);
    }
    return false;
  }
  if (!registered) {
    if (trustKey === fingerprint) return true;
    throw new BundleRefusal('noDeviceKey', `device ${header.device} has no key registered on the central store, so nothing vouches for whoever signed this bundle: compare the key fingerprint ${fingerprint} with the one on the tablet's "This device" screen (or its last printed recovery sheet) and import again with --trust-key ${fingerprint}`);
  }
  throw new BundleRefusal('otherDeviceKey', `signed with key ${fingerprint}, not with the key device ${header.device} registered (${signerFingerprint(registered.data!.publicKey)}): another tablet made it, or it was re-signed`);
}

/** The replacement record whose old key signed the bundle, if a replacement retired it. */
async function retiredKeyOf(target: SetupTarget, header: BundleHeader): Promise<{ at: string; by: string } | null> {
  const start = `devicekey-replaced:${header.device}:`;
  const q = `include_docs=true&startkey=${encodeURIComponent(JSON.stringify(start))}&endkey=${encodeURIComponent(JSON.stringify(`${start}\ufff0`))}`;
  const res = await read(target, `_all_docs?${q}`, `the replaced keys of device ${header.device}`);
  for (const row of (res.body as { rows?: Array<{ doc?: { oldKey?: unknown; at?: unknown; by?: unknown } }> }).rows ?? []) {
    const old = publicKeyJwk.safeParse(row.doc?.oldKey);
    if (old.success && sameKey(old.data, header.signer)) return { at: String(row.doc?.at), by: String(row.doc?.by) };
  }
  return null;
}

async function registerKey(target: SetupTarget, header: BundleHeader, now: Date) {
  const doc = { _id: deviceKeyId(header.device), type: 'device-key', device: header.device, publicKey: header.signer, registeredAt: now.toISOString() };
  const res = await couchRequest(target.url, `${target.db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', auth: target.auth, body: doc });
  if (res.status !== 201 && res.status !== 202) throw new StartupError(`The central store refused the device key (HTTP ${res.status}).`);
}

async function isReader(target: SetupTarget, device: string): Promise<boolean> {
  const res = await couchRequest(target.url, `_users/${encodeURIComponent(`org.couchdb.user:${deviceAccount(device)}`)}`, { auth: target.auth });
  return res.status === 200 && isRecord(res.body) && Array.isArray(res.body.roles) && res.body.roles.includes('reader');
}

/**
 * The device's status document carries its newest signed head, which `verify` holds the chain
 * against: the bundle's head moves it forward, never back (the tablet's own resync may be ahead).
 */
async function advanceStatus(target: SetupTarget, header: BundleHeader, head: SignedHead, now: Date) {
  const id = `device:${header.device}`;
  const res = await read(target, encodeURIComponent(id), `the status of device ${header.device}`);
  const current = res.status === 200 && isRecord(res.body) ? res.body : null;
  const currentSeq = isRecord(current?.head) && typeof current.head.seq === 'number' ? current.head.seq : 0;
  if (currentSeq >= head.seq || !(await verifyHead(header.signer, header.device, head))) return;
  const doc = {
    _id: id, ...(current?._rev ? { _rev: current._rev } : {}), type: 'device-status', device: header.device,
    confirmedSeq: head.seq, refused: 0, syncedAt: now.toISOString(), head,
  };
  const saved = await couchRequest(target.url, `${target.db}/${encodeURIComponent(id)}`, { method: 'PUT', auth: target.auth, body: doc });
  if (saved.status !== 201 && saved.status !== 202) throw new StartupError(`The events are stored, but the central store refused the status of device ${header.device} (HTTP ${saved.status}).`);
}
