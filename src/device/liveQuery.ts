/** How a live query hears that its answer may have changed. */
export interface Rerun {
  /** Something was written: run again within 100 ms (a burst of writes runs it once). */
  soon: () => void;
  /** Run again now (the key ring opened: queries that were refused can answer). */
  now: () => void;
}

/**
 * Runs `query`, then again whenever `watch` says so, giving each answer to `onValue`; never two
 * runs at once (one asked for meanwhile runs after). Returns the stop function.
 */
export function liveQuery<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (err: unknown) => void,
  watch: (rerun: Rerun) => () => void,
): () => void {
  let stopped = false;
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const value = await query();
      if (!stopped) onValue(value);
    } catch (err) {
      if (!stopped) onError(err);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  };
  const unwatch = watch({
    soon: () => {
      if (stopped || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, 100);
    },
    now: () => { if (!stopped) void run(); },
  });
  void run();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    unwatch();
  };
}
