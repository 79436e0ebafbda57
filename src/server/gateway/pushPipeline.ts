import type { StoredEvent } from '../../domain/sync/pushCheck';
import { DeviceLocks } from './deviceLocks';

/** The last event of a batch, as the store will hold it once the batch is written. */
export interface BatchTail {
  seq: number;
  id: string;
  stored: StoredEvent;
}

interface Writing {
  /** Set when every event of the batch is being written (nothing refused or already held). */
  tail: BatchTail | null;
  /** Resolves true once the store has taken every event of it; never rejects. */
  inFull: Promise<boolean>;
}

/**
 * The pushes of one device, in order: judged one at a time (the check "is the event before it
 * stored?" must not interleave with another push of the same chain: two tabs, or two tablets
 * sharing a code) and written one at a time, each only after the one judged before it was
 * written. A batch that continues the batch being written is judged against that batch's last
 * event while the store writes it, and written only if that batch was stored in full; otherwise
 * it is judged again against the store. The verdicts are those of one push after the other; the
 * store never waits for the gateway's check between two batches.
 */
export class PushPipeline {
  private readonly judging = new DeviceLocks();
  private readonly writing = new Map<string, Writing>();

  async run<J, T>(device: string, first: number, steps: {
    /** `after`: the event to take as stored right before the batch (null: ask the store). */
    judge(after: BatchTail | null): Promise<J>;
    /** The batch's last event, when the whole batch will be written as it is. */
    tailOf(judged: J): BatchTail | null;
    write(judged: J): Promise<{ answer: T; inFull: boolean }>;
  }): Promise<T> {
    const started = await this.judging.run(device, async () => {
      const before = this.writing.get(device);
      let judged: J;
      if (before?.tail && before.tail.seq === first - 1) {
        judged = await steps.judge(before.tail);
        if (!(await before.inFull)) judged = await steps.judge(null);
      } else {
        if (before) await before.inFull;
        judged = await steps.judge(null);
      }
      const written = steps.write(judged);
      const mine: Writing = { tail: steps.tailOf(judged), inFull: written.then((w) => w.inFull, () => false) };
      this.writing.set(device, mine);
      void mine.inFull.then(() => { if (this.writing.get(device) === mine) this.writing.delete(device); });
      // Wrapped, so that the next batch is judged while this one is written.
      return { written };
    });
    return (await started.written).answer;
  }
}
