import type { AnyEvent } from '../domain/events/envelope';
import { confirmDelays, halveBatch } from '../domain/sync/progress';
import type { EventLog } from '../device/eventLog';
import type { BulkAnswer, CentralClient } from './centralClient';
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
  progress(p: { total: number; sent: number; confirmed: number; refused: number; phase: 'pushing' | 'verifying' | 'confirming' }): void;
  /** Resolves when the run may go on (pause), rejects to stop it. */
  gate(): Promise<void>;
  /** This device's signature on an event of its chain (the last of each batch). */
  signHead?(seq: number, hash: string): Promise<SignedHead>;
  /** Waits between re-asks for a confirmation (injected, so tests never wait for real time). */
  sleep?(ms: number): Promise<void>;
}

export interface PushOutcome {
  total: number;
  sent: number;
  confirmed: number;
  refused: number;
  /** The confirmed sequence the run started from. */
  from: number;
  /**
   * The store answered a write with 202 (a cluster storing fewer copies than its write quorum):
   * the checkpoint stays before that batch and the run must not say "synced".
   */
  degraded: boolean;
}

export const DEFAULT_BATCH = 2000;
/**
 * Batches sent and not yet answered. Two left the store idle while the tablet read, sent and the
 * gateway checked the next batch; with three the next one is always waiting (push benchmark).
 */
const IN_FLIGHT = 3;
/** Events re-checked, besides the newest, when nothing is new since the last confirmed run. */
export const RECHECK_SAMPLE = 500;

type Doc = AnyEvent & { _rev: string };

/** A batch sent, whose answer is read in order. */
interface Flight {
  toSend: Doc[];
  last: number;
  sending: Promise<BulkAnswer>;
  /** Sent before the answer to the batch before it: its refusals may only say "not in order". */
  behindAnother: boolean;
}

/** What CouchDB needs to store a document under the revision it already has. */
function withRevisions(doc: Doc) {
  const [start, id] = doc._rev.split('-') as [string, string];
  return { ...doc, _revisions: { start: Number(start), ids: [id] } };
}

/**
 * Push this device's events with the replication protocol's own two calls: `_revs_diff` (what is
 * missing) and `_bulk_docs` with `new_edits: false` (store it under the revision it has, so a
 * second push or a push after a restore changes nothing but the missing documents). Events the
 * server may already hold are asked about before they are sent; the others are confirmed after
 * (by the write's answer where each document has one copy, else by asking), and the checkpoint
 * only moves past a batch the server has confirmed in full. The revision is derived
 * from the document's content, so the same revision means the same content and hash.
 */
export class Pusher {
  private batch: number;
  private sent = 0;
  private refusedCount = 0;
  private readonly refusedIds = new Set<string>();
  /** Copies per document on a cluster (`cluster.n`); null for a single store. */
  private copies: number | null = null;
  private degraded = false;
  private confirmedNow = 0;
  private lastMissing = new Set<string>();

  constructor(private readonly log: EventLog, private readonly client: CentralClient, private readonly hooks: PushHooks,
    private readonly random: () => number = Math.random, batch = DEFAULT_BATCH) {
    this.batch = batch;
  }

  /** The embedded store (no `cluster.n`) and a CouchDB with n = 1 keep one copy of each document. */
  private oneCopy(): boolean {
    return this.copies === null || this.copies === 1;
  }

  private sleep(ms: number): Promise<void> {
    return this.hooks.sleep ? this.hooks.sleep(ms) : new Promise((r) => setTimeout(r, ms));
  }

