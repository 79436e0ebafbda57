// The central side parses every department's events: all their code, in use from the start.
import '../../domain/events/everyFamily';
import * as z from 'zod/mini';
import { eventIdRange } from '../../domain/events/envelope';
import { allClearMarker, ALL_CLEAR_ID } from '../../domain/sync/gate';
import { checkPush, idsToLookUp, type StoredEvent, type Verdict } from '../../domain/sync/pushCheck';
import { deviceKeyDoc, deviceKeyId, headFromHeader, publicKeyJwk, sameKey, signedHead, type DeviceKeyDoc, type PublicKeyJwk, type SignedHead } from '../../domain/sync/signedHead';
import { eventId } from '../../domain/events/envelope';
import { verifyHead } from '../../crypto/headSignature';
import { jsonOf, type Upstream } from './upstream';
import type { BatchTail } from './pushPipeline';

export const MAX_BATCH = 10_000;
/** Ids per `POST _all_docs` read (the resync's conflict sample asks for up to 1,000 at a time). */
export const MAX_KEYS = 1000;
export const FACT_TTL_MS = 5_000;

export class Refusal extends Error {
  constructor(readonly status: 400 | 403 | 409 | 503, readonly error: string, reason: string) {
    super(reason);
  }
}

const bulkBody = z.strictObject({ docs: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_BATCH)), new_edits: z.literal(false) });
const keysBody = z.strictObject({ keys: z.array(z.string().check(z.maxLength(40))).check(z.minLength(1), z.maxLength(MAX_KEYS)) });
const revsDiffBody = z.record(z.string().check(z.maxLength(40)), z.array(z.string().check(z.maxLength(40))).check(z.minLength(1), z.maxLength(100)))
  .check(z.refine((r) => Object.keys(r).length <= MAX_BATCH));
const statusBody = z.strictObject({
  _id: z.string(), _rev: z.optional(z.string().check(z.maxLength(64))), type: z.literal('device-status'), device: z.string(),
  confirmedSeq: z.number().check(z.int(), z.gte(0)), refused: z.number().check(z.int(), z.gte(0)), syncedAt: z.iso.datetime(), head: signedHead,
});

/**
 * The store reads the gateway makes on its own account (server admin): the all-clear, what is
 * already stored of a batch, a device's highest sequence. Devices never see these answers.
 */
export class StoreFacts {
  private readonly remembered = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(private readonly upstream: Upstream, private readonly db: string, private readonly adminHeaders: Record<string, string>,
    private readonly now: () => number = Date.now) {}

  /**
   * The all-clear and the registered keys change a few times an outage; a push asks for them at
   * every batch. What was found is remembered for FACT_TTL_MS (a replaced key or a new all-clear
   * counts within it); what was missing is asked again every time.
   */
  private recall(key: string, read: () => Promise<{ status: number; body: unknown }>): Promise<{ status: number; body: unknown }> {
    const hit = this.remembered.get(key);
    if (hit && hit.until > this.now()) return hit.value as Promise<{ status: number; body: unknown }>;
    const value = read();
    this.remembered.set(key, { until: this.now() + FACT_TTL_MS, value });
    value.then((v) => { if (v.status !== 200) this.remembered.delete(key); }, () => this.remembered.delete(key));
    return value;
  }

  forgetKey(device: string): void {
    this.remembered.delete(`key ${device}`);
  }

