import { eventIdRange } from '../../domain/events/envelope';
import { ALL_CLEAR_ID } from '../../domain/sync/gate';
import { BACKUP_KEY_DOC_ID } from '../../domain/backup/publicKeyText';
import { DEVICE_KEY_ID } from '../../domain/sync/signedHead';
import type { Caller } from './caller';

/** What the gateway does with an allowed request after the route's own checks. */
export type Handling = 'forward' | 'welcome' | 'bulkDocs' | 'revsDiff' | 'ownKeys' | 'statusWrite' | 'keyRegister';
export type Who = 'anyone' | 'device' | 'reader';

export interface Route {
  name: string;
  method: 'GET' | 'HEAD' | 'PUT' | 'POST';
  /** The path below `/central/` as decoded segments; `db` is the one database the app uses. */
  match: (segments: readonly string[], db: string) => boolean;
  who: Who;
  /** The query parameters this route takes; any other is refused. */
  query: readonly string[];
  /** A refusal reason when the path or query reaches beyond the caller's own device. */
  own?: (caller: Extract<Caller, { kind: 'device' }>, segments: readonly string[], query: URLSearchParams) => string | null;
  handling: Handling;
}

const STATUS_ID = /^device:([A-Z0-9]{2,3})$/;
const EVENT_ID = /^ev:([A-Z0-9]{2,3}):\d{10}$/;
// PouchDB names a replication checkpoint after a base64 digest of both ends (`/` and `+` replaced).
const CHECKPOINT_ID = /^[A-Za-z0-9][A-Za-z0-9._=-]{7,100}$/;
const RANGE_PARAMS = ['startkey', 'endkey', 'descending', 'limit', 'include_docs', 'conflicts', 'inclusive_end'];
// No `filter`, `view` or `doc_ids`: nothing that makes the store run code or read a design document.
const CHANGES_PARAMS = ['style', 'since', 'limit', 'feed', 'heartbeat', 'timeout', 'seq_interval', 'include_docs', 'conflicts'];

const is = (...expected: string[]) => (segments: readonly string[], db: string) =>
  segments.length === expected.length && expected.every((e, i) => segments[i] === (e === '{db}' ? db : e));

function ownStatus(caller: Extract<Caller, { kind: 'device' }>, segments: readonly string[]) {
  const code = STATUS_ID.exec(segments[1] ?? '')?.[1];
  return code === caller.device || caller.reader ? null : `device ${caller.device} may not use the status of device ${code}`;
}

