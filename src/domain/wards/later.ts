/** When and where an event was written: enough to order any two events alike on every device. */
export interface Stamp {
  at: string;
  /** Absent on rows folded before the stamp was kept: they order before any device at the same instant. */
  device?: string | undefined;
  seq?: number | undefined;
}

/**
 * Whether `a` is later than `b`: by time; on the same instant by device code, then by the
 * device's sequence. A total order, so folding two devices' events in either order (a pull, a
 * resync, a rebuild) leaves the same rows; whose event wins a tie is arbitrary but the same
 * everywhere.
 */
export function later(a: Stamp, b: Stamp): boolean {
  if (a.at !== b.at) return a.at > b.at;
  const da = a.device ?? '';
  const db = b.device ?? '';
  if (da !== db) return da > db;
  return (a.seq ?? 0) > (b.seq ?? 0);
}

