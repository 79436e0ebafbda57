import * as z from 'zod/mini';
import { text } from '../text';

/** The document an administrator creates on the central store once the network is declared clean. */
export const ALL_CLEAR_ID = 'allclear';
export const allClearMarker = z.looseObject({
  _id: z.literal(ALL_CLEAR_ID),
  type: z.literal('allclear'),
  at: z.iso.datetime(),
  by: text(80),
});
export type AllClearMarker = z.output<typeof allClearMarker>;

export type GateDecision =
  | { ok: true; marker: AllClearMarker }
  | { ok: false; code: 'noAllClear' | 'allClearInvalid' | 'allClearTooOld'; params?: Record<string, string> };

export interface DeviceHistory {
  /** The all-clear under which this device last completed a verified sync since its gate opened. */
  syncedUnderMarkerAt: string | null;
}

/**
 * May this device send? Only with a valid all-clear, and only if that all-clear belongs to this
 * outage: declared after the device's oldest unsent event. One case is not "an earlier incident"
 * although its unsent events are newer than the marker: a device that has already completed a
 * verified sync under this same marker since its gate was opened goes on working on a clean
 * network. Closing and reopening the gate (what an administrator does when a new outage begins)
 * forgets that; declaring the all-clear again moves the marker forward.
 */
export function gateDecision(marker: unknown, oldestUnsentAt: string | null, history: DeviceHistory = { syncedUnderMarkerAt: null }): GateDecision {
  if (marker === null || marker === undefined) return { ok: false, code: 'noAllClear' };
  const parsed = allClearMarker.safeParse(marker);
  if (!parsed.success) return { ok: false, code: 'allClearInvalid' };
  const continuing = history.syncedUnderMarkerAt === parsed.data.at;
  if (oldestUnsentAt && parsed.data.at < oldestUnsentAt && !continuing) {
    return { ok: false, code: 'allClearTooOld', params: { at: parsed.data.at, by: parsed.data.by, oldest: oldestUnsentAt } };
  }
  return { ok: true, marker: parsed.data };
}