function jsonString(query: URLSearchParams, name: string): string | null {
  try {
    const value: unknown = JSON.parse(query.get(name) ?? 'null');
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** A range read must start and end inside the caller's own event ids, e.g. `ev:K7:`…`ev:K7:\ufff0`. */
function ownRange(caller: Extract<Caller, { kind: 'device' }>, _segments: readonly string[], query: URLSearchParams) {
  if (caller.reader) return null;
  const { start, end } = eventIdRange(caller.device);
  const inside = (key: string | null) => key !== null && key >= start && key <= end;
  return inside(jsonString(query, 'startkey')) && inside(jsonString(query, 'endkey'))
    ? null : `device ${caller.device} may read only its own events (startkey and endkey within ${start})`;
}

/**
 * Every call the app makes to the central store, and nothing else: the gateway's allowlist.
 * Devices push (their own events, their own status); the administrator's device (reader) also
 * pulls with PouchDB's replication. Anything not matched here never reaches the store.
 */
export const ROUTES: readonly Route[] = [
  { name: 'welcome', method: 'GET', match: is(), who: 'anyone', query: [], handling: 'welcome' },
  { name: 'session', method: 'GET', match: is('_session'), who: 'anyone', query: [], handling: 'forward' },
  { name: 'database info', method: 'GET', match: is('{db}'), who: 'device', query: [], handling: 'forward' },
  { name: 'all-clear', method: 'GET', match: is('{db}', ALL_CLEAR_ID), who: 'device', query: [], handling: 'forward' },
  // The hospital's backup public key, which a tablet seals its backup bundles to (never the private half).
  { name: 'backup key', method: 'GET', match: is('{db}', BACKUP_KEY_DOC_ID), who: 'device', query: [], handling: 'forward' },
  {
    name: 'device status (read)', method: 'GET', who: 'device', query: [], handling: 'forward',
    match: (s, db) => s.length === 2 && s[0] === db && STATUS_ID.test(s[1]!), own: ownStatus,
  },
  {
    name: 'device status (write)', method: 'PUT', who: 'device', query: [], handling: 'statusWrite',
    match: (s, db) => s.length === 2 && s[0] === db && STATUS_ID.test(s[1]!),
    own: (caller, segments) => (STATUS_ID.exec(segments[1]!)?.[1] === caller.device ? null : `device ${caller.device} may write only its own status`),
  },
  {
    name: 'device key (register)', method: 'PUT', who: 'device', query: [], handling: 'keyRegister',
    match: (s, db) => s.length === 2 && s[0] === db && DEVICE_KEY_ID.test(s[1]!),
    own: (caller, segments) => (DEVICE_KEY_ID.exec(segments[1]!)?.[1] === caller.device ? null : `device ${caller.device} may register only its own key`),
  },
  { name: 'own events (range)', method: 'GET', match: is('{db}', '_all_docs'), who: 'device', query: RANGE_PARAMS, own: ownRange, handling: 'forward' },
  // The resync's conflict check on a sample of older events; the body is checked by checkOwnKeys.
  { name: 'own events (keys)', method: 'POST', match: is('{db}', '_all_docs'), who: 'device', query: ['include_docs', 'conflicts'], handling: 'ownKeys' },
  { name: 'revs diff', method: 'POST', match: is('{db}', '_revs_diff'), who: 'device', query: [], handling: 'revsDiff' },
  { name: 'bulk docs', method: 'POST', match: is('{db}', '_bulk_docs'), who: 'device', query: [], handling: 'bulkDocs' },
  // What PouchDB's replication reads from a source: the administrator's device only.
  { name: 'changes', method: 'GET', match: is('{db}', '_changes'), who: 'reader', query: CHANGES_PARAMS, handling: 'forward' },
  { name: 'bulk get', method: 'POST', match: is('{db}', '_bulk_get'), who: 'reader', query: ['revs', 'attachments', 'latest'], handling: 'forward' },
  {
    name: 'replication checkpoint', method: 'GET', who: 'reader', query: [], handling: 'forward',
    match: (s, db) => s.length === 3 && s[0] === db && s[1] === '_local' && CHECKPOINT_ID.test(s[2]!),
  },
  {
    name: 'replication checkpoint (write)', method: 'PUT', who: 'reader', query: [], handling: 'forward',
    match: (s, db) => s.length === 3 && s[0] === db && s[1] === '_local' && CHECKPOINT_ID.test(s[2]!),
  },
  // One event by id: PouchDB's replication (reader, any device), and the resync's final check of
  // a device's own events, read from every copy of a cluster with `r` (CouchDB's read quorum).
  {
    name: 'document', method: 'GET', who: 'device', query: ['revs', 'open_revs', 'latest', 'conflicts', 'attachments', 'rev', 'r'], handling: 'forward',
    match: (s, db) => s.length === 2 && s[0] === db && EVENT_ID.test(s[1]!),
    own: (caller, segments) => (caller.reader || EVENT_ID.exec(segments[1]!)?.[1] === caller.device ? null : `device ${caller.device} may read only its own events`),
  },
];

export type RouteDecision =
  | { ok: true; route: Route }
  | { ok: false; status: 400 | 401 | 403 | 404; reason: string };

/** Which route a request takes, and whether this caller may take it. Pure: the table is the rule. */
export function decide(method: string, segments: readonly string[], query: URLSearchParams, caller: Caller, db: string): RouteDecision {
  const m = method === 'HEAD' ? 'GET' : method;
  const route = ROUTES.find((r) => r.method === m && r.match(segments, db));
  if (!route) return { ok: false, status: 404, reason: 'no such route on the central gateway' };
  const names = [...query.keys()];
  // A server may take the last of a repeated parameter where we checked the first.
  if (new Set(names).size !== names.length) return { ok: false, status: 400, reason: 'a query parameter is given twice' };
  const unknown = names.find((k) => !route.query.includes(k));
  if (unknown !== undefined) return { ok: false, status: 400, reason: `query parameter "${unknown}" is not taken by ${route.name}` };
  if (route.who === 'anyone') return { ok: true, route };
  if (caller.kind === 'anonymous') return { ok: false, status: 401, reason: 'log in with the device account' };
  if (caller.kind === 'refused') return { ok: false, status: 403, reason: caller.reason };
  if (route.who === 'reader' && !caller.reader) return { ok: false, status: 403, reason: `${route.name} is for the administrator's device (reader) only` };
  const problem = route.own?.(caller, segments, query) ?? null;
  return problem ? { ok: false, status: 403, reason: problem } : { ok: true, route };
}