  /**
   * `from` is the confirmed sequence the run started from: everything above it up to `total` was
   * confirmed by this run, what is below by earlier runs.
   */
  async run(): Promise<PushOutcome> {
    const total = (await this.log.head())?.seq ?? 0;
    let { confirmedSeq } = await this.hooks.loadCheckpoint();
    if (confirmedSeq > total) confirmedSeq = 0;
    // A cluster is read from every copy of a document for the final check; a single store's
    // `_revs_diff` already answers from its one copy.
    this.copies = await this.client.copies();
    // A central store restored from an older backup no longer holds what it once confirmed: the
    // newest confirmed event goes first, so it is always among those asked about again.
    // Nothing is waited for here: old events do not lag, and a store that lost them gets them again.
    if (confirmedSeq > 0 && !(await this.stillHeld(confirmedSeq, this.sampleBetween(0, confirmedSeq), false))) confirmedSeq = 0;
    const from = confirmedSeq;
    confirmedSeq = await this.pushFrom(confirmedSeq, total);
    // The final check of what this run confirmed: its newest event and a sample, read as
    // strongly as the store allows, before "all N confirmed" is said.
    if (!this.degraded && total > from) {
      if (!(await this.stillHeld(total, this.sampleBetween(from, total), true))) {
        throw new SyncError('notConfirmed', { id: [...this.lastMissing][0] ?? '' });
      }
    }
    const confirmed = this.degraded ? Math.max(0, confirmedSeq - this.refusedCount) : total - this.refusedCount;
    this.hooks.progress({ total, sent: this.sent, confirmed, refused: this.refusedCount, phase: 'verifying' });
    return { total, sent: this.sent, confirmed, refused: this.refusedCount, from, degraded: this.degraded };
  }

  /** Up to RECHECK_SAMPLE random sequences above `lo` and below `hi` (all of them when no more). */
  private sampleBetween(lo: number, hi: number): number[] {
    const span = hi - lo - 1;
    if (span <= RECHECK_SAMPLE) return Array.from({ length: Math.max(0, span) }, (_, i) => lo + 1 + i);
    return Array.from({ length: RECHECK_SAMPLE }, () => lo + 1 + Math.floor(this.random() * span));
  }

  /** The newest event and a sample of the earlier ones, asked about in one go. */
  private async stillHeld(newest: number, sample: number[], wait: boolean): Promise<boolean> {
    const seqs = new Set([newest, ...sample]);
    // Read together: 500 reads one after the other were most of a re-run with nothing new.
    const docs = (await Promise.all([...seqs].map((seq) => this.log.readRange(this.log.device, seq, 1)))).flat();
    const asked = docs.filter((d) => !this.refusedIds.has(d._id));
    const first = await this.strongMissingOf(asked);
    const missing = wait ? await this.untilHeld(asked, first, (d) => this.strongMissingOf(d), newest) : first;
    this.lastMissing = missing;
    this.hooks.progress({ total: newest, sent: 0, confirmed: missing.size ? 0 : newest - this.refusedCount, refused: this.refusedCount, phase: 'verifying' });
    return missing.size === 0;
  }

  /**
   * What the store does not hold, read as strongly as it allows: on a cluster each document from
   * every copy (`r` = n); on a single store `_revs_diff`, which answers from its one copy.
   */
  private async strongMissingOf(docs: Doc[]): Promise<Set<string>> {
    if (docs.length === 0) return new Set();
    if (this.copies === null) return this.missingOf(docs);
    return this.client.notHeldByEveryCopy(new Map(docs.map((d) => [d._id, d._rev])), this.copies);
  }

  /**
   * A cluster's `_revs_diff` is answered, per document, by whichever copy replies first, so a
   * write it just stored on a quorum of copies can be reported missing for a moment. Ask again
   * about what is still missing, waiting longer each time, over CONFIRM_WINDOW_MS in all.
   */
  private async untilHeld(docs: Doc[], missing: Set<string>, ask: (docs: Doc[]) => Promise<Set<string>>, total: number): Promise<Set<string>> {
    let still = missing;
    for (const wait of confirmDelays()) {
      if (still.size === 0) break;
      this.hooks.progress({ total, sent: this.sent, confirmed: Math.max(0, this.confirmedNow - this.refusedCount), refused: this.refusedCount, phase: 'confirming' });
      await this.sleep(wait);
      const left = still;
      still = await ask(docs.filter((d) => left.has(d._id)));
    }
    return still;
  }

