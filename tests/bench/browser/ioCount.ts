/**
 * What a step asks of storage, counted while `during` runs: IndexedDB transactions and requests
 * (sealing is synchronous JavaScript, not counted). Unlike times, counts do not move with the
 * machine's load, so two runs on a busy machine still compare.
 */
export function ioCounter() {
  const counts = { transactions: 0, requests: 0 };
  let on = false;
  const undo: Array<() => void> = [];
  const wrap = (proto: object, names: readonly string[], key: keyof typeof counts) => {
    for (const name of names) {
      const p = proto as Record<string, unknown>;
      const original = p[name];
      if (typeof original !== 'function') continue;
      p[name] = function counted(this: unknown, ...args: unknown[]) {
        if (on) counts[key] += 1;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
      undo.push(() => { p[name] = original; });
    }
  };
  wrap(IDBDatabase.prototype, ['transaction'], 'transactions');
  wrap(IDBObjectStore.prototype, ['get', 'getAll', 'getAllKeys', 'getKey', 'put', 'add', 'delete', 'openCursor', 'openKeyCursor', 'count', 'clear'], 'requests');
  wrap(IDBIndex.prototype, ['get', 'getAll', 'getAllKeys', 'getKey', 'openCursor', 'openKeyCursor', 'count'], 'requests');
  return {
    async during<T>(fn: () => Promise<T>): Promise<T> {
      on = true;
      try {
        return await fn();
      } finally {
        on = false;
      }
    },
    /** Mean per counted step. */
    per(steps: number) {
      return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round((v / Math.max(1, steps)) * 10) / 10])) as typeof counts;
    },
    restore() {
      for (const u of undo.reverse()) u();
    },
  };
}
