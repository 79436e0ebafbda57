import { GENESIS_PREV } from '../hash';
import { ValidationError } from '../errors';
import { eventId, parseEvent, type AnyEvent } from './envelope';

export type BreakKind = 'changed' | 'missing' | 'reordered' | 'forked' | 'malformed'
  // Against the head the device signed (src/domain/events/signedHeadCheck.ts):
  | 'truncated' | 'rewritten' | 'unvouched' | 'unsigned' | 'vanished';

export interface ChainBreak {
  kind: BreakKind;
  /** The sequence number where the chain first stops being trustworthy. */
  seq: number;
  id: string;
  detail: string;
}

export type ChainReport =
  | { device: string; ok: true; count: number; head: { seq: number; hash: string } | null }
  | { device: string; ok: false; count: number; break: ChainBreak };

/**
 * Walk one device's events (in the order of their ids, i.e. by sequence) and report the first
 * broken link. Accepts raw documents: a document that does not parse or whose hash does not match
 * its content is "changed" (or "malformed" when it is not an event at all).
 */
export function verifyChain(device: string, docs: Iterable<unknown>): ChainReport {
  const hashesSeen = new Map<string, number>();
  let previous: AnyEvent | null = null;
  let count = 0;
  const broken = (kind: BreakKind, seq: number, id: string, detail: string): ChainReport =>
    ({ device, ok: false, count, break: { kind, seq, id, detail } });

  for (const doc of docs) {
    const raw = (doc ?? {}) as Record<string, unknown>;
    const rawId = typeof raw._id === 'string' ? raw._id : '?';
    const rawSeq = typeof raw.seq === 'number' ? raw.seq : (previous?.seq ?? 0) + 1;
    let event: AnyEvent;
    try {
      event = parseEvent(doc);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const hashOnly = err.issues.every((i) => i.path === 'hash' && i.code === 'hashMismatch');
      return broken(hashOnly ? 'changed' : 'malformed', rawSeq, rawId,
        hashOnly ? 'content does not match its hash' : err.message);
    }
    if (event.device !== device) return broken('malformed', event.seq, event._id, `belongs to device ${event.device}`);
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (previous && event.seq === previous.seq) {
      return broken('forked', event.seq, event._id, `two events with sequence ${event.seq}`);
    }
    if (event.seq > expectedSeq) {
      return broken('missing', expectedSeq, eventId(device, expectedSeq),
        event.seq - 1 > expectedSeq ? `events ${expectedSeq}–${event.seq - 1} are missing` : `event ${expectedSeq} is missing`);
    }
    if (event.seq < expectedSeq) {
      return broken('reordered', event.seq, event._id, `sequence ${event.seq} after ${previous?.seq}`);
    }
    const expectedPrev = previous?.hash ?? GENESIS_PREV;
    if (event.prev !== expectedPrev) {
      const pointsTo = hashesSeen.get(event.prev);
      if (pointsTo !== undefined) {
        return broken('reordered', event.seq, event._id, `links to event ${pointsTo} instead of ${expectedSeq - 1}`);
      }
      // The previous event was rewritten with a fresh hash: its successor no longer points at it.
      return broken('changed', Math.max(1, event.seq - 1), previous?._id ?? event._id,
        event.seq === 1 ? 'first event does not start the chain' : `event ${event.seq - 1} was changed after ${event.seq} was written`);
    }
    hashesSeen.set(event.hash, event.seq);
    previous = event;
    count += 1;
  }
  return { device, ok: true, count, head: previous ? { seq: previous.seq, hash: previous.hash } : null };
}

/** A device's line in `npm run central -- verify`. */
export function reportLine(r: ChainReport): string {
  return r.ok
    ? `${r.device}: OK, ${r.count} ${r.count === 1 ? 'event' : 'events'}`
    : `${r.device}: BROKEN at event ${r.break.seq} (${r.break.id}): ${r.break.kind}, ${r.break.detail}`;
}
