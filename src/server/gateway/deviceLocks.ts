/** Work for one device at a time, in the order it was asked for; a failure does not stop the next. */
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
