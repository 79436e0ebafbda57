import { describe, expect, it } from 'vitest';
import { PushPipeline, type BatchTail } from '../../../src/server/gateway/pushPipeline';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

const tail = (seq: number): BatchTail => ({ seq, id: `ev:K7:${seq}`, stored: { rev: `1-${seq}`, hash: `h${seq}` } });

/**
 * Batches of one device through the pipeline, each judged and written by the test's hand: the log
 * says what happened in which order, and each write waits until the test lets it finish.
 */
function harness() {
  const pipeline = new PushPipeline();
  const log: string[] = [];
  const writes = new Map<number, { finish: (inFull: boolean) => void }>();
  const changed: Array<() => void> = [];
  const note = (line: string) => { log.push(line); changed.splice(0).forEach((f) => f()); };
  const push = (first: number, last: number) => pipeline.run('K7', first, {
    judge: async (after) => { note(`judge ${first}-${last} after ${after?.seq ?? 'store'}`); return last; },
    tailOf: (l) => tail(l),
    write: (l) => {
      note(`write ${first}-${l}`);
      const done = deferred<boolean>();
      writes.set(first, { finish: done.resolve });
      return done.promise.then((inFull) => { note(`written ${first}-${l}`); return { answer: l, inFull }; });
    },
  });
  const until = async (line: string, times = 1) => {
    while (log.filter((l) => l === line).length < times) await new Promise<void>((r) => changed.push(r));
  };
  return { push, log, writes, until };
}

describe('PushPipeline: the next batch is checked while the one before is written, and written after it', () => {
  it('judges batch 2 against batch 1 while batch 1 is written, and writes it only once batch 1 is stored', async () => {
    const h = harness();
    const one = h.push(1, 2);
    await h.until('write 1-2');
    const two = h.push(3, 4);
    await h.until('judge 3-4 after 2');
    expect(h.log).not.toContain('write 3-4');
    h.writes.get(1)!.finish(true);
    await h.until('write 3-4');
    h.writes.get(3)!.finish(true);
    expect(await Promise.all([one, two])).toEqual([2, 4]);
    expect(h.log).toEqual(['judge 1-2 after store', 'write 1-2', 'judge 3-4 after 2', 'written 1-2', 'write 3-4', 'written 3-4']);
  });

  it('judges batch 2 again against the store when batch 1 was not stored in full', async () => {
    const h = harness();
    const one = h.push(1, 2);
    await h.until('write 1-2');
    const two = h.push(3, 4);
    await h.until('judge 3-4 after 2');
    h.writes.get(1)!.finish(false);
    await h.until('write 3-4');
    h.writes.get(3)!.finish(true);
    await Promise.all([one, two]);
    expect(h.log).toEqual(['judge 1-2 after store', 'write 1-2', 'judge 3-4 after 2', 'written 1-2', 'judge 3-4 after store', 'write 3-4', 'written 3-4']);
  });

  it('judges a batch that does not follow the one being written only after that write, against the store', async () => {
    const h = harness();
    const one = h.push(1, 2);
    await h.until('write 1-2');
    const later = h.push(5, 6);
    const again = h.push(1, 2);
    h.writes.get(1)!.finish(true);
    await h.until('write 5-6');
    h.writes.get(5)!.finish(true);
    await h.until('write 1-2', 2);
    h.writes.get(1)!.finish(true);
    await Promise.all([one, later, again]);
    expect(h.log).toEqual(['judge 1-2 after store', 'write 1-2', 'written 1-2', 'judge 5-6 after store', 'write 5-6', 'written 5-6',
      'judge 1-2 after store', 'write 1-2', 'written 1-2']);
  });

  it('goes on with the next batch after a write that failed', async () => {
    const pipeline = new PushPipeline();
    const judged: Array<number | null> = [];
    const failing = pipeline.run('K7', 1, {
      judge: async () => 2, tailOf: (l) => tail(l),
      write: async () => { throw new Error('the store is not answering'); },
    });
    await expect(failing).rejects.toThrow(/not answering/);
    const next = await pipeline.run('K7', 3, {
      judge: async (after) => { judged.push(after?.seq ?? null); return 4; }, tailOf: (l) => tail(l),
      write: async (l) => ({ answer: l, inFull: true }),
    });
    expect(next).toBe(4);
    expect(judged).toEqual([null]);
  });
});
