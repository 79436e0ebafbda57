import type { EmbeddedStore } from '../central/embeddedStore';

const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps the embedded store running: when it dies on its own it is started again on the same
 * port and data folder, with a line in the log, while the app server goes on answering (the
 * gateway says 503 until the store is back). Restarts back off from 1 s to 30 s.
 */
export function superviseStore(first: EmbeddedStore, restart: () => Promise<EmbeddedStore>, log: (line: string) => void) {
  let current = first;
  let stopped = false;
  let backoff = 1_000;

  const watch = (store: EmbeddedStore) => {
    void store.crashed.then(async (how) => {
      if (stopped) return;
      log(`The embedded store stopped unexpectedly (${how}); restarting it. See ${store.dataDir}/log.txt.`);
      for (;;) {
        await new Promise((r) => setTimeout(r, backoff));
        if (stopped) return;
        try {
          current = await restart();
          backoff = 1_000;
          log('The embedded store is running again.');
          watch(current);
          return;
        } catch (err) {
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          log(`Restarting the embedded store failed (${(err as Error).message}); trying again in ${backoff / 1000} s.`);
        }
      }
    });
  };
  watch(first);

  return {
    stop: async () => {
      stopped = true;
      await current.stop();
    },
  };
}
