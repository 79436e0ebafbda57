/** Latency figures the benchmark pages report: p50, p95 and max of timed samples. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { samples: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1]! };
}

export async function time<T>(samples: number, fn: (i: number) => Promise<T> | T) {
  return stats((await timeEach(samples, fn)).map((t) => t.ms));
}

/** Each sample's time, by sample index: to find out which inputs make the tail. */
export async function timeEach<T>(samples: number, fn: (i: number) => Promise<T> | T) {
  const times: Array<{ i: number; ms: number }> = [];
  for (let i = 0; i < samples; i += 1) {
    const t0 = performance.now();
    await fn(i);
    times.push({ i, ms: performance.now() - t0 });
  }
  return times;
}