  private async json(method: string, path: string, body?: unknown) {
    const headers = { accept: 'application/json', ...this.adminHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const answer = await this.upstream.send(method, `${this.db}/${path}`, headers, body === undefined ? undefined : JSON.stringify(body));
    return { status: answer.status, body: jsonOf(answer) };
  }

  async requireAllClear(): Promise<void> {
    const { status, body } = await this.recall('allclear', () => this.json('GET', ALL_CLEAR_ID));
    if (status === 404) throw new Refusal(403, 'no_all_clear', 'The network has not been declared clean on the central store (npm run central -- all-clear): nothing is accepted before that.');
    if (status !== 200 || !allClearMarker.safeParse(body).success) throw new Refusal(403, 'no_all_clear', 'The all-clear on the central store is not valid: declare it again.');
  }

  async stored(ids: string[]): Promise<Map<string, StoredEvent>> {
    const { status, body } = await this.json('POST', '_all_docs?include_docs=true', { keys: ids });
    if (status !== 200) throw new Error(`_all_docs answered ${status}`);
    const rows = (body as { rows?: Array<{ id?: string; value?: { rev?: string }; doc?: { hash?: unknown } | null }> }).rows ?? [];
    const map = new Map<string, StoredEvent>();
    for (const row of rows) {
      if (row.id && row.value?.rev && row.doc && typeof row.doc.hash === 'string') map.set(row.id, { rev: row.value.rev, hash: row.doc.hash });
    }
    return map;
  }

  async deviceKey(device: string, fresh = false): Promise<PublicKeyJwk | null> {
    const read = () => this.json('GET', encodeURIComponent(deviceKeyId(device)));
    const { status, body } = fresh ? await read() : await this.recall(`key ${device}`, read);
    if (status === 404) return null;
    const parsed = deviceKeyDoc.safeParse(body);
    if (status !== 200 || !parsed.success) throw new Error(`the key document of ${device} is unreadable (${status})`);
    return parsed.data.publicKey;
  }

  /**
   * The replacement record (`replace-device-key`, or a replacement statement) whose old key signed this head, if any: the
   * refusal then says that this tablet was replaced, and when and by whom, instead of guessing.
   */
  async replacedKeyOf(device: string, head: SignedHead): Promise<{ at: string; by: string } | null> {
    return this.replacementOf(device, (old) => verifyHead(old, device, head));
  }

  /** The replacement record that retired this key of the device, if any. */
  async retiredKey(device: string, key: PublicKeyJwk): Promise<{ at: string; by: string } | null> {
    return this.replacementOf(device, async (old) => sameKey(old, key));
  }

  private async replacementOf(device: string, retired: (oldKey: PublicKeyJwk) => Promise<boolean>): Promise<{ at: string; by: string } | null> {
    const start = `devicekey-replaced:${device}:`;
    const q = `include_docs=true&startkey=${encodeURIComponent(JSON.stringify(start))}&endkey=${encodeURIComponent(JSON.stringify(`${start}\ufff0`))}`;
    const { status, body } = await this.json('GET', `_all_docs?${q}`);
    if (status !== 200) return null;
    for (const row of (body as { rows?: Array<{ doc?: { oldKey?: unknown; at?: unknown; by?: unknown } }> }).rows ?? []) {
      const old = publicKeyJwk.safeParse(row.doc?.oldKey);
      if (old.success && (await retired(old.data))) return { at: String(row.doc?.at), by: String(row.doc?.by) };
    }
    return null;
  }

  /** One document as the store's server admin reads it (null when missing). */
  async readDoc(id: string): Promise<Record<string, unknown> | null> {
    const { status, body } = await this.json('GET', encodeURIComponent(id));
    if (status === 404) return null;
    if (status !== 200 || typeof body !== 'object' || body === null) throw new Error(`${id} is unreadable (${status})`);
    return body as Record<string, unknown>;
  }

  /** Writes (or, with `_rev`, replaces; `_deleted` removes) one document as the server admin: its HTTP status. */
  async writeDoc(id: string, doc: Record<string, unknown>): Promise<number> {
    return (await this.json('PUT', encodeURIComponent(id), doc)).status;
  }

  async storedHash(device: string, seq: number): Promise<string | null> {
    const { status, body } = await this.json('GET', encodeURIComponent(eventId(device, seq)));
    return status === 200 && typeof (body as { hash?: unknown }).hash === 'string' ? (body as { hash: string }).hash : null;
  }

  /** The device's newest stored event: its sequence, revision and hash (null when none). */
  async newest(device: string): Promise<BatchTail | null> {
    const { start, end } = eventIdRange(device);
    const q = `descending=true&limit=1&include_docs=true&startkey=${encodeURIComponent(JSON.stringify(end))}&endkey=${encodeURIComponent(JSON.stringify(start))}`;
    const { status, body } = await this.json('GET', `_all_docs?${q}`);
    if (status !== 200) throw new Error(`_all_docs answered ${status}`);
    const row = (body as { rows?: Array<{ id: string; value: { rev: string }; doc?: { hash?: unknown } }> }).rows?.[0];
    if (!row || typeof row.doc?.hash !== 'string') return null;
    return { seq: Number(row.id.split(':')[2]), id: row.id, stored: { rev: row.value.rev, hash: row.doc.hash } };
  }

  async highestSeq(device: string): Promise<number> {
    return (await this.newest(device))?.seq ?? 0;
  }

}

export function readBulkBody(body: unknown): unknown[] {
  const parsed = bulkBody.safeParse(body);
  if (!parsed.success) throw new Refusal(400, 'bad_request', `_bulk_docs takes {"docs": [1–${MAX_BATCH} events], "new_edits": false} and nothing else`);
  return parsed.data.docs;
}

const replacedRefusal = (device: string, replaced: { at: string; by: string }) =>
  new Refusal(403, 'key_replaced', `This tablet's key for device ${device} was replaced at ${replaced.at} by ${replaced.by}: another tablet took over the code (a replacement), so this one may no longer push.`);

/** The push must be signed with the key registered for its device code: one tablet per code. */
async function requireSignedBy(facts: StoreFacts, device: string, head: SignedHead | null, docs: unknown[]) {
  const key = await facts.deviceKey(device);
  if (!key) throw new Refusal(403, 'no_device_key', `Device ${device} has not registered its key: close and open the gate again.`);
  const last = docs.reduce<{ seq: number; hash: unknown } | null>((best, d) => {
    const { seq, hash } = (d ?? {}) as { seq?: unknown; hash?: unknown };
    return typeof seq === 'number' && (!best || seq > best.seq) ? { seq, hash } : best;
  }, null);
  if (!head || !last || head.seq !== last.seq || head.hash !== last.hash || !(await verifyHead(key, device, head))) {
    const replaced = head ? await facts.replacedKeyOf(device, head) : null;
    if (replaced) throw replacedRefusal(device, replaced);
    throw new Refusal(403, 'key_mismatch', `This push is not signed with the key registered for device ${device}: is another tablet using this device code?`);
  }
}

/**
 * Check a batch against what is stored: the verdict per document, in the order they were sent.
 * `after`: the batch being written right before this one, taken as the newest stored event.
 */
export async function judgeBatch(facts: StoreFacts, pusher: { device: string; reader: boolean }, docs: unknown[], now: Date, signedHeader: string | undefined,
  after: BatchTail | null = null): Promise<Verdict[]> {
  const { device, reader } = pusher;
  // The all-clear first: without it the answer is always "not yet", whatever else is wrong.
  await facts.requireAllClear();
  const [, newest] = await Promise.all([requireSignedBy(facts, device, headFromHeader(signedHeader), docs), after ?? facts.newest(device)]);
  // The usual push continues right after the newest stored event: then nothing of the batch can
  // be stored yet, and that one event is all the check needs. Anything else looks every id up.
  const continues = firstSeq(docs) === (newest?.seq ?? 0) + 1;
  const stored = continues ? new Map(newest ? [[newest.id, newest.stored]] : []) : await facts.stored(idsToLookUp(docs));
  return checkPush(docs, { device, reader, stored, now });
}

/** The lowest sequence a batch claims (0 when none does). */
export function firstSeq(docs: unknown[]): number {
  const seqs = docs.map((d) => (d as { seq?: unknown } | null)?.seq).filter((seq): seq is number => typeof seq === 'number');
  return seqs.length ? Math.min(...seqs) : 0;
}

/** The last event of a batch that is written whole (nothing refused or already held), else null. */
export function tailOfBatch(verdicts: Verdict[]): BatchTail | null {
  let last: BatchTail | null = null;
  for (const v of verdicts) {
    if (v.action !== 'send') return null;
    if (!last || v.doc.seq > last.seq) last = { seq: v.doc.seq, id: v.id, stored: { rev: v.doc._rev, hash: v.doc.hash } };
  }
  return last;
}

export function checkRevsDiff(body: unknown, device: string): void {
  const parsed = revsDiffBody.safeParse(body);
  if (!parsed.success) throw new Refusal(400, 'bad_request', '_revs_diff takes {"<event id>": ["<rev>", ...]}');
  const prefix = eventIdRange(device).start;
  const foreign = Object.keys(parsed.data).find((id) => !id.startsWith(prefix));
  if (foreign !== undefined) throw new Refusal(403, 'forbidden', `device ${device} may ask only about its own events (${foreign})`);
}

/**
 * `POST _all_docs` with `keys`: every key one of the caller's own event ids, exactly
 * (`ev:<CODE>:<10 digits>`), for readers too; no other body field (no `startkey`, no `keys`
 * that name a design document, a key or another device's event).
 */
export function checkOwnKeys(body: unknown, device: string): void {
  const parsed = keysBody.safeParse(body);
  if (!parsed.success) throw new Refusal(400, 'bad_request', `_all_docs by id takes {"keys": [1–${MAX_KEYS} event ids]}`);
  const own = new RegExp(`^ev:${device}:\\d{10}$`);
  const foreign = parsed.data.keys.find((id) => !own.test(id));
  if (foreign !== undefined) throw new Refusal(403, 'forbidden', `device ${device} may read only its own events (${foreign})`);
}

/**
 * A status document says how far a verified sync got, never further than what is stored, and
 * carries the device's signed head, which must match the stored event it names.
 */
export async function checkStatus(facts: StoreFacts, body: unknown, device: string, docId: string): Promise<void> {
  const parsed = statusBody.safeParse(body);
  if (!parsed.success || parsed.data._id !== docId || parsed.data.device !== device) {
    throw new Refusal(400, 'bad_request', `a status document is {_id: "device:${device}", type: "device-status", device, confirmedSeq, refused, syncedAt, head}`);
  }
  const highest = await facts.highestSeq(device);
  if (parsed.data.confirmedSeq > highest) throw new Refusal(403, 'forbidden', `the status claims event ${parsed.data.confirmedSeq} but the central store holds up to ${highest}`);
  const { head } = parsed.data;
  const key = await facts.deviceKey(device);
  if (!key || !(await verifyHead(key, device, head))) throw new Refusal(403, 'key_mismatch', `the status is not signed with the key registered for device ${device}`);
  if ((await facts.storedHash(device, head.seq)) !== head.hash) throw new Refusal(403, 'forbidden', `the signed head names event ${head.seq}, which the central store does not hold as signed`);
}

/**
 * First registration wins; the same key again is answered as done, another one refused unless it
 * comes with a replacement statement, which the gateway then checks (keyReplacement.ts) before it
 * retires the registered key. `doc`: the key document to store, without the statement.
 */
export async function checkKeyRegistration(facts: StoreFacts, body: unknown, device: string, docId: string): Promise<
  { kind: 'new'; doc: DeviceKeyDoc } | { kind: 'same' } | { kind: 'replacement'; doc: DeviceKeyDoc; statement: unknown; held: PublicKeyJwk }> {
  const { replacement, ...keyDoc } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const parsed = deviceKeyDoc.safeParse(keyDoc);
  if (!parsed.success || parsed.data._id !== docId || parsed.data.device !== device || parsed.data._rev !== undefined) {
    throw new Refusal(400, 'bad_request', `a key document is {_id: "devicekey:${device}", type: "device-key", device, publicKey (P-256 JWK), registeredAt, and a replacement statement if any}`);
  }
  const held = await facts.deviceKey(device, true);
  if (!held) return { kind: 'new', doc: parsed.data };
  if (sameKey(held, parsed.data.publicKey)) return { kind: 'same' };
  // A replaced tablet opening its gate again: told so, not taken for a second tablet. A retired key
  // never comes back, whatever statement it brings.
  const retired = await facts.retiredKey(device, parsed.data.publicKey);
  if (retired) throw replacedRefusal(device, retired);
  if (replacement !== undefined) return { kind: 'replacement', doc: parsed.data, statement: replacement, held };
  throw new Refusal(409, 'key_mismatch', `Device ${device} already has another key registered: another tablet may be using this code. A replacement tablet restored from the lost one's bundle (with a current backup key file) takes the code over at its gate; otherwise an administrator replaces the key with npm run central -- replace-device-key ${device}.`);
}
