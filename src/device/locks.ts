/**
 * Exclusive sections across everything that shares this device's storage. In a browser that is
 * every tab of the app (Web Locks API); elsewhere (tests, very old browsers) it falls back to a
 * lock that only covers this JavaScript realm.
 */
export interface Locks {
  run<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export function inProcessLocks(): Locks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const before = tails.get(name) ?? Promise.resolve();
      const result = before.then(fn, fn);
      const tail = result.catch(() => undefined);
      tails.set(name, tail);
      void tail.then(() => { if (tails.get(name) === tail) tails.delete(name); });
      return result;
    },
  };
}

export function webLocks(manager: LockManager): Locks {
  return { run: <T>(name: string, fn: () => Promise<T>) => manager.request(name, { mode: 'exclusive' }, fn) as Promise<T> };
}

export function defaultLocks(): Locks {
  const manager = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return manager ? webLocks(manager) : inProcessLocks();
}
