import type { ReplacementStatement } from '../domain/backup/replacement';
import { deviceKeyId, headerOf, sameKey, SIGNED_HEAD_HEADER, type PublicKeyJwk, type SignedHead } from '../domain/sync/signedHead';
import { eventId } from '../domain/events/envelope';
import { SyncError } from './syncError';

/** Events per page when the confirmed range is read back for conflicts. */
export const CONFLICT_PAGE = 2000;
/** Ids per `POST _all_docs` when chosen events are read back for conflicts (the gateway's cap). */
export const CONFLICT_KEYS = 1000;

interface ConflictRow { id: string; doc?: { _conflicts?: unknown } | null }

/** The sequences of the rows whose document has another live revision. */
function conflicted(rows: readonly ConflictRow[]): number[] {
  return rows.filter((r) => Array.isArray(r.doc?._conflicts) && r.doc._conflicts.length > 0).map((r) => Number(r.id.split(':')[2]));
}

export interface CentralTarget {
  /** Database URL, e.g. `/central/downtime` (same origin) or `https://couch.example:6984/downtime`. */
  dbUrl: string;
  username: string;
  password: string;
}

/** Doc reads at once when the final check reads every copy (one request per document). */
export const QUORUM_READS_AT_ONCE = 8;

export interface BulkAnswer {
  /** The refusals, one per document (with new_edits:false the answer lists only failures). */
  results: BulkResult[];
  /**
   * False when the store answered 202: a CouchDB cluster accepted the write but stored fewer
   * copies than its write quorum (w), so it is not durable yet.
   */
  durable: boolean;
}

export interface BulkResult {
  id: string;
  ok?: boolean;
  error?: string;
  reason?: string;
}

/**
 * The few CouchDB 3 HTTP endpoints a device needs, as documented for Apache CouchDB: database
 * info, `_session`, documents, `_revs_diff` and `_bulk_docs` with `new_edits: false` — the two
 * calls the replication protocol itself is made of.
 */
/**
 * A Blob, not a string: Chromium sent a megabyte batch given as a string at a fraction of the
 * speed, with several times the CPU on the tablet and on the server (push benchmark). A Blob
 * without `stream` (a test DOM's) is not one `fetch` can send: the text goes as it is.
 */
function jsonBody(json: string): Blob | string {
  return typeof Blob === 'function' && typeof Blob.prototype.stream === 'function' ? new Blob([json], { type: 'application/json' }) : json;
}

export class CentralClient {
  private readonly base: URL;
  private readonly auth: string;

  constructor(readonly target: CentralTarget, private readonly timeoutMs = 60_000) {
    const origin = typeof location !== 'undefined' ? location.href : 'http://127.0.0.1/';
    let url: URL;
    try {
      url = new URL(target.dbUrl, origin);
    } catch {
      throw new SyncError('badUrl', { url: target.dbUrl });
    }
    if (!/^https?:$/.test(url.protocol)) throw new SyncError('badUrl', { url: target.dbUrl });
    this.base = new URL(url.href.endsWith('/') ? url.href : `${url.href}/`);
    this.auth = `Basic ${btoa(unescape(encodeURIComponent(`${target.username}:${target.password}`)))}`;
  }

  get serverUrl(): URL {
    return new URL('../', this.base);
  }

