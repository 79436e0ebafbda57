import type { Table } from 'dexie';
import type { SettingRecord } from '../device/db';

/** The device's resync gate (GateConfig, sealed: it holds the central password). */
export const GATE = 'syncGate';
/** The local feed sequence up to which the log was found to hold no conflicting pulled event. */
export const PULL_CHECKED = 'pullConflictsCheckedTo';

/**
 * Whether this device pulls every tablet's records: its gate is open as the administrator's
 * device and a pull has come through (which only a reader account can make). Reconciliation
 * decisions are made only there: the central store takes them from a reader account alone, and
 * a refused event would stop every later event of the device's chain from syncing.
 */
export async function pullsEverything(settings: Table<SettingRecord, string>): Promise<boolean> {
  const [gate, pulled] = await Promise.all([settings.get(GATE), settings.get(PULL_CHECKED)]);
  const config = gate?.value as { open?: boolean; pull?: boolean } | undefined;
  return config?.open === true && config.pull === true && pulled !== undefined;
}
