/** What the administrator watches during a resync. */
export interface SyncProgress {
  phase: 'idle' | 'checking' | 'pushing' | 'verifying' | 'confirming' | 'pulling' | 'paused' | 'waiting' | 'done' | 'failed';
  /** This device's events in the local log. */
  total: number;
  /** Sent in this run and accepted by the server. */
  sent: number;
  /** Known to be held by the server with the same revision. */
  confirmed: number;
  refused: number;
  pulled: number;
  /** About how many the pull has to bring in: the central store's documents less this log's. */
  pullExpected: number | null;
  startedAt: number | null;
  /** Events per second since the run started. */
  rate: number | null;
  /** Seconds left at the current rate. */
  etaSeconds: number | null;
  retryAt: number | null;
  message: { code: string; params?: Record<string, string | number> } | null;
  /** The pull's own failure, reported apart from the push it followed. */
  pullError: { code: string; params?: Record<string, string | number> } | null;
}

export const idleProgress = (): SyncProgress => ({
  phase: 'idle', total: 0, sent: 0, confirmed: 0, refused: 0, pulled: 0, pullExpected: null, startedAt: null, rate: null, etaSeconds: null, retryAt: null, message: null, pullError: null,
});

export function withRate(p: SyncProgress, now: number): SyncProgress {
  if (p.startedAt === null || p.sent === 0) return { ...p, rate: null, etaSeconds: null };
  const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
  const rate = p.sent / seconds;
  const left = Math.max(0, p.total - p.confirmed - p.refused);
  return { ...p, rate, etaSeconds: rate > 0 ? left / rate : null };
}

/** What a run or a past run's record has left to confirm. */
export const pendingOf = (c: { total: number; confirmed: number; refused: number }) => Math.max(0, c.total - c.confirmed - c.refused);

/**
 * The pull's estimate is counted before it starts (the central store's documents less this
 * log's), so documents written meanwhile can outrun it: never show an estimate below what arrived.
 */
export const withPulled = (pulled: number, expected: number): Pick<SyncProgress, 'pulled' | 'pullExpected'> =>
  ({ pulled, pullExpected: Math.max(pulled, expected) });

/** Waits between retries when the network drops: 1 s, 2 s, 4 s … at most a minute. */
export const backoffMs = (attempt: number) => Math.min(60_000, 1000 * 2 ** Math.max(0, attempt));

/** HTTP 413: the batch was too large for the server or a proxy in between. */
export const halveBatch = (size: number) => Math.max(1, Math.floor(size / 2));

/**
 * How long, in all, a resync waits for a cluster's lagging copy to show a write it was told
 * about, before re-sending what is still missing (and as long again after that).
 */
export const CONFIRM_WINDOW_MS = 10_000;

/** The waits between re-asks within the window: 100 ms doubling, the last one cut to fill it. */
export function confirmDelays(windowMs = CONFIRM_WINDOW_MS): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let step = 100; total < windowMs; step *= 2) {
    const wait = Math.min(step, windowMs - total);
    delays.push(wait);
    total += wait;
  }
  return delays;
}
