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
