import type { AnyEvent } from '../domain/events/envelope';
import { expectedSum, revChunk, sameSum } from '../domain/sync/chainSum';
import { halveBatch } from '../domain/sync/progress';
import type { EventLog } from '../device/eventLog';
import type { CentralClient } from './centralClient';
import { SyncError } from './syncError';

export interface PushCheckpoint {
  /** Every event of this device up to here has been accepted by the server (or refused by it). */
  confirmedSeq: number;
  /** Sum of revChunk over events 1…confirmedSeq: compared with the server's chain fingerprint. */
  revSum?: number;
}

export interface PushHooks {
  loadCheckpoint(): Promise<PushCheckpoint>;
  saveCheckpoint(c: PushCheckpoint): Promise<void>;
  refused(doc: AnyEvent, reason: string): Promise<void>;
  progress(p: { total: number; sent: number; confirmed: number; refused: number; phase: 'pushing' | 'verifying' }): void;
  /** Resolves when the run may go on (pause), rejects to stop it. */
  gate(): Promise<void>;
}

export const DEFAULT_BATCH = 2000;
const VERIFY_BATCH = 5000;

type Doc = AnyEvent & { _rev: string };

/** What CouchDB needs to store a document under the revision it already has. */
function withRevisions(doc: Doc) {
  const [start, id] = doc._rev.split('-') as [string, string];
  return { ...doc, _revisions: { start: Number(start), ids: [id] } };
}

const sumOf = (docs: Doc[]) => docs.reduce((s, d) => s + revChunk(d._rev), 0);

/**
 * Push this device's events with the replication protocol's own two calls: `_revs_diff` (what is
 * missing) and `_bulk_docs` with `new_edits: false` (store it under the revision it has, so a
 * second push or a push after a restore changes nothing but the missing documents).
 * "Confirmed" is the server's word, not ours: its chain fingerprint (count, sequence sum and
 * revision sum per device) must equal this device's; otherwise every event is asked about with
 * `_revs_diff` and whatever is missing is sent again.
 */
export class Pusher {
  private batch = DEFAULT_BATCH;
  private sent = 0;
  private refusedCount = 0;
  private readonly refusedIds = new Set<string>();

  constructor(private readonly log: EventLog, private readonly client: CentralClient, private readonly hooks: PushHooks) {}

  async run(): Promise<{ total: number; sent: number; confirmed: number; refused: number }> {
    const device = this.log.device;
    const total = (await this.log.head())?.seq ?? 0;
    let checkpoint = await this.hooks.loadCheckpoint();
    if (checkpoint.confirmedSeq > total) checkpoint = { confirmedSeq: 0, revSum: 0 };
    const done = () => {
      this.hooks.progress({ total, sent: this.sent, confirmed: total - this.refusedCount, refused: this.refusedCount, phase: 'verifying' });
      return { total, sent: this.sent, confirmed: total - this.refusedCount, refused: this.refusedCount };
    };

    // Nothing new since the last confirmed run: one request proves the server still has it all.
    if (this.refusedIds.size === 0 && checkpoint.confirmedSeq === total && checkpoint.revSum !== undefined
      && sameSum(await this.client.chainSum(device), expectedSum(total, checkpoint.revSum))) return done();

    // A central store restored from an older backup no longer holds what it once accepted.
    if (checkpoint.confirmedSeq > 0 && (await this.missingOf(await this.log.readRange(device, checkpoint.confirmedSeq, 1))).size > 0) {
      checkpoint = { confirmedSeq: 0, revSum: 0 };
    }
    if (checkpoint.revSum === undefined) checkpoint = { confirmedSeq: 0, revSum: 0 };

    for (let pass = 0; pass < 3; pass += 1) {
      const pushed = await this.pushFrom(checkpoint, total);
      if (this.refusedIds.size === 0 && sameSum(await this.client.chainSum(device), expectedSum(total, pushed.revSum ?? 0))) return done();
      const missing = await this.verifyAll(total);
      if (missing === null) return done();
      checkpoint = { confirmedSeq: 0, revSum: 0 };
      await this.hooks.saveCheckpoint(checkpoint);
    }
    throw new SyncError('notConfirmed');
  }

