/** Latency figures the benchmark pages report: p50, p95 and max of timed samples. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { samples: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1]! };
}

export async function time<T>(samples: number, fn: (i: number) => Promise<T> | T, pauseMs = 0) {
  return stats((await timeEach(samples, fn, pauseMs)).map((t) => t.ms));
}

/**
 * Each sample's time, by sample index: to find out which inputs make the tail. `pauseMs` of idle
 * before each sample (untimed) lets what one sample left running settle before the next.
 */
export async function timeEach<T>(samples: number, fn: (i: number) => Promise<T> | T, pauseMs = 0) {
  const times: Array<{ i: number; ms: number }> = [];
  for (let i = 0; i < samples; i += 1) {
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    const t0 = performance.now();
    await fn(i);
    times.push({ i, ms: performance.now() - t0 });
  }
  return times;
}

/**
 * After a suite's load: the live feed may still be delivering the load's changes (let the
 * projector catch up until it finds nothing three times running), and IndexedDB's LevelDB goes on
 * compacting what was written for minutes after a load of hundreds of MB. The runner watches the
 * browser's processes (browserSettled in run.ts) until they are quiet, as a tablet whose data came
 * in over two weeks would be: how long that took, and whether it happened within its limit.
 */
export async function settleAfterLoad(projector: { catchUp(): Promise<number> }): Promise<{ settled: boolean; ms: number } | null> {
  for (let quiet = 0; quiet < 3;) {
    await new Promise((r) => setTimeout(r, 500));
    quiet = (await projector.catchUp()) === 0 ? quiet + 1 : 0;
  }
  const runner = window as unknown as { browserSettled?: () => Promise<{ settled: boolean; ms: number }> };
  return runner.browserSettled ? runner.browserSettled() : null;
}
