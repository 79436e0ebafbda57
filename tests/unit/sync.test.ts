import { describe, expect, it } from 'vitest';
import { gateDecision } from '../../src/domain/sync/gate';
import { backoffMs, CONFIRM_WINDOW_MS, confirmDelays, halveBatch, idleProgress, withPulled, withRate } from '../../src/domain/sync/progress';

const marker = (at: string) => ({ _id: 'allclear', type: 'allclear', at, by: 'Dr Mehta' });

describe('the all-clear decision', () => {
  it('refuses without a marker or with a malformed one', () => {
    expect(gateDecision(null, '2026-11-20T10:00:00.000Z')).toEqual({ ok: false, code: 'noAllClear' });
    expect(gateDecision({ _id: 'allclear', at: 'yesterday' }, null)).toEqual({ ok: false, code: 'allClearInvalid' });
  });
  it('accepts a marker declared after the oldest unsent event', () => {
    expect(gateDecision(marker('2026-11-26T09:00:00.000Z'), '2026-11-20T10:00:00.000Z')).toMatchObject({ ok: true });
    expect(gateDecision(marker('2026-11-26T09:00:00.000Z'), null)).toMatchObject({ ok: true });
  });
  it('refuses a marker from before this outage began', () => {
    expect(gateDecision(marker('2026-01-01T00:00:00.000Z'), '2026-11-20T10:00:00.000Z'))
      .toMatchObject({ ok: false, code: 'allClearTooOld', params: { oldest: '2026-11-20T10:00:00.000Z' } });
  });
  it('lets a device go on syncing under the marker it already synced under since its gate opened', () => {
    const m = marker('2026-11-26T09:00:00.000Z');
    expect(gateDecision(m, '2026-11-26T12:00:00.000Z', { syncedUnderMarkerAt: '2026-11-26T09:00:00.000Z' })).toMatchObject({ ok: true });
    expect(gateDecision(m, '2026-11-26T12:00:00.000Z', { syncedUnderMarkerAt: '2026-01-01T00:00:00.000Z' })).toMatchObject({ ok: false });
  });
});

describe('progress and retries', () => {
  it('computes rate and time left from what was sent', () => {
    const p = withRate({ ...idleProgress(), phase: 'pushing', total: 1000, sent: 200, confirmed: 200, startedAt: 0 }, 2000);
    expect(p.rate).toBe(100);
    expect(p.etaSeconds).toBe(8);
  });
  it('backs off exponentially up to a minute and halves batches down to one', () => {
    expect([0, 1, 2, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 60_000]);
    expect([2000, 3, 1].map(halveBatch)).toEqual([1000, 1, 1]);
  });
});

describe('the pull counter', () => {
  it('never shows an estimate below what has already arrived ("8 of about 6")', () => {
    expect(withPulled(8, 6)).toEqual({ pulled: 8, pullExpected: 8 });
    expect(withPulled(3, 6)).toEqual({ pulled: 3, pullExpected: 6 });
  });
});

describe('the confirmation window on a cluster', () => {
  it('waits 0.1 s, then twice as long each time, the last wait cut so that all of them make the window', () => {
    expect(confirmDelays()).toEqual([100, 200, 400, 800, 1600, 3200, 3700]);
    expect(confirmDelays().reduce((a, b) => a + b, 0)).toBe(CONFIRM_WINDOW_MS);
    expect(confirmDelays(250)).toEqual([100, 150]);
    expect(confirmDelays(0)).toEqual([]);
  });
});
