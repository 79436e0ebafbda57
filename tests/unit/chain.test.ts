import { describe, expect, it } from 'vitest';
import { buildEvent, computeHash, type AnyEvent } from '../../src/domain/events/envelope';
import { reportLine, verifyChain } from '../../src/domain/events/chain';

function chain(n: number, device = 'K7'): AnyEvent[] {
  const events: AnyEvent[] = [];
  for (let i = 0; i < n; i += 1) {
    const head = events.at(-1) ?? null;
    events.push(buildEvent({ type: 'user.added', data: { name: `User ${String.fromCharCode(65 + i)}`, role: 'clerk' },
      device, head: head && { seq: head.seq, hash: head.hash }, at: `2026-11-26T10:00:0${i}.000Z`, by: 'Asha' }) as AnyEvent);
  }
  return events;
}

describe('verifyChain', () => {
  it('passes an intact chain and reports its head', () => {
    const events = chain(5);
    expect(verifyChain('K7', events)).toEqual({ device: 'K7', ok: true, count: 5, head: { seq: 5, hash: events[4]!.hash } });
  });

  it('passes an empty chain', () => {
    expect(verifyChain('K7', [])).toMatchObject({ ok: true, count: 0, head: null });
  });

  it('finds an event whose content was changed', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, by: 'Mallory' } as AnyEvent;
    expect(verifyChain('K7', events)).toMatchObject({ ok: false, count: 2, break: { kind: 'changed', seq: 3 } });
  });

  it('finds an event that was changed and re-hashed (its successor no longer points at it)', () => {
    const events = chain(5);
    const forged = { ...events[2]!, by: 'Mallory' } as AnyEvent;
    events[2] = { ...forged, hash: computeHash(forged) } as AnyEvent;
    expect(verifyChain('K7', events)).toMatchObject({ ok: false, break: { kind: 'changed', seq: 3, id: 'ev:K7:0000000003' } });
  });

  it('finds missing events', () => {
    const events = chain(6);
    events.splice(2, 2);
    expect(verifyChain('K7', events)).toMatchObject({ ok: false, break: { kind: 'missing', seq: 3, id: 'ev:K7:0000000003', detail: 'events 3–4 are missing' } });
    expect(verifyChain('K7', chain(3).slice(1))).toMatchObject({ ok: false, break: { kind: 'missing', seq: 1 } });
  });

  it('says one missing event in the singular', () => {
    const events = chain(7);
    events.splice(5, 1);
    const report = verifyChain('K7', events);
    expect(report).toMatchObject({ ok: false, break: { kind: 'missing', seq: 6, detail: 'event 6 is missing' } });
    expect(reportLine(report)).toBe('K7: BROKEN at event 6 (ev:K7:0000000006): missing, event 6 is missing');
    expect(reportLine(verifyChain('K7', chain(1)))).toBe('K7: OK, 1 event');
    expect(reportLine(verifyChain('K7', chain(2)))).toBe('K7: OK, 2 events');
  });

  it('finds events out of order', () => {
    const events = chain(5);
    [events[1], events[3]] = [events[3]!, events[1]!];
    expect(verifyChain('K7', events)).toMatchObject({ ok: false, break: { kind: 'missing', seq: 2 } });
    const swapped = chain(4);
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(verifyChain('K7', swapped)).toMatchObject({ ok: false, break: { seq: 3 } });
  });

  it('finds a fork: two events with the same sequence', () => {
    const a = chain(3);
    const b = buildEvent({ type: 'user.added', data: { name: 'Other', role: 'lab' }, device: 'K7',
      head: { seq: 2, hash: a[1]!.hash }, at: '2026-11-26T11:00:00.000Z', by: 'Asha' }) as AnyEvent;
    expect(verifyChain('K7', [...a, b])).toMatchObject({ ok: false, break: { kind: 'forked', seq: 3 } });
  });

  it('finds another device\'s event and non-events in the chain', () => {
    expect(verifyChain('K7', [...chain(2), ...chain(3, 'M2').slice(2)])).toMatchObject({ ok: false, break: { kind: 'malformed' } });
    expect(verifyChain('K7', [...chain(2), { _id: 'ev:K7:0000000003', junk: true }])).toMatchObject({ ok: false, break: { kind: 'malformed', seq: 3 } });
  });
});