  async request(path: string, init: { method?: string; body?: unknown; server?: boolean; headers?: Record<string, string> } = {}): Promise<{ status: number; body: unknown }> {
    const url = new URL(path, init.server ? this.serverUrl : this.base);
    let res: Response;
    try {
      res = await fetch(url, {
        method: init.method ?? 'GET',
        headers: { accept: 'application/json', authorization: this.auth, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        body: init.body === undefined ? undefined : jsonBody(JSON.stringify(init.body)),
        signal: AbortSignal.timeout(this.timeoutMs),
        credentials: 'omit',
      });
    } catch {
      throw new SyncError('unreachable', { url: this.base.href });
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (res.status === 401) throw new SyncError('unauthorized', { user: this.target.username });
    if (res.status === 413) throw new SyncError('tooLarge');
    // The gateway turns an address away for a while after many wrong passwords.
    if (res.status === 429) throw new SyncError('tooManyAttempts', { count: Math.max(1, Math.ceil(Number(res.headers.get('retry-after') ?? 300) / 60)) });
    if (res.status >= 500) throw new SyncError('serverError', { status: res.status });
    return { status: res.status, body };
  }

  /** Is this a CouchDB-compatible server, do the credentials work, and does the database exist? */
  async check(): Promise<void> {
    const welcome = await this.request('', { server: true });
    const w = welcome.body as Record<string, unknown> | null;
    if (!w || typeof w !== 'object' || !('couchdb' in w || 'express-pouchdb' in w)) throw new SyncError('notCouch', { url: this.serverUrl.href });
    const session = await this.request('_session', { server: true });
    const ctx = (session.body as { userCtx?: { name?: string | null } } | null)?.userCtx;
    if (!ctx?.name) throw new SyncError('unauthorized', { user: this.target.username });
    const db = await this.request('');
    if (db.status === 404) throw new SyncError('noDatabase', { url: this.base.href });
    if (db.status === 403) throw new SyncError('notMember', { user: this.target.username });
    if (db.status !== 200) throw new SyncError('serverError', { status: db.status });
  }

  async getDoc(id: string): Promise<unknown | null> {
    const res = await this.request(encodeURIComponent(id));
    if (res.status === 404) return null;
    if (res.status !== 200) throw new SyncError('serverError', { status: res.status });
    return res.body;
  }

  async putDoc(doc: { _id: string; [k: string]: unknown }): Promise<void> {
    const current = (await this.getDoc(doc._id)) as { _rev?: string } | null;
    const res = await this.request(encodeURIComponent(doc._id), { method: 'PUT', body: current?._rev ? { ...doc, _rev: current._rev } : doc });
    if (res.status === 403) throw new SyncError('forbidden', { reason: String((res.body as { reason?: unknown } | null)?.reason ?? '') });
    if (res.status !== 201 && res.status !== 202) throw new SyncError('serverError', { status: res.status });
  }

  /** The highest sequence of this device's events the server holds (0 when none). */
  async highestSeq(device: string): Promise<number> {
    const key = (s: string) => encodeURIComponent(JSON.stringify(s));
    const res = await this.request(`_all_docs?descending=true&limit=1&startkey=${key(`ev:${device}:\ufff0`)}&endkey=${key(`ev:${device}:`)}`);
    if (res.status !== 200) throw new SyncError('serverError', { status: res.status });
    const id = (res.body as { rows?: Array<{ id: string }> } | null)?.rows?.[0]?.id;
    return id ? Number(id.split(':')[2]) : 0;
  }

  /**
   * The sequences from `from` to `upTo` of this device's events that the store holds with a
   * conflicting revision: one ranged `_all_docs?include_docs=true&conflicts=true` read per page
   * (CouchDB documents `conflicts` for `_all_docs` and views, honoured with `include_docs`; the
   * winner is returned with `_conflicts` listing the other live revisions). Only a store admin
   * writing past the gateway can make one: the gateway never forwards a second version of a
   * stored event.
   */
  async conflictedSeqs(device: string, from: number, upTo: number, pageSize = CONFLICT_PAGE): Promise<number[]> {
    const key = (s: string) => encodeURIComponent(JSON.stringify(s));
    const found: number[] = [];
    for (let start = Math.max(1, from); start <= upTo;) {
      const res = await this.request(`_all_docs?include_docs=true&conflicts=true&limit=${pageSize}&startkey=${key(eventId(device, start))}&endkey=${key(eventId(device, upTo))}`);
      const rows = this.conflictRows(res);
      found.push(...conflicted(rows));
      if (rows.length < pageSize) break;
      start = Number(rows[rows.length - 1]!.id.split(':')[2]) + 1;
    }
    return found;
  }

  /**
   * The same question for chosen events (a sample of older ones), by id: `POST _all_docs` with
   * `keys`, which CouchDB takes with the same query parameters as the ranged read.
   */
  async conflictedAmong(device: string, seqs: readonly number[]): Promise<number[]> {
    const found: number[] = [];
    for (let i = 0; i < seqs.length; i += CONFLICT_KEYS) {
      const keys = seqs.slice(i, i + CONFLICT_KEYS).map((seq) => eventId(device, seq));
      found.push(...conflicted(this.conflictRows(await this.request('_all_docs?include_docs=true&conflicts=true', { method: 'POST', body: { keys } }))));
    }
    return found;
  }

  private conflictRows(res: { status: number; body: unknown }): ConflictRow[] {
    if (res.status === 403) throw new SyncError('forbidden', { reason: String((res.body as { reason?: unknown } | null)?.reason ?? '') });
    if (res.status !== 200) throw new SyncError('serverError', { status: res.status });
    return (res.body as { rows?: ConflictRow[] } | null)?.rows ?? [];
  }

  /**
   * How many copies of each document the store keeps: `cluster.n` of the database information
   * (CouchDB 3); null for a store that answers without it (the embedded store: one copy).
   */
  async copies(): Promise<number | null> {
    const res = await this.request('');
    if (res.status !== 200) throw new SyncError('serverError', { status: res.status });
    const n = (res.body as { cluster?: { n?: unknown } } | null)?.cluster?.n;
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 16 ? n : null;
  }

  /**
   * Which of these revisions a read of every copy does not find: one `GET` per document with
   * `r` = the number of copies, so the answer waits for all of them instead of the first that
   * agree (CouchDB documents `r` as how many copies must be read before it answers).
   */
  async notHeldByEveryCopy(revs: ReadonlyMap<string, string>, r: number): Promise<Set<string>> {
    const ids = [...revs.keys()];
    const missing = new Set<string>();
    const readOne = async (id: string) => {
      const res = await this.request(`${encodeURIComponent(id)}?r=${r}`);
      if (res.status === 404) missing.add(id);
      else if (res.status !== 200) throw new SyncError('serverError', { status: res.status });
      else if ((res.body as { _rev?: unknown } | null)?._rev !== revs.get(id)) missing.add(id);
    };
    for (let i = 0; i < ids.length; i += QUORUM_READS_AT_ONCE) await Promise.all(ids.slice(i, i + QUORUM_READS_AT_ONCE).map(readOne));
    return missing;
  }

  /** Which of these revisions the server does not hold (the replication protocol's own check). */
  async revsDiff(revs: Record<string, string[]>): Promise<Set<string>> {
    const res = await this.request('_revs_diff', { method: 'POST', body: revs });
    if (res.status !== 200 || !res.body || typeof res.body !== 'object') throw new SyncError('serverError', { status: res.status });
    return new Set(Object.keys(res.body as object));
  }

  /**
   * Register this device's public key, once: the first registration wins. The same key again is
   * fine; another one means a second tablet is using this device code, unless this tablet is the
   * lost one's replacement and presents the statement its restore signed (the gateway then retires
   * the old key).
   */
  async registerKey(device: string, publicKey: PublicKeyJwk, registeredAt: string, replacement: ReplacementStatement | null = null): Promise<void> {
    const id = deviceKeyId(device);
    const res = await this.request(encodeURIComponent(id), {
      method: 'PUT', body: { _id: id, type: 'device-key', device, publicKey, registeredAt, ...(replacement ? { replacement } : {}) },
    });
    if (res.status === 200 || res.status === 201 || res.status === 202) return;
    const error = (res.body as { error?: unknown } | null)?.error;
    if (res.status === 409 && error === 'key_mismatch') throw new SyncError('keyMismatch', { device });
    if (res.status === 403 && error === 'key_replaced') throw new SyncError('keyReplaced', { reason: String((res.body as { reason?: unknown }).reason ?? '') });
    if (res.status === 403 && error === 'replacement_refused') {
      throw new SyncError('replacementRefused', { device, reason: String((res.body as { reason?: unknown }).reason ?? '') });
    }
    if (res.status === 409 || res.status === 403) {
      // Already registered (a store without the gateway answers 409 or its design document's 403):
      // fine if it is this device's own key.
      const held = (await this.getDoc(id).catch(() => null)) as { publicKey?: PublicKeyJwk } | null;
      if (held?.publicKey) {
        if (sameKey(held.publicKey, publicKey)) return;
        throw new SyncError('keyMismatch', { device });
      }
      if (res.status === 403) throw new SyncError('forbidden', { reason: String((res.body as { reason?: unknown } | null)?.reason ?? '') });
    }
    throw new SyncError('serverError', { status: res.status });
  }

  /**
   * Store documents with the revisions they already have; the answer lists refusals per document.
   * `head` is the batch's last event signed by this device, which the gateway checks against the
   * device's registered key.
   */
  async bulkDocs(docs: unknown[], head?: SignedHead): Promise<BulkAnswer> {
    const res = await this.request('_bulk_docs', { method: 'POST', body: { docs, new_edits: false }, headers: head ? { [SIGNED_HEAD_HEADER]: headerOf(head) } : {} });
    if (res.status === 403) {
      const body = res.body as { error?: unknown; reason?: unknown } | null;
      // The gateway refuses a whole push, before looking at any event, while there is no all-clear
      // or when the push is not signed with this device code's registered key.
      if (body?.error === 'no_all_clear') throw new SyncError('noAllClear');
      // A key retired by a replacement: this tablet was replaced, and the reason says when and by whom.
      if (body?.error === 'key_replaced') throw new SyncError('keyReplaced', { reason: String(body.reason ?? '') });
      if (body?.error === 'key_mismatch') throw new SyncError('keyMismatch', { device: deviceOf(docs) });
      if (body?.error === 'no_device_key') throw new SyncError('noDeviceKey', {});
      // Some servers refuse the whole request when validation refuses a document in it.
      throw new SyncError('forbidden', { reason: String(body?.reason ?? '') });
    }
    // CouchDB documents 417 when a validation function refused some documents: the body still
    // lists them one by one, like a 201 does. A cluster answers 202 when fewer copies than its
    // write quorum stored the documents: listed the same way, but not durable.
    if (res.status !== 201 && res.status !== 200 && res.status !== 202 && res.status !== 417) throw new SyncError('serverError', { status: res.status });
    return { results: Array.isArray(res.body) ? (res.body as BulkResult[]) : [], durable: res.status !== 202 };
  }
}

/** The device code of a push's events, for a refusal's message (they are all one device's). */
function deviceOf(docs: unknown[]): string {
  const device = (docs[0] as { device?: unknown } | undefined)?.device;
  return typeof device === 'string' ? device : '';
}
