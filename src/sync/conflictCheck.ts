import type { CentralClient } from './centralClient';

/** Older events, below what a run confirms, read back for conflicts at every run. */
export const CONFLICT_SAMPLE = 500;

/**
 * How far a device's events were found free of conflicting revisions on the central store, and
 * the older sequences the last failed check named (asked about again first, until found clean).
 */
export interface ConflictsChecked {
  device: string;
  seq: number;
  suspects: number[];
}

export interface ConflictCheckOptions {
  sample?: number;
  random?: () => number;
}

/**
 * Which of this device's events the central store holds with a conflicting revision, read back
 * without downloading the whole chain at every run: one ranged read of everything not yet found
 * clean (from the last clean check, or from where this run's push started if that is lower, up
 * to what the run confirmed), plus by id the events a failed check named and a random sample of
 * the older ones (all of them while there are no more than the sample). A conflict written later
 * onto an old event can be missed by the sample: `npm run central -- verify` reads every revision.
 * `checked` is what to keep for the next run: advanced to `upTo` only when nothing was found.
 */
export async function findConflicts(client: CentralClient, device: string, run: { from: number; upTo: number },
  saved: ConflictsChecked | null, options: ConflictCheckOptions = {}): Promise<{ seqs: number[]; checked: ConflictsChecked }> {
  const mine = saved?.device === device ? saved : null;
  const checkedTo = Math.max(0, Math.min(mine?.seq ?? 0, run.from, run.upTo));
  const older = new Set((mine?.suspects ?? []).filter((seq) => seq >= 1 && seq <= checkedTo));
  const sample = options.sample ?? CONFLICT_SAMPLE;
  const random = options.random ?? Math.random;
  if (checkedTo <= sample) {
    for (let seq = 1; seq <= checkedTo; seq += 1) older.add(seq);
  } else {
    for (let i = 0; i < sample; i += 1) older.add(1 + Math.floor(random() * checkedTo));
  }
  const seqs = [
    ...await client.conflictedAmong(device, [...older].sort((a, b) => a - b)),
    ...await client.conflictedSeqs(device, checkedTo + 1, run.upTo),
  ];
  const checked = seqs.length > 0
    ? { device, seq: checkedTo, suspects: seqs.filter((seq) => seq <= checkedTo) }
    : { device, seq: run.upTo, suspects: [] };
  return { seqs, checked };
}
