import { describe, expect, it } from 'vitest';
import type { EventLog } from '../../src/device/eventLog';
import type { AnyEvent } from '../../src/domain/events/envelope';
import type { BulkResult, CentralClient } from '../../src/sync/centralClient';
import { Pusher, type PushCheckpoint } from '../../src/sync/pusher';
import { CONFIRM_WINDOW_MS } from '../../src/domain/sync/progress';
import { SyncError } from '../../src/sync/syncError';

const written = (durable = true) => ({ results: [], durable });

type Doc = AnyEvent & { _rev: string };

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** A log of `n` events of device K7 (only what the pusher reads: ids, seqs, revisions, hashes). */
function logOf(n: number): EventLog {
  const docs = Array.from({ length: n }, (_, i) => ({ _id: `ev:K7:${String(i + 1).padStart(10, '0')}`, seq: i + 1, hash: `h${i + 1}`, _rev: `1-${String(i + 1).padStart(32, '0')}` }) as unknown as Doc);
  return {
    device: 'K7',
    head: async () => ({ seq: n, hash: `h${n}` }),
    readRange: async (_d: string, from: number, limit: number) => docs.slice(from - 1, from - 1 + limit),
  } as unknown as EventLog;
}

/**
 * A central store whose answers the test hands out one by one: each call waits in `calls` until
 * the test answers it, so the test sees what the pusher has asked before anything comes back.
 * `copies`: a cluster keeping three copies of each document, or one store (null: no `cluster.n`).
 * A read of every copy is listed as a `revsDiff` too: both ask "which of these are missing?".
 */
function heldClient(copies: number | null = 3) {
  const calls: Array<{ kind: 'bulk' | 'revsDiff'; ids: string[]; answer: (v: unknown) => void; fail: (err: unknown) => void }> = [];
  const changed: Array<() => void> = [];
  const call = <T>(kind: 'bulk' | 'revsDiff', ids: string[]) => {
    const d = deferred<T>();
    calls.push({ kind, ids, answer: d.resolve as (v: unknown) => void, fail: d.reject });
    changed.splice(0).forEach((f) => f());
    return d.promise;
  };
  const client = {
    highestSeq: async () => 0,
    copies: async () => copies,
    bulkDocs: (docs: Array<{ _id: string }>) => call<BulkResult[]>('bulk', docs.map((d) => d._id)),
    revsDiff: (revs: Record<string, string[]>) => call<Set<string>>('revsDiff', Object.keys(revs)),
    notHeldByEveryCopy: (revs: ReadonlyMap<string, string>) => call<Set<string>>('revsDiff', [...revs.keys()]),
  } as unknown as CentralClient;
  /** Resolves once the pusher has made its `n`-th call. */
  const callNumber = async (n: number) => {
    while (calls.length < n) await new Promise<void>((r) => changed.push(r));
    return calls[n - 1]!;
  };
  /** Resolves with the `nth` call of this kind about these events (in whatever order calls were made). */
  const callFor = async (kind: 'bulk' | 'revsDiff', seqs: number[], nth = 1) => {
    const ids = seqs.map((seq) => `ev:K7:${String(seq).padStart(10, '0')}`).join();
    const find = () => calls.filter((c) => c.kind === kind && c.ids.join() === ids)[nth - 1];
    while (!find()) await new Promise<void>((r) => changed.push(r));
    return find()!;
  };
  return { client, calls, callNumber, callFor };
}

function hooks(saved: number[], refused: string[], slept: number[] = []) {
  return {
    sleep: async (ms: number) => { slept.push(ms); },
    loadCheckpoint: async (): Promise<PushCheckpoint> => ({ confirmedSeq: 0 }),
    saveCheckpoint: async (c: PushCheckpoint) => { saved.push(c.confirmedSeq); },
    refused: async (doc: Doc) => { refused.push(doc._id); },
    progress: () => {},
    gate: async () => {},
  };
}

