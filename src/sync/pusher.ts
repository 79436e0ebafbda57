import type { AnyEvent } from '../domain/events/envelope';
import { halveBatch } from '../domain/sync/progress';
import type { EventLog } from '../device/eventLog';
import type { CentralClient } from './centralClient';
import type { SignedHead } from '../domain/sync/signedHead';
import { SyncError } from './syncError';

export interface PushCheckpoint {
  /** Every event of this device up to here was confirmed by the server (or refused by it). */
  confirmedSeq: number;
}

export interface PushHooks {
  loadCheckpoint(): Promise<PushCheckpoint>;
  saveCheckpoint(c: PushCheckpoint): Promise<void>;
  refused(doc: AnyEvent, reason: string): Promise<void>;
  progress(p: { total: number; sent: number; confirmed: number; refused: number; phase: 'pushing' | 'verifying' }): void;
  /** Resolves when the run may go on (pause), rejects to stop it. */
  gate(): Promise<void>;
  /** This device's signature on an event of its chain (the last of each batch). */
  signHead?(seq: number, hash: string): Promise<SignedHead>;
}

export const DEFAULT_BATCH = 2000;
/** Events re-checked, besides the newest, when nothing is new since the last confirmed run. */
export const RECHECK_SAMPLE = 500;

type Doc = AnyEvent & { _rev: string };

/** What CouchDB needs to store a document under the revision it already has. */
function withRevisions(doc: Doc) {
  const [start, id] = doc._rev.split('-') as [string, string];
  return { ...doc, _revisions: { start: Number(start), ids: [id] } };
}

/**
 * Push this device's events with the replication protocol's own two calls: `_revs_diff` (what is
 * missing) and `_bulk_docs` with `new_edits: false` (store it under the revision it has, so a
 * second push or a push after a restore changes nothing but the missing documents). Every event
 * is asked about: those the server already had before they were sent, the others after, and the
 * checkpoint only moves past a batch the server has confirmed in full. The revision is derived
 * from the document's content, so the same revision means the same content and hash.
 */
export class Pusher {
  private batch: number;
  private sent = 0;
  private refusedCount = 0;
  private readonly refusedIds = new Set<string>();

  constructor(private readonly log: EventLog, private readonly client: CentralClient, private readonly hooks: PushHooks,
    private readonly random: () => number = Math.random, batch = DEFAULT_BATCH) {
    this.batch = batch;
  }

  /**
   * `from` is the confirmed sequence the run started from: everything above it up to `total` was
   * confirmed by this run (asked about with `_revs_diff`), what is below by earlier runs.
   */
  async run(): Promise<{ total: number; sent: number; confirmed: number; refused: number; from: number }> {
    const total = (await this.log.head())?.seq ?? 0;
    let { confirmedSeq } = await this.hooks.loadCheckpoint();
    if (confirmedSeq > total) confirmedSeq = 0;
    // A central store restored from an older backup no longer holds what it once confirmed: the
    // newest confirmed event goes first, so it is always among those asked about again.
    if (confirmedSeq > 0 && !(await this.stillHeld(confirmedSeq))) confirmedSeq = 0;
    const from = confirmedSeq;
    await this.pushFrom(confirmedSeq, total);
    const confirmed = total - this.refusedCount;
    this.hooks.progress({ total, sent: this.sent, confirmed, refused: this.refusedCount, phase: 'verifying' });
    return { total, sent: this.sent, confirmed, refused: this.refusedCount, from };
  }

  /** The newest confirmed event and a random sample of the earlier ones, in one `_revs_diff`. */
  private async stillHeld(confirmedSeq: number): Promise<boolean> {
    const seqs = new Set([confirmedSeq]);
    for (let i = 0; i < Math.min(RECHECK_SAMPLE, confirmedSeq - 1); i += 1) seqs.add(1 + Math.floor(this.random() * confirmedSeq));
    // Read together: 500 reads one after the other were most of a re-run with nothing new.
    const docs = (await Promise.all([...seqs].map((seq) => this.log.readRange(this.log.device, seq, 1)))).flat();
    const missing = await this.missingOf(docs.filter((d) => !this.refusedIds.has(d._id)));
    this.hooks.progress({ total: confirmedSeq, sent: 0, confirmed: missing.size ? 0 : confirmedSeq - this.refusedCount, refused: this.refusedCount, phase: 'verifying' });
    return missing.size === 0;
  }

  private async missingOf(docs: Doc[]): Promise<Set<string>> {
    if (docs.length === 0) return new Set();
    return this.client.revsDiff(Object.fromEntries(docs.map((d) => [d._id, [d._rev]])));
  }

