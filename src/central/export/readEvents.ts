// The central side parses every department's events: all their code, in use from the start.
import '../../domain/events/everyFamily';
import { parseEvent, type AnyEvent } from '../../domain/events/envelope';
import { SEQ_DIGITS } from '../../domain/events/envelope';
import type { Heads } from '../../domain/export/exportId';
import { StartupError } from '../errors';
import { couchRequest, isRecord } from '../http';
import type { SetupTarget } from '../setup';

const q = (v: string) => encodeURIComponent(JSON.stringify(v));
const evId = (device: string, seq: number) => `ev:${device}:${String(seq).padStart(SEQ_DIGITS, '0')}`;

/**
 * A read, tried again when the connection drops: a long export keeps connections idle while it
 * maps a page, and a server may close an idle one just as the next read goes out on it.
 */
async function allDocs(target: SetupTarget, query: string) {
  let res;
  for (let attempt = 1; ; attempt += 1) {
    try {
      res = await couchRequest(target.url, `${target.db}/_all_docs?${query}`, { auth: target.auth, timeoutMs: 120_000 });
      break;
    } catch (err) {
      if (attempt >= 3 || !(err instanceof StartupError)) throw err;
    }
  }
  if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.rows)) {
    throw new StartupError(`Cannot read the events of ${target.url}${target.db} (HTTP ${res.status}).`);
  }
  return res.body.rows as Array<{ id: string; doc?: unknown }>;
}

/** Every device's newest sequence, now: the export reads up to these and names itself by them. */
export async function readHeads(target: SetupTarget): Promise<Record<string, number>> {
  const heads: Record<string, number> = {};
  let start = 'ev:';
  for (;;) {
    const [first] = await allDocs(target, `limit=1&startkey=${q(start)}&endkey=${q('ev:\ufff0')}`);
    if (!first) return heads;
    const device = first.id.split(':')[1]!;
    const [last] = await allDocs(target, `limit=1&descending=true&startkey=${q(`ev:${device}:\ufff0`)}&endkey=${q(`ev:${device}:`)}`);
    heads[device] = Number(last!.id.split(':')[2]);
    start = `ev:${device}:\ufff0`;
  }
}

export interface BadDoc { id: string; reason: string }

/**
 * One device's events up to its head, a page at a time, in sequence order. The next page is
 * already on its way while the caller maps this one: the store's time and ours overlap.
 */
async function* devicePages(target: SetupTarget, device: string, head: number, page: number, bad: (b: BadDoc) => void): AsyncGenerator<AnyEvent[]> {
  const endkey = evId(device, head);
  const fetchPage = (startkey: string, skip: number) =>
    allDocs(target, `include_docs=true&limit=${page}&skip=${skip}&startkey=${q(startkey)}&endkey=${q(endkey)}`);
  let pending = fetchPage(evId(device, 1), 0);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) return;
    pending = rows.length < page ? Promise.resolve([]) : fetchPage(rows[rows.length - 1]!.id, 1);
    // A failed read ahead is reported when it is awaited, not as an unhandled rejection now.
    pending.catch(() => undefined);
    const events: AnyEvent[] = [];
    for (const row of rows) {
      try {
        events.push(parseEvent(row.doc));
      } catch (err) {
        bad({ id: row.id, reason: `not a valid event: ${(err as Error).message}` });
      }
    }
    yield events;
  }
}

const before = (a: AnyEvent, b: AnyEvent) => a.at < b.at || (a.at === b.at && (a.device < b.device || (a.device === b.device && a.seq < b.seq)));

/**
 * Every device's events merged into one stream by the time they happened (then device and
 * sequence), holding one page per device: a lab request on one tablet comes after the
 * registration on another it names, whichever device's code sorts first.
 */
export async function* mergedEvents(target: SetupTarget, heads: Heads, page: number, bad: (b: BadDoc) => void): AsyncGenerator<AnyEvent> {
  const cursors = await Promise.all(Object.keys(heads).sort().map(async (device) => {
    const pages = devicePages(target, device, heads[device]!, page, bad);
    const c = { pages, buf: [] as AnyEvent[], i: 0, done: false };
    return c;
  }));
  const fill = async (c: (typeof cursors)[number]) => {
    while (!c.done && c.i >= c.buf.length) {
      const next = await c.pages.next();
      if (next.done) c.done = true;
      else { c.buf = next.value; c.i = 0; }
    }
  };
  for (const c of cursors) await fill(c);
  for (;;) {
    let best: (typeof cursors)[number] | null = null;
    for (const c of cursors) if (c.i < c.buf.length && (!best || before(c.buf[c.i]!, best.buf[best.i]!))) best = c;
    if (!best) return;
    yield best.buf[best.i]!;
    best.i += 1;
    if (best.i >= best.buf.length) await fill(best);
  }
}
