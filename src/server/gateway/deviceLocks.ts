/**
 * One push per device at a time inside this gateway: the check "is this id stored yet, and is
 * the event before it?" and the write that follows must not interleave with another push of the
 * same chain (two tabs, or two tablets sharing a code).
 */
export class DeviceLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(device: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(device) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.tails.set(device, tail);
    void tail.then(() => { if (this.tails.get(device) === tail) this.tails.delete(device); });
    return mine;
  }
}
