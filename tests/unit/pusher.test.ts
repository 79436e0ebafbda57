import { describe, expect, it } from 'vitest';
import type { EventLog } from '../../src/device/eventLog';
import type { AnyEvent } from '../../src/domain/events/envelope';
import type { BulkResult, CentralClient } from '../../src/sync/centralClient';
import { Pusher, type PushCheckpoint } from '../../src/sync/pusher';

type Doc = AnyEvent & { _rev: string };

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
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
 */
function heldClient() {
  const calls: Array<{ kind: 'bulk' | 'revsDiff'; ids: string[]; answer: (v: unknown) => void }> = [];
  const changed: Array<() => void> = [];
  const call = <T>(kind: 'bulk' | 'revsDiff', ids: string[]) => {
    const d = deferred<T>();
    calls.push({ kind, ids, answer: d.resolve as (v: unknown) => void });
    changed.splice(0).forEach((f) => f());
    return d.promise;
  };
  const client = {
    highestSeq: async () => 0,
    bulkDocs: (docs: Array<{ _id: string }>) => call<BulkResult[]>('bulk', docs.map((d) => d._id)),
    revsDiff: (revs: Record<string, string[]>) => call<Set<string>>('revsDiff', Object.keys(revs)),
  } as unknown as CentralClient;
  /** Resolves once the pusher has made its `n`-th call. */
  const callNumber = async (n: number) => {
    while (calls.length < n) await new Promise<void>((r) => changed.push(r));
    return calls[n - 1]!;
  };
  return { client, calls, callNumber };
}

function hooks(saved: number[], refused: string[]) {
  return {
    loadCheckpoint: async (): Promise<PushCheckpoint> => ({ confirmedSeq: 0 }),
    saveCheckpoint: async (c: PushCheckpoint) => { saved.push(c.confirmedSeq); },
    refused: async (doc: Doc) => { refused.push(doc._id); },
    progress: () => {},
    gate: async () => {},
  };
}

describe('Pusher: a batch is confirmed while the next one is sent', () => {
  it('sends batch 2 before batch 1 is confirmed, and moves the checkpoint only after each confirmation, in order', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const run = new Pusher(logOf(5), store.client, hooks(saved, []), Math.random, 2).run();

    (await store.callNumber(1)).answer([]); // batch 1 (events 1–2) written
    const confirm1 = await store.callNumber(2);
    expect(confirm1).toMatchObject({ kind: 'revsDiff', ids: ['ev:K7:0000000001', 'ev:K7:0000000002'] });
    // Batch 2 goes out while batch 1's confirmation is still unanswered; nothing is saved yet.
    expect(await store.callNumber(3)).toMatchObject({ kind: 'bulk', ids: ['ev:K7:0000000003', 'ev:K7:0000000004'] });
    expect(saved).toEqual([]);
    store.calls[2]!.answer([]);
    confirm1.answer(new Set());
    (await store.callNumber(4)).answer(new Set()); // batch 2 confirmed
    (await store.callNumber(5)).answer([]); // batch 3 (event 5) written
    (await store.callNumber(6)).answer(new Set());
    expect(await run).toMatchObject({ total: 5, sent: 5, confirmed: 5, from: 0 });
    expect(saved).toEqual([2, 4, 5]);
  });

  it('stops at the last confirmed batch when one is not confirmed, and does not take the next batch\'s refusals', async () => {
    const store = heldClient();
    const saved: number[] = [];
    const refused: string[] = [];
    const run = new Pusher(logOf(4), store.client, hooks(saved, refused), Math.random, 2).run();
    (await store.callNumber(1)).answer([]);
    const confirm1 = await store.callNumber(2);
    // The gateway refuses batch 2 (its event 3 follows an event it cannot find), but batch 1 was
    // never confirmed: the run fails on that, and event 3 is not listed as refused for good.
    (await store.callNumber(3)).answer([{ id: 'ev:K7:0000000003', error: 'forbidden', reason: 'event 2 of device K7 is not on the central store' }]);
    confirm1.answer(new Set(['ev:K7:0000000002']));
    await expect(run).rejects.toMatchObject({ code: 'notConfirmed', params: { id: 'ev:K7:0000000002' } });
    expect(saved).toEqual([]);
    expect(refused).toEqual([]);
  });
});
