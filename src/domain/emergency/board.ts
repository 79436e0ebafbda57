import type { Triage } from './codes';

export interface BoardVisit {
  visit: string;
  arrivedAt: string;
  category?: Triage | undefined;
  disposedAt?: string | undefined;
}

/**
 * Order on the emergency board: red first, then patients not yet triaged (someone must look at
 * them now), then yellow, green and black ("brought dead"); within each, the longest waiting
 * (earliest arrival) first. Visits with a disposition have left the board.
 */
const RANK: Record<Triage | 'none', number> = { red: 0, none: 1, yellow: 2, green: 3, black: 4 };

export function boardOrder<T extends BoardVisit>(visits: readonly T[]): T[] {
  return visits.filter((v) => !v.disposedAt)
    .sort((a, b) => RANK[a.category ?? 'none'] - RANK[b.category ?? 'none']
      || a.arrivedAt.localeCompare(b.arrivedAt) || a.visit.localeCompare(b.visit));
}

/** Whole minutes waited since arrival, for the board. */
export function minutesWaiting(arrivedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(arrivedAt)) / 60_000));
}