  /**
   * A batch's confirmation: what `_revs_diff` still reports missing after the window is sent
   * again (harmless with new_edits:false: a stored revision is not written twice) and waited
   * for once more; only what is missing after that is not confirmed.
   */
  private async confirmBatch(docs: Doc[], missing: Set<string>, total: number): Promise<{ missing: Set<string>; durable: boolean }> {
    let still = await this.untilHeld(docs, missing, (d) => this.missingOf(d), total);
    if (still.size === 0) return { missing: still, durable: true };
    const again = docs.filter((d) => still.has(d._id));
    const tail = again[again.length - 1]!;
    const head = this.hooks.signHead ? await this.hooks.signHead(tail.seq, tail.hash) : undefined;
    const answer = await this.client.bulkDocs(again.map(withRevisions), head);
    const failed = answer.results.find((r) => r.error);
    if (failed) return { missing: new Set([failed.id]), durable: answer.durable };
    still = await this.untilHeld(again, await this.missingOf(again), (d) => this.missingOf(d), total);
    return { missing: still, durable: answer.durable };
  }

  private async missingOf(docs: Doc[]): Promise<Set<string>> {
    if (docs.length === 0) return new Set();
    return this.client.revsDiff(Object.fromEntries(docs.map((d) => [d._id, [d._rev]])));
  }