describe('Pusher: a batch is confirmed while the next one is sent', () => {
  it('sends batches 2 and 3 before batch 1 is answered, and moves the checkpoint only after each confirmation, in order', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const run = new Pusher(logOf(5), store.client, hooks(saved, []), Math.random, 2).run();

    // Batches 2 and 3 go out while the store still writes batch 1: the gateway checks them meanwhile.
    const bulk1 = await store.callFor('bulk', [1, 2]);
    const bulk2 = await store.callFor('bulk', [3, 4]);
    const bulk3 = await store.callFor('bulk', [5]);
    expect(store.calls.filter((c) => c.kind === 'revsDiff')).toEqual([]);
    bulk1.answer(written()); // batch 1 (events 1–2) written
    const confirm1 = await store.callFor('revsDiff', [1, 2]);
    // Nothing is saved before batch 1's confirmation, whatever else was answered.
    bulk2.answer(written());
    expect(saved).toEqual([]);
    confirm1.answer(new Set());
    (await store.callFor('revsDiff', [3, 4])).answer(new Set()); // batch 2 confirmed
    bulk3.answer(written()); // batch 3 (event 5) written
    (await store.callFor('revsDiff', [5])).answer(new Set());
    // The final check: the newest event and the others of this run, asked about once more.
    const final = await store.callNumber(7);
    expect(final).toMatchObject({ kind: 'revsDiff' });
    expect(final.ids[0]).toBe('ev:K7:0000000005');
    expect(store.calls.filter((c) => c.kind === 'bulk')).toHaveLength(3);
    final.answer(new Set());
    expect(await run).toMatchObject({ total: 5, sent: 5, confirmed: 5, from: 0, degraded: false });
    expect(saved).toEqual([2, 4, 5]);
  });

  it('stops at the last confirmed batch when one is not confirmed, and does not take the next batch\'s refusals', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const refused: string[] = [];
    const slept: number[] = [];
    const run = new Pusher(logOf(4), store.client, hooks(saved, refused, slept), Math.random, 2).run();
    (await store.callFor('bulk', [1, 2])).answer(written());
    const confirm1 = await store.callFor('revsDiff', [1, 2]);
    // The gateway refuses batch 2 (its event 3 follows an event it cannot find), but batch 1 was
    // never confirmed: the run fails on that, and event 3 is not listed as refused for good.
    (await store.callFor('bulk', [3, 4])).answer({ results: [{ id: 'ev:K7:0000000003', error: 'forbidden', reason: 'event 2 of device K7 is not on the central store' }], durable: true });
    confirm1.answer(new Set(['ev:K7:0000000002']));
    // Event 2 never shows: it is asked about again over the window, sent again alone, and asked
    // about over the window once more before the run gives up.
    const outcome = run.then(() => null, (err: unknown) => err);
    for (let n = 4; ; n += 1) {
      const call = await Promise.race([store.callNumber(n), outcome.then(() => null)]);
      if (!call) break;
      if (call.kind === 'bulk') {
        expect(call.ids).toEqual(['ev:K7:0000000002']);
        call.answer(written());
      } else {
        expect(call.ids).toEqual(['ev:K7:0000000002']);
        call.answer(new Set(['ev:K7:0000000002']));
      }
    }
    expect(await outcome).toMatchObject({ code: 'notConfirmed', params: { id: 'ev:K7:0000000002' } });
    expect(store.calls.filter((c) => c.kind === 'bulk' && c.ids.join() === 'ev:K7:0000000002')).toHaveLength(1);
    expect(slept.reduce((a, b) => a + b, 0)).toBe(2 * CONFIRM_WINDOW_MS);
    expect(saved).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('asks again about a write a lagging copy does not show yet, and confirms it once it shows', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const slept: number[] = [];
    const run = new Pusher(logOf(2), store.client, hooks(saved, [], slept), Math.random, 2).run();
    (await store.callFor('bulk', [1, 2])).answer(written());
    (await store.callFor('revsDiff', [1, 2])).answer(new Set(['ev:K7:0000000001', 'ev:K7:0000000002']));
    // Only what was missing is asked about again, after a wait.
    const again = await store.callFor('revsDiff', [1, 2], 2);
    again.answer(new Set(['ev:K7:0000000002']));
    (await store.callFor('revsDiff', [2])).answer(new Set());
    (await store.callNumber(5)).answer(new Set()); // the final check
    expect(await run).toMatchObject({ total: 2, sent: 2, confirmed: 2, degraded: false });
    expect(saved).toEqual([2]);
    expect(store.calls.filter((c) => c.kind === 'bulk')).toHaveLength(1);
    expect(slept).toEqual([100, 200]);
  });

  it('keeps a batch the store only accepted (202) unconfirmed, still sends the rest, and says degraded', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const run = new Pusher(logOf(4), store.client, hooks(saved, []), Math.random, 2).run();
    (await store.callFor('bulk', [1, 2])).answer(written(false));
    const confirm1 = await store.callFor('revsDiff', [1, 2]);
    (await store.callFor('bulk', [3, 4])).answer(written());
    confirm1.answer(new Set());
    (await store.callFor('revsDiff', [3, 4])).answer(new Set());
    expect(await run).toMatchObject({ total: 4, sent: 4, confirmed: 0, degraded: true });
    expect(saved).toEqual([]);
  });

  it('sends a batch again, alone, when it was refused while the batch before it was still being written', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const refused: string[] = [];
    const run = new Pusher(logOf(4), store.client, hooks(saved, refused), Math.random, 2).run();
    const bulk1 = await store.callFor('bulk', [1, 2]);
    // Batch 2 reached the gateway before batch 1, which then found event 2 missing.
    (await store.callFor('bulk', [3, 4])).answer({ results: [{ id: 'ev:K7:0000000003', error: 'forbidden', reason: 'event 2 of device K7 is not on the central store' }, { id: 'ev:K7:0000000004', error: 'forbidden', reason: 'event 3 of device K7 is not on the central store' }], durable: true });
    bulk1.answer(written());
    (await store.callFor('revsDiff', [1, 2])).answer(new Set());
    (await store.callFor('bulk', [3, 4], 2)).answer(written());
    (await store.callFor('revsDiff', [3, 4])).answer(new Set());
    (await store.callNumber(6)).answer(new Set()); // the final check
    expect(await run).toMatchObject({ total: 4, sent: 4, confirmed: 4, refused: 0 });
    expect(refused).toEqual([]);
    expect(saved).toEqual([2, 4]);
  });

  it('keeps the refusals of a batch sent again alone: the chain really is broken there', async () => {
    const store = heldClient();
    const refused: string[] = [];
    const run = new Pusher(logOf(4), store.client, hooks([], refused), Math.random, 2).run();
    const refusal = { results: [{ id: 'ev:K7:0000000003', error: 'forbidden', reason: 'its hash does not match its content' }, { id: 'ev:K7:0000000004', error: 'forbidden', reason: 'event 3 of device K7 is not on the central store' }], durable: true };
    const bulk1 = await store.callFor('bulk', [1, 2]);
    (await store.callFor('bulk', [3, 4])).answer(refusal);
    bulk1.answer(written());
    (await store.callFor('revsDiff', [1, 2])).answer(new Set());
    (await store.callFor('bulk', [3, 4], 2)).answer(refusal);
    (await store.callNumber(5)).answer(new Set()); // the final check asks about events 1–2 only
    expect(await run).toMatchObject({ total: 4, sent: 2, confirmed: 2, refused: 2 });
    expect(refused).toEqual(['ev:K7:0000000003', 'ev:K7:0000000004']);
  });

  it('halves a batch the gateway finds too large and sends what followed it again, in order', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const run = new Pusher(logOf(4), store.client, hooks(saved, []), Math.random, 4).run();
    (await store.callFor('bulk', [1, 2, 3, 4])).fail(new SyncError('tooLarge'));
    (await store.callFor('bulk', [1, 2])).answer(written());
    const bulk2 = await store.callFor('bulk', [3, 4]);
    (await store.callFor('revsDiff', [1, 2])).answer(new Set());
    bulk2.answer(written());
    (await store.callFor('revsDiff', [3, 4])).answer(new Set());
    (await store.callNumber(6)).answer(new Set()); // the final check
    expect(await run).toMatchObject({ total: 4, sent: 4, confirmed: 4 });
    expect(saved).toEqual([2, 4]);
  });
});

