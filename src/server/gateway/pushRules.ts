import { z } from 'zod';
import { eventIdRange } from '../../domain/events/envelope';
import { allClearMarker, ALL_CLEAR_ID } from '../../domain/sync/gate';
import { checkPush, idsToLookUp, type StoredEvent, type Verdict } from '../../domain/sync/pushCheck';
import { jsonOf, type Upstream } from './upstream';

export const MAX_BATCH = 10_000;

export class Refusal extends Error {
  constructor(readonly status: 400 | 403, readonly error: string, reason: string) {
    super(reason);
  }
}

const bulkBody = z.strictObject({ docs: z.array(z.unknown()).min(1).max(MAX_BATCH), new_edits: z.literal(false) });
const revsDiffBody = z.record(z.string().max(40), z.array(z.string().max(40)).min(1).max(100)).refine((r) => Object.keys(r).length <= MAX_BATCH);
const statusBody = z.strictObject({
  _id: z.string(), _rev: z.string().max(64).optional(), type: z.literal('device-status'), device: z.string(),
  confirmedSeq: z.number().int().min(0), refused: z.number().int().min(0), syncedAt: z.iso.datetime(),
});

/**
 * The store reads the gateway makes on its own account (server admin): the all-clear, what is
 * already stored of a batch, a device's highest sequence. Devices never see these answers.
 */
export class StoreFacts {
  constructor(private readonly upstream: Upstream, private readonly db: string, private readonly adminHeaders: Record<string, string>) {}

  private async json(method: string, path: string, body?: unknown) {
    const headers = { accept: 'application/json', ...this.adminHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const answer = await this.upstream.send(method, `${this.db}/${path}`, headers, body === undefined ? undefined : JSON.stringify(body));
    return { status: answer.status, body: jsonOf(answer) };
  }

  async requireAllClear(): Promise<void> {
    const { status, body } = await this.json('GET', ALL_CLEAR_ID);
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

  async highestSeq(device: string): Promise<number> {
    const { start, end } = eventIdRange(device);
    const q = `descending=true&limit=1&startkey=${encodeURIComponent(JSON.stringify(end))}&endkey=${encodeURIComponent(JSON.stringify(start))}`;
    const { status, body } = await this.json('GET', `_all_docs?${q}`);
    if (status !== 200) throw new Error(`_all_docs answered ${status}`);
    const id = (body as { rows?: Array<{ id: string }> }).rows?.[0]?.id;
    return id ? Number(id.split(':')[2]) : 0;
  }
}

export function readBulkBody(body: unknown): unknown[] {
  const parsed = bulkBody.safeParse(body);
  if (!parsed.success) throw new Refusal(400, 'bad_request', `_bulk_docs takes {"docs": [1–${MAX_BATCH} events], "new_edits": false} and nothing else`);
  return parsed.data.docs;
}

/** Check a batch against what is stored: the verdict per document, in the order they were sent. */
export async function judgeBatch(facts: StoreFacts, device: string, docs: unknown[], now: Date): Promise<Verdict[]> {
  await facts.requireAllClear();
  const stored = await facts.stored(idsToLookUp(docs));
  return checkPush(docs, { device, stored, now });
}

export function checkRevsDiff(body: unknown, device: string): void {
  const parsed = revsDiffBody.safeParse(body);
  if (!parsed.success) throw new Refusal(400, 'bad_request', '_revs_diff takes {"<event id>": ["<rev>", ...]}');
  const prefix = eventIdRange(device).start;
  const foreign = Object.keys(parsed.data).find((id) => !id.startsWith(prefix));
  if (foreign !== undefined) throw new Refusal(403, 'forbidden', `device ${device} may ask only about its own events (${foreign})`);
}

/** A status document says how far a verified sync got: never further than what is stored. */
export async function checkStatus(facts: StoreFacts, body: unknown, device: string, docId: string): Promise<void> {
  const parsed = statusBody.safeParse(body);
  if (!parsed.success || parsed.data._id !== docId || parsed.data.device !== device) {
    throw new Refusal(400, 'bad_request', `a status document is {_id: "device:${device}", type: "device-status", device, confirmedSeq, refused, syncedAt}`);
  }
  const highest = await facts.highestSeq(device);
  if (parsed.data.confirmedSeq > highest) throw new Refusal(403, 'forbidden', `the status claims event ${parsed.data.confirmedSeq} but the central store holds up to ${highest}`);
}
