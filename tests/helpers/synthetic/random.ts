/** A number in [0, 1), like Math.random, but repeatable. */
export type Random = () => number;

/**
 * mulberry32: 32 bits of state, fast, and good enough for test data (not for anything secret).
 * The same seed gives the same sequence on every machine and Node version.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Whole number from min to max, both included. */
export const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

export const chance = (random: Random, probability: number) => random() < probability;

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(random() * items.length)] as T;
}

/** One of the values, each as likely as its weight. */
export function weighted<T>(random: Random, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new RangeError('weighted pick from an empty list');
  return last[0];
}

/** Digits as a string, e.g. for phone and card numbers. */
export const digits = (random: Random, count: number) => Array.from({ length: count }, () => between(random, 0, 9)).join('');
