import { ValidationError } from '../errors';
import { GENESIS_PREV } from '../hash';
import { eventId, parseEvent, type AnyEvent } from '../events/envelope';
import { RECONCILE_TYPES } from '../reconcile/events';

/** How far ahead of the server's clock an event's time may be: tablets drift, they do not time-travel. */
export const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;
/** No single event document is this large; the biggest real ones are a few kilobytes. */
export const MAX_EVENT_BYTES = 32 * 1024;
const REV = /^1-[0-9a-f]{32}$/;

export interface StoredEvent {
  rev: string;
  hash: string;
}

export interface PushContext {
  /** The pushing account's device code. */
  device: string;
  /** The pushing account is the administrator's device (`reader`): only it reconciles with the HIS. */
  reader?: boolean;
  /** What the store already holds of this batch's ids and of the event before the batch. */
  stored: ReadonlyMap<string, StoredEvent>;
  now: Date;
}

export type Verdict =
  | { id: string; action: 'send'; doc: AnyEvent & { _rev: string; _revisions: { start: 1; ids: [string] } } }
  | { id: string; action: 'held' }
  | { id: string; action: 'refuse'; reason: string };

/** The ids whose stored revision and hash the check needs: the batch's and the one before it. */
export function idsToLookUp(docs: readonly unknown[]): string[] {
  const ids = new Set<string>();
  for (const doc of docs) {
    const { _id: id, device, seq } = (doc ?? {}) as { _id?: unknown; device?: unknown; seq?: unknown };
    if (typeof id === 'string' && id.length < 40) ids.add(id);
    if (typeof device === 'string' && typeof seq === 'number' && Number.isInteger(seq) && seq > 1 && device.length < 4) ids.add(eventId(device, seq - 1));
  }
  return [...ids];
}

function parse(doc: unknown, ctx: PushContext): { event: AnyEvent & { _rev: string }; rev: string } | string {
  if (JSON.stringify(doc).length > MAX_EVENT_BYTES) return `larger than ${MAX_EVENT_BYTES} bytes`;
  const { _rev: rev, _revisions: revisions, ...content } = (doc ?? {}) as Record<string, unknown>;
  if (typeof rev !== 'string' || !REV.test(rev)) return 'needs the revision it was stored with on the device (1-<32 hex>)';
  const r = revisions as { start?: unknown; ids?: unknown } | undefined;
  if (r !== undefined && (r.start !== 1 || !Array.isArray(r.ids) || r.ids.length !== 1 || r.ids[0] !== rev.slice(2))) {
    return '_revisions does not match _rev';
  }
  let event: AnyEvent;
  try {
    event = parseEvent(content);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return err.issues.some((i) => i.code === 'hashMismatch') ? 'its hash does not match its content'
      : `not a valid event (${err.issues.slice(0, 3).map((i) => `${i.path || 'document'}: ${i.code}`).join('; ')})`;
  }
  if (event.device !== ctx.device) return `belongs to device ${event.device}, not to this account's device ${ctx.device}`;
  if (RECONCILE_TYPES.has(event.type) && !ctx.reader) return `${event.type} is made on the administrator's device (reader) only`;
  if (Date.parse(event.at) > ctx.now.getTime() + MAX_CLOCK_SKEW_MS) return `its time ${event.at} is later than the server's clock allows`;
  return { event: { ...event, _rev: rev }, rev };
}

/**
 * The central store's half of "append-only, one chain per device", checked before anything is
 * written: each event parses and hashes to its own content, belongs to the pushing device, comes
 * right after the event before it (stored, or earlier in the same batch) and links to that
 * event's hash. An id already stored is never written again: the same revision is "held",
 * another one (a second tablet with the same code, a rewritten event) is refused. Once the chain
 * breaks, everything after it in the batch is refused too, so no sequence can jump ahead.
 */
export function checkPush(docs: readonly unknown[], ctx: PushContext): Verdict[] {
  const parsed = docs.map((doc) => ({ doc, result: parse(doc, ctx) }));
  const verdicts: Verdict[] = [];
  const good: Array<{ event: AnyEvent & { _rev: string }; rev: string }> = [];
  for (const { doc, result } of parsed) {
    if (typeof result === 'string') verdicts.push({ id: idOf(doc), action: 'refuse', reason: result });
    else good.push(result);
  }
  good.sort((a, b) => a.event.seq - b.event.seq);
  let tail: { seq: number; hash: string } | null = null;
  const seen = new Set<string>();
  for (const { event, rev } of good) {
    const id = event._id;
    if (seen.has(id)) {
      verdicts.push({ id, action: 'refuse', reason: 'sent twice in one batch' });
      continue;
    }
    seen.add(id);
    if (tail === null || tail.seq !== event.seq - 1) tail = storedTail(event, ctx);
    const held = ctx.stored.get(id);
    if (held) {
      if (held.rev !== rev) verdicts.push({ id, action: 'refuse', reason: `the central store already holds another version of event ${event.seq}: two tablets may be using device code ${ctx.device}` });
      else verdicts.push({ id, action: 'held' });
      tail = { seq: event.seq, hash: held.hash };
      continue;
    }
    if (tail === null) {
      verdicts.push({ id, action: 'refuse', reason: `event ${event.seq - 1} of device ${ctx.device} is not on the central store` });
      continue;
    }
    if (event.prev !== tail.hash) {
      verdicts.push({ id, action: 'refuse', reason: `prev does not match the hash of event ${tail.seq}` });
      tail = null;
      continue;
    }
    verdicts.push({ id, action: 'send', doc: { ...event, _rev: rev, _revisions: { start: 1, ids: [rev.slice(2)] } } });
    tail = { seq: event.seq, hash: event.hash };
  }
  return verdicts;
}

function storedTail(event: AnyEvent, ctx: PushContext): { seq: number; hash: string } | null {
  if (event.seq === 1) return { seq: 0, hash: GENESIS_PREV };
  const before = ctx.stored.get(eventId(event.device, event.seq - 1));
  return before ? { seq: event.seq - 1, hash: before.hash } : null;
}

function idOf(doc: unknown): string {
  const id = (doc as { _id?: unknown } | null)?._id;
  return typeof id === 'string' ? id.slice(0, 40) : '(no id)';
}
