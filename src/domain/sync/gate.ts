import { z } from 'zod';
import { text } from '../text';

/** The document an administrator creates on the central store once the network is declared clean. */
export const ALL_CLEAR_ID = 'allclear';
export const allClearMarker = z.object({
  _id: z.literal(ALL_CLEAR_ID),
  type: z.literal('allclear'),
  at: z.iso.datetime(),
  by: text(80),
}).passthrough();
export type AllClearMarker = z.output<typeof allClearMarker>;

export type GateDecision =
  | { ok: true; marker: AllClearMarker }
  | { ok: false; code: 'noAllClear' | 'allClearInvalid' | 'allClearTooOld'; params?: Record<string, string> };

/**
 * May this device send? Only with a valid all-clear that was declared after the device's oldest
 * unsent event: a marker older than that belongs to an earlier incident, not to this outage.
 */
export function gateDecision(marker: unknown, oldestUnsentAt: string | null): GateDecision {
  if (marker === null || marker === undefined) return { ok: false, code: 'noAllClear' };
  const parsed = allClearMarker.safeParse(marker);
  if (!parsed.success) return { ok: false, code: 'allClearInvalid' };
  if (oldestUnsentAt && parsed.data.at < oldestUnsentAt) {
    return { ok: false, code: 'allClearTooOld', params: { at: parsed.data.at, by: parsed.data.by, oldest: oldestUnsentAt } };
  }
  return { ok: true, marker: parsed.data };
}
