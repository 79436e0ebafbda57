/** When to warn that the browser may soon refuse writes or evict the device's data. */
export type StorageLevel = 'ok' | 'warn' | 'critical' | 'unknown';

export const WARN_FRACTION = 0.7;
export const CRITICAL_FRACTION = 0.9;
/** Below this much free space a busy desk has about a day left (≈ 2 KB per event, 50,000 events). */
export const WARN_FREE_BYTES = 100 * 1024 * 1024;

export function storageLevel(usage: number | undefined, quota: number | undefined): StorageLevel {
  if (usage === undefined || quota === undefined || quota <= 0) return 'unknown';
  const used = usage / quota;
  if (used >= CRITICAL_FRACTION) return 'critical';
  if (used >= WARN_FRACTION || quota - usage < WARN_FREE_BYTES) return 'warn';
  return 'ok';
}