describe('Pusher: a store with one copy of each document', () => {
  it('takes the write\'s answer as proof batch by batch, and still asks about the newest and a sample at the end', async () => {
    const store = heldClient(null);
    const saved: number[] = [];
    const run = new Pusher(logOf(4), store.client, hooks(saved, []), Math.random, 2).run();
    (await store.callFor('bulk', [1, 2])).answer(written());
    (await store.callFor('bulk', [3, 4])).answer(written());
    const final = await store.callNumber(3);
    expect(final.kind).toBe('revsDiff');
    expect(final.ids[0]).toBe('ev:K7:0000000004');
    expect(saved).toEqual([2, 4]);
    final.answer(new Set());
    expect(await run).toMatchObject({ total: 4, sent: 4, confirmed: 4, degraded: false });
    expect(store.calls.map((c) => c.kind)).toEqual(['bulk', 'bulk', 'revsDiff']);
  });

  it('fails the run when the final check does not find what the store answered as written', async () => {
    const store = heldClient(null);
    const run = new Pusher(logOf(2), store.client, hooks([], []), Math.random, 2).run();
    const outcome = run.then(() => null, (err: unknown) => err);
    (await store.callFor('bulk', [1, 2])).answer(written());
    for (let n = 2; ; n += 1) {
      const call = await Promise.race([store.callNumber(n), outcome.then(() => null)]);
      if (!call) break;
      call.answer(new Set(['ev:K7:0000000002']));
    }
    expect(await outcome).toMatchObject({ code: 'notConfirmed', params: { id: 'ev:K7:0000000002' } });
  });
});