  /** Pushes everything above `confirmedSeq`; answers the checkpoint it reached. */
  private async pushFrom(confirmedSeq: number, total: number): Promise<number> {
    this.confirmedNow = confirmedSeq;
    // Above the server's highest sequence for this device nothing can be there yet (only this
    // device writes its events), so those batches skip the question "what is missing?".
    const serverHighest = confirmedSeq < total ? await this.client.highestSeq(this.log.device) : 0;
    // The store's answer to a batch is not yet proof: it is asked again (`_revs_diff`) while the
    // next batch is sent, so the store never waits for the device between two writes. The
    // checkpoint still moves one batch at a time, and only once that batch is confirmed; the next
    // batch's answer (its refusals above all, which are kept for good) is read only after that.
    let unconfirmed: Promise<void> | null = null;
    const confirm = (last: number, docs: Doc[], durable: boolean, answer: Promise<Set<string>>) => answer.then(async (notHeld) => {
      const checked = notHeld.size > 0 ? await this.confirmBatch(docs, notHeld, total) : { missing: notHeld, durable: true };
      if (checked.missing.size > 0) throw new SyncError('notConfirmed', { id: [...checked.missing][0]! });
      // Accepted by fewer copies than the cluster's write quorum: held, but not durable. The
      // checkpoint stays before it (and so before every later batch); the rest is still sent.
      if (!durable || !checked.durable) this.degraded = true;
      if (this.degraded) return;
      confirmedSeq = last;
      this.confirmedNow = last;
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
    // Sent, their answers not read yet, oldest first: the ones behind the first were sent while
    // the store still wrote the batches before them.
    let flights: Flight[] = [];
    try {
      for (;;) {
        await this.hooks.gate();
        // The next batches go out while the store still writes the one before: the gateway
        // checks each meanwhile and writes it only once the one before is stored in full.
        while (flights.length < IN_FLIGHT) {
          const from: number = (flights[flights.length - 1]?.last ?? sentTo) + 1;
          const next = from <= total ? await this.launch(from, serverHighest, flights.length > 0) : null;
          if (!next) break;
          flights.push(next);
        }
        const landing = flights.shift();
        if (!landing) break;
        await settle();
        const results = await this.land(landing);
        if (results === 'again') {
          // Whatever went out after it is sent again, in order.
          for (const behind of flights) await behind.sending.catch(() => undefined);
          flights = [];
          continue;
        }
        sentTo = landing.last;
        // With new_edits=false the answer lists only failures. Where each document has one copy,
        // the copy that answered the write is the one `_revs_diff` would ask, so its answer is
        // the proof (the final check still asks); with several copies, ask before trusting it.
        // Only one batch is ever unconfirmed, so checkpoints are saved in order.
        const written = landing.toSend.filter((d) => !results.refused.has(d._id));
        unconfirmed = confirm(landing.last, written, results.durable, this.oneCopy() ? Promise.resolve(new Set<string>()) : this.missingOf(written));
        unconfirmed.catch(() => undefined); // thrown by settle()
      }
      await settle();
    } finally {
      // A run that stops early leaves nothing running behind it.
      for (const left of flights) await left.sending.catch(() => undefined);
      await (unconfirmed as Promise<void> | null)?.catch(() => undefined);
    }
    return confirmedSeq;
  }

  /** Reads the batch from `from` and sends what the store is missing of it; the answer is read by land(). */
  private async launch(from: number, serverHighest: number, behindAnother: boolean): Promise<Flight | null> {
    const docs = await this.log.readRange(this.log.device, from, this.batch);
    if (docs.length === 0) return null;
    // Above the server's highest sequence for this device nothing can be there yet. Below it, the
    // embedded store refuses an already stored revision sent again (CouchDB ignores it): asking
    // first keeps both quiet and sends only what is missing.
    const missing = docs[0]!.seq <= serverHighest ? await this.missingOf(docs) : new Set(docs.map((d) => d._id));
    const toSend = docs.filter((d) => missing.has(d._id) && !this.refusedIds.has(d._id));
    const tail = toSend[toSend.length - 1];
    const sending = (async () => {
      const head = tail && this.hooks.signHead ? await this.hooks.signHead(tail.seq, tail.hash) : undefined;
      return toSend.length ? this.client.bulkDocs(toSend.map(withRevisions), head) : { results: [], durable: true };
    })();
    sending.catch(() => undefined); // read by land(), in order
    return { toSend, last: docs[docs.length - 1]!.seq, sending, behindAnother };
  }

  /**
   * Reads a batch's answer and keeps its refusals. 'again': send from this batch on once more
   * (with a smaller batch, or alone when it went out behind another batch and was not written in
   * full: it may have reached the gateway before the batch it follows).
   */
  private async land(flight: Flight): Promise<{ refused: Set<string>; durable: boolean } | 'again'> {
    const { toSend } = flight;
    let results;
    try {
      results = await flight.sending;
    } catch (err) {
      if (flight.behindAnother && err instanceof SyncError && (err.code === 'tooLarge' || err.code === 'forbidden')) return 'again';
      if (err instanceof SyncError && err.code === 'tooLarge' && this.batch > 1) {
        this.batch = halveBatch(this.batch);
        return 'again';
      }
      if (err instanceof SyncError && err.code === 'forbidden' && toSend.length > 1) {
        // A server that refuses a whole batch for one document: find it by halving.
        this.batch = halveBatch(Math.min(this.batch, toSend.length));
        return 'again';
      }
      if (!(err instanceof SyncError && err.code === 'forbidden' && toSend.length === 1)) throw err;
      results = { results: [{ id: toSend[0]!._id, error: 'forbidden', reason: String(err.params.reason ?? '') }], durable: true };
    }
    if (flight.behindAnother && results.results.some((r) => r.error)) return 'again';
    const refused = new Set<string>();
    for (const r of results.results) {
      if (!r.error) continue;
      const doc = toSend.find((d) => d._id === r.id);
      if (r.error !== 'forbidden' || !doc) throw new SyncError('serverRefused', { id: r.id, reason: `${r.error}: ${r.reason ?? ''}` });
      refused.add(r.id);
      this.refusedIds.add(r.id);
      await this.hooks.refused(doc, r.reason ?? r.error);
    }
    this.refusedCount = this.refusedIds.size;
    this.sent += toSend.length - refused.size;
    return { refused, durable: results.durable };
  }

  /** Documents refused in earlier runs stay refused: they are listed, not retried forever. */
  knownRefusals(ids: Iterable<string>): this {
    for (const id of ids) this.refusedIds.add(id);
    this.refusedCount = this.refusedIds.size;
    return this;
  }
}