  private async pushFrom(confirmedSeq: number, total: number): Promise<void> {
    // Above the server's highest sequence for this device nothing can be there yet (only this
    // device writes its events), so those batches skip the question "what is missing?".
    const serverHighest = confirmedSeq < total ? await this.client.highestSeq(this.log.device) : 0;
    // The store's answer to a batch is not yet proof: it is asked again (`_revs_diff`) while the
    // next batch is sent, so the store never waits for the device between two writes. The
    // checkpoint still moves one batch at a time, and only once that batch is confirmed; the next
    // batch's answer (its refusals above all, which are kept for good) is read only after that.
    let unconfirmed: Promise<void> | null = null;
    const confirm = (last: number, answer: Promise<Set<string>>) => answer.then(async (notHeld) => {
      if (notHeld.size > 0) throw new SyncError('notConfirmed', { id: [...notHeld][0]! });
      confirmedSeq = last;
      await this.hooks.saveCheckpoint({ confirmedSeq });
      this.hooks.progress({ total, sent: this.sent, confirmed: confirmedSeq - this.refusedCount, refused: this.refusedCount, phase: 'pushing' });
    });
    const settle = async () => {
      const waiting = unconfirmed;
      unconfirmed = null;
      await waiting;
    };
    // Everything up to here was sent and answered (maybe not yet confirmed).
    let sentTo = confirmedSeq;
    let next: Promise<Doc[]> | null = null;
    try {
      while (sentTo < total) {
        await this.hooks.gate();
        const docs = await (next ?? this.log.readRange(this.log.device, sentTo + 1, this.batch));
        next = null;
        if (docs.length === 0) break;
        const last = docs[docs.length - 1]!.seq;
        // Read the next batch from IndexedDB while the server works on this one.
        if (last < total) next = this.log.readRange(this.log.device, last + 1, this.batch);
        // The embedded store refuses an already stored revision sent again; CouchDB ignores it. Asking
        // first keeps both quiet and sends only what is missing.
        const missing = docs[0]!.seq <= serverHighest ? await this.missingOf(docs) : new Set(docs.map((d) => d._id));
        const toSend = docs.filter((d) => missing.has(d._id) && !this.refusedIds.has(d._id));
        const tail = toSend[toSend.length - 1];
        const sending = (async () => {
          const head = tail && this.hooks.signHead ? await this.hooks.signHead(tail.seq, tail.hash) : undefined;
          return toSend.length ? this.client.bulkDocs(toSend.map(withRevisions), head) : [];
        })();
        sending.catch(() => undefined); // read below, after the batch before is settled
        await settle();
        let results;
        try {
          results = await sending;
        } catch (err) {
          if (err instanceof SyncError && err.code === 'tooLarge' && this.batch > 1) {
            this.batch = halveBatch(this.batch);
            next = null;
            continue;
          }
          if (err instanceof SyncError && err.code === 'forbidden' && toSend.length > 1) {
            // A server that refuses a whole batch for one document: find it by halving.
            this.batch = halveBatch(Math.min(this.batch, toSend.length));
            next = null;
            continue;
          }
          if (!(err instanceof SyncError && err.code === 'forbidden' && toSend.length === 1)) throw err;
          results = [{ id: toSend[0]!._id, error: 'forbidden', reason: String(err.params.reason ?? '') }];
        }
        const refusedNow = new Set<string>();
        for (const r of results) {
          if (!r.error) continue;
          const doc = toSend.find((d) => d._id === r.id);
          if (r.error !== 'forbidden' || !doc) throw new SyncError('serverRefused', { id: r.id, reason: `${r.error}: ${r.reason ?? ''}` });
          refusedNow.add(r.id);
          this.refusedIds.add(r.id);
          await this.hooks.refused(doc, r.reason ?? r.error);
        }
        this.refusedCount = this.refusedIds.size;
        this.sent += toSend.length - refusedNow.size;
        sentTo = last;
        // With new_edits=false the answer lists only failures: ask again before trusting the batch.
        // Only one batch is ever unconfirmed, so checkpoints are saved in order.
        unconfirmed = confirm(last, this.missingOf(toSend.filter((d) => !refusedNow.has(d._id))));
        unconfirmed.catch(() => undefined); // thrown by settle()
      }
      await settle();
    } finally {
      // A run that stops early leaves nothing running behind it.
      await (unconfirmed as Promise<void> | null)?.catch(() => undefined);
    }
  }

  /** Documents refused in earlier runs stay refused: they are listed, not retried forever. */
  knownRefusals(ids: Iterable<string>): this {
    for (const id of ids) this.refusedIds.add(id);
    this.refusedCount = this.refusedIds.size;
    return this;
  }
}
