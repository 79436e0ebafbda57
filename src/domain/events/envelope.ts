import * as z from 'zod/mini';
import { canonicalJson, canonicalOrder } from '../canonicalJson';
import { DEVICE_CODE } from '../device';
import { ValidationError } from '../errors';
import { GENESIS_PREV, HASH_PATTERN, sha256Hex } from '../hash';
import { parseWith, toIssues } from '../validation';
import { isEventType, schemaOf, type EventData, type EventType } from './catalog';

export const SEQ_DIGITS = 10;
export const MAX_SEQ = 10 ** SEQ_DIGITS - 1;

/** One immutable entry of a device's log (DESIGN.md §1). */
export interface EventDoc<T extends EventType = EventType> {
  _id: string;
  _rev?: string;
  type: T;
  device: string;
  seq: number;
  at: string;
  by: string;
  prev: string;
  hash: string;
  data: EventData<T>;
}

export type AnyEvent = { [T in EventType]: EventDoc<T> }[EventType];

export const eventId = (device: string, seq: number) =>
  `ev:${device}:${String(seq).padStart(SEQ_DIGITS, '0')}`;

/** The first and last possible ids of a device's events, for range reads. */
export const eventIdRange = (device: string) => ({ start: `ev:${device}:`, end: `ev:${device}:\ufff0` });

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The fields the hash covers: everything but the hash itself and storage metadata (_rev...). */
function hashedPart(doc: Omit<EventDoc, 'hash' | '_rev'>) {
  const { _id, type, device, seq, at, by, prev, data } = doc;
  // In canonical key order: canonicalJson then only checks it (see buildEvent's data).
  return { _id, at, by, data, device, prev, seq, type };
}

export const computeHash = (doc: Omit<EventDoc, 'hash' | '_rev'>) => sha256Hex(canonicalJson(hashedPart(doc)));

const by = z.string().check(z.minLength(1, 'required'), z.maxLength(80, 'tooLong'));
const isoTime = z.iso.datetime({ error: 'timestamp' });

/** Validate an event's data by its type and throw a ValidationError naming every problem. */
export function validateData<T extends EventType>(type: T, data: unknown): EventData<T> {
  if (!isEventType(type)) throw new ValidationError([{ path: 'type', code: 'unknownEventType' }], type, 'event');
  return parseWith(schemaOf(type), data, `${type} event`) as EventData<T>;
}

/**
 * Build the next event of a device's chain. Pure: the caller supplies the head, clock and author.
 * Throws ValidationError for an unknown type or bad data; nothing is built half-way.
 */
export function buildEvent<T extends EventType>(args: {
  type: T;
  data: unknown;
  device: string;
  head: ChainHead | null;
  at: string;
  by: string;
}): EventDoc<T> {
  // Stored in canonical key order, as it is hashed: every later check of its hash (the projector,
  // the gateway, verify) then writes the canonical text without sorting anything.
  const data = canonicalOrder(validateData(args.type, args.data));
  if (!DEVICE_CODE.test(args.device)) throw new ValidationError([{ path: 'device', code: 'deviceCode' }], args.device, 'event');
  parseWith(by, args.by, 'event author');
  parseWith(isoTime, args.at, 'event time');
  const seq = (args.head?.seq ?? 0) + 1;
  if (seq > MAX_SEQ) throw new ValidationError([{ path: 'seq', code: 'logFull' }], seq, 'event');
  const body = {
    _id: eventId(args.device, seq),
    type: args.type,
    device: args.device,
    seq,
    at: args.at,
    by: args.by,
    prev: args.head?.hash ?? GENESIS_PREV,
    data,
  };
  return { ...body, hash: computeHash(body) };
}

const envelope = z.strictObject({
  _id: z.string().check(z.regex(/^ev:[A-Z0-9]{2,3}:\d{10}$/, 'eventId')),
  _rev: z.optional(z.string()),
  type: z.string(),
  device: z.string().check(z.regex(DEVICE_CODE, 'deviceCode')),
  seq: z.number().check(z.int(), z.gte(1), z.lte(MAX_SEQ)),
  at: isoTime,
  by,
  prev: z.string().check(z.regex(HASH_PATTERN, 'hashFormat')),
  hash: z.string().check(z.regex(HASH_PATTERN, 'hashFormat')),
  data: z.unknown(),
});

/**
 * Check a document that came from storage or the central store: envelope, data schema, id that
 * matches device and sequence, and a hash that matches the content. Returns the typed event or
 * throws a ValidationError whose value is the document.
 */
const OWN_VERSIONS: ReadonlySet<string> = new Set(['catalogue.updated', 'analytes.updated']);

export function parseEvent(doc: unknown): AnyEvent {
  // PouchDB adds these on reads with options; they are storage metadata, not event content.
  const { _revisions: _r, _conflicts: _c, ...rest } = (doc ?? {}) as Record<string, unknown>;
  const env = envelope.safeParse(rest);
  if (!env.success) throw new ValidationError(toIssues(env.error), doc, 'event document');
  const e = env.data;
  if (!isEventType(e.type)) throw new ValidationError([{ path: 'type', code: 'unknownEventType' }], doc, 'event document');
  if (e._id !== eventId(e.device, e.seq)) throw new ValidationError([{ path: '_id', code: 'eventIdMismatch' }], doc, 'event document');
  const dataResult = schemaOf(e.type).safeParse(e.data);
  if (!dataResult.success) {
    throw new ValidationError(toIssues(dataResult.error).map((i) => ({ ...i, path: `data.${i.path}`.replace(/\.$/, '') })), doc, 'event document');
  }
  // A version is named after the device that published it: another's name would make two
  // devices hold different content under one version, and a report print the wrong ranges.
  if (OWN_VERSIONS.has(e.type) && !String((dataResult.data as { version?: unknown }).version).startsWith(`${e.device}-`)) {
    throw new ValidationError([{ path: 'data.version', code: 'notThisDevicesVersion' }], doc, 'event document');
  }
  // The hash covers the data exactly as stored, so nothing is normalised before checking it.
  const event = e as AnyEvent;
  if (computeHash(event) !== e.hash) throw new ValidationError([{ path: 'hash', code: 'hashMismatch' }], doc, 'event document');
  return event;
}