  private async missingOf(docs: Doc[]): Promise<Set<string>> {
    if (docs.length === 0) return new Set();
    return this.client.revsDiff(Object.fromEntries(docs.map((d) => [d._id, [d._rev]])));
  }

  private async pushFrom(start: PushCheckpoint, total: number): Promise<PushCheckpoint> {
    let { confirmedSeq, revSum = 0 } = start;
    while (confirmedSeq < total) {
      await this.hooks.gate();
      const docs = await this.log.readRange(this.log.device, confirmedSeq + 1, this.batch);
      if (docs.length === 0) break;
      // pouchdb-server refuses an already stored revision sent again; CouchDB ignores it. Asking
      // first keeps both quiet and sends only what is missing.
      const missing = await this.missingOf(docs);
      const toSend = docs.filter((d) => missing.has(d._id) && !this.refusedIds.has(d._id));
      let results;
      try {
        results = toSend.length ? await this.client.bulkDocs(toSend.map(withRevisions)) : [];
      } catch (err) {
        if (err instanceof SyncError && err.code === 'tooLarge' && this.batch > 1) {
          this.batch = halveBatch(this.batch);
          continue;
        }
        if (err instanceof SyncError && err.code === 'forbidden' && toSend.length > 1) {
          // A server that refuses a whole batch for one document: find it by halving.
          this.batch = halveBatch(Math.min(this.batch, toSend.length));
          continue;
        }
        if (!(err instanceof SyncError && err.code === 'forbidden' && toSend.length === 1)) throw err;
        results = [{ id: toSend[0]!._id, error: 'forbidden', reason: String(err.params.reason ?? '') }];
      }
      let refusedNow = 0;
      for (const r of results) {
        if (!r.error) continue;
        const doc = toSend.find((d) => d._id === r.id);
        if (r.error !== 'forbidden' || !doc) throw new SyncError('serverRefused', { id: r.id, reason: `${r.error}: ${r.reason ?? ''}` });
        this.refusedIds.add(r.id);
        refusedNow += 1;
        await this.hooks.refused(doc, r.reason ?? r.error);
      }
      this.refusedCount = this.refusedIds.size;
      this.sent += toSend.length - refusedNow;
      confirmedSeq = docs[docs.length - 1]!.seq;
      revSum += sumOf(docs);
      await this.hooks.saveCheckpoint({ confirmedSeq, revSum });
      this.hooks.progress({ total, sent: this.sent, confirmed: confirmedSeq - this.refusedCount, refused: this.refusedCount, phase: 'pushing' });
    }
    return { confirmedSeq, revSum };
  }

  /** Ask about every local event; returns the first missing sequence, or null when all are held. */
  private async verifyAll(total: number): Promise<number | null> {
    for (let from = 1; from <= total; from += VERIFY_BATCH) {
      await this.hooks.gate();
      const docs = await this.log.readRange(this.log.device, from, VERIFY_BATCH);
      const missing = await this.missingOf(docs);
      const unrefused = docs.filter((d) => missing.has(d._id) && !this.refusedIds.has(d._id));
      if (unrefused.length > 0) return unrefused[0]!.seq;
      this.hooks.progress({ total, sent: this.sent, confirmed: Math.min(total, from + docs.length - 1) - this.refusedCount, refused: this.refusedCount, phase: 'verifying' });
    }
    return null;
  }

  /** Documents refused in earlier runs stay refused: they are listed, not retried forever. */
  knownRefusals(ids: Iterable<string>): this {
    for (const id of ids) this.refusedIds.add(id);
    this.refusedCount = this.refusedIds.size;
    return this;
  }
}
