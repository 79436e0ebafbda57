/**
 * Wrong passwords from one address slow to a stop: after MAX_FAILURES within WINDOW_MS the
 * address is answered 429 without asking the store, until the window has passed. Device
 * passwords are long and random; this keeps a guessing script from using the store as an oracle.
 */
export const MAX_FAILURES = 20;
export const WINDOW_MS = 5 * 60 * 1000;
const MAX_ADDRESSES = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until this address may try again, or 0. */
  blockedFor(address: string): number {
    const entry = this.failures.get(address);
    if (!entry) return 0;
    const left = entry.since + WINDOW_MS - this.now();
    if (left <= 0) {
      this.failures.delete(address);
      return 0;
    }
    return entry.count >= MAX_FAILURES ? left : 0;
  }

  failed(address: string): void {
    const entry = this.failures.get(address);
    if (entry && entry.since + WINDOW_MS > this.now()) entry.count += 1;
    else {
      if (this.failures.size >= MAX_ADDRESSES) this.failures.clear();
      this.failures.set(address, { count: 1, since: this.now() });
    }
  }
}
