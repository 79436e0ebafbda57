import { describe, expect, it } from 'vitest';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import { ValidationError } from '../../src/domain/errors';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { project } from '../../src/domain/projections/project';
import type { RowUpdate } from '../../src/domain/projections/rows';
import { mergeRoots, mergedUnder } from '../../src/domain/reconcile/merges';
import type { ReconcileRow } from '../../src/domain/reconcile/state';

const A = formatDowntimeId('K7', 1);
const B = formatDowntimeId('M2', 1);
const C = formatDowntimeId('M2', 2);

/** A device's chain of decisions, an hour apart from `hour0`. */
function chain(device: string, items: Array<[string, unknown]>, hour0 = 8) {
  let head: ChainHead | null = null;
  return items.map(([type, data], i) => {
    const e = buildEvent({ type: type as never, data, device, head, at: `2026-12-02T${String(hour0 + i).padStart(2, '0')}:00:00.000Z`, by: device === 'AD' ? 'Asha Verma' : 'Ravi Kumar' });
    head = { seq: e.seq, hash: e.hash };
    return e as AnyEvent;
  });
}

/** Every reconciliation row the events fold to, in the order given. */
function rowsAfter(events: readonly AnyEvent[]): Map<string, ReconcileRow> {
  const rows = new Map<string, ReconcileRow>();
  for (const e of events) {
    for (const u of project(e) as RowUpdate[]) {
      if (u.table !== 'reconciliation') continue;
      const next = (u.update as (p: ReconcileRow | undefined) => ReconcileRow | undefined)(rows.get(u.key));
      if (next) rows.set(u.key, next);
    }
  }
  return rows;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const sorted = (rows: Map<string, ReconcileRow>) => [...rows.values()].sort((a, b) => a.patient.localeCompare(b.patient));

function issues(type: string, data: unknown): string[] {
  try {
    buildEvent({ type: type as never, data, device: 'AD', head: null, at: '2026-12-02T08:00:00.000Z', by: 'Asha Verma' });
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}:${i.code}`);
    throw err;
  }
  return [];
}

describe('reconciliation events', () => {
  it('need a reason, a real downtime ID and UHID, and never merge a patient into itself', () => {
    expect(issues('patient.linked', { patient: A, uhid: 'uh-1002', reason: 'Same mobile' })).toEqual([]);
    expect(issues('patient.linked', { patient: A, uhid: 'UH-1002', reason: '' })).toEqual(['reason:required']);
    expect(issues('patient.linked', { patient: A, uhid: '1', reason: 'x' })).toEqual(['uhid:uhid']);
    expect(issues('patient.markedNew', { patient: 'DT-K7-1', reason: 'x' })).toEqual(['patient:downtimeId']);
    expect(issues('patient.merged', { kept: A, merged: A, reason: 'x' })).toEqual(['merged:mergeItself']);
    expect(issues('reconcile.undone', { undoes: 'ev:AD:42', patient: A, reason: 'x' })).toEqual(['undoes:eventRef']);
  });
});

describe('reconciliation fold', () => {
  it('links, takes a link back, and marks new; the UHID as the HIS writes it', () => {
    const [link, undo, fresh] = chain('AD', [
      ['patient.linked', { patient: A, uhid: 'uh-1002', reason: 'Same mobile and age' }],
      ['reconcile.undone', { undoes: 'ev:AD:0000000001', patient: A, reason: 'Wrong Sunita' }],
      ['patient.markedNew', { patient: A, reason: 'Not in the HIS' }],
    ]);
    expect(rowsAfter([link!]).get(A)).toMatchObject({ status: 'linked', uhid: 'UH-1002', decisions: [{ kind: 'linked', uhid: 'UH-1002', by: 'Asha Verma', reason: 'Same mobile and age' }] });
    expect(rowsAfter([link!, undo!]).get(A)).toMatchObject({ status: 'unreviewed', undos: [{ undoes: link!._id, reason: 'Wrong Sunita' }] });
    expect(rowsAfter([link!, undo!, fresh!]).get(A)).toMatchObject({ status: 'new', updatedAt: fresh!.at });
    // An event folded twice (a pull that brings it again) counts once.
    expect(rowsAfter([link!, undo!, fresh!, fresh!, link!])).toEqual(rowsAfter([link!, undo!, fresh!]));
  });

  it('keeps two administrators\' different decisions made offline as a conflict, in whichever order they arrive, until one is undone', () => {
    const [adLink] = chain('AD', [['patient.linked', { patient: A, uhid: 'UH-1002', reason: 'Same mobile' }]]);
    const [a2Link, a2Merge, a2Undo] = chain('A2', [
      ['patient.linked', { patient: A, uhid: 'UH-2201', reason: 'Same name and village' }],
      ['patient.merged', { kept: B, merged: C, reason: 'Registered twice' }],
      ['reconcile.undone', { undoes: 'ev:AD:0000000001', patient: A, reason: 'The other UHID has her mobile' }],
    ], 9);
    const [adLinkC] = chain('AD', [['patient.linked', { patient: C, uhid: 'UH-3003', reason: 'x' }]], 12);
    const conflict = rowsAfter([adLink!, a2Link!]);
    expect(conflict.get(A)).toMatchObject({ status: 'conflict', decisions: [{ uhid: 'UH-1002', device: 'AD' }, { uhid: 'UH-2201', device: 'A2' }] });
    // The same decision twice is agreement, not a conflict.
    const [again] = chain('A2', [['patient.linked', { patient: A, uhid: 'UH-1002', reason: 'Checked again' }]]);
    expect(rowsAfter([adLink!, again!]).get(A)?.status).toBe('linked');

    // A link and a merge of the same patient conflict as well.
    const all = [adLink!, a2Link!, a2Merge!, a2Undo!, adLinkC!];
    const expected = rowsAfter(all);
    expect(expected.get(A)).toMatchObject({ status: 'linked' });
    expect(expected.get(C)).toMatchObject({ status: 'conflict' });
    // Deterministic: every arrival order (an undo before what it undoes included) folds alike.
    for (const order of permutations(all)) expect(sorted(rowsAfter(order))).toEqual(sorted(expected));
  });
});

describe('merge roots', () => {
  it('follow chains of merges and report a cycle two administrators made offline instead of breaking it', () => {
    const D = formatDowntimeId('K7', 9);
    const roots = mergeRoots([
      { patient: A, status: 'merged', kept: B },
      { patient: B, status: 'merged', kept: C },
      { patient: C, status: 'linked' },
      { patient: D, status: 'conflict', kept: A },
    ]);
    expect(roots.get(A)).toEqual({ root: C });
    expect(roots.get(B)).toEqual({ root: C });
    expect(roots.has(D)).toBe(false);
    expect(mergedUnder(roots).get(C)).toEqual([A, B].sort());
    const cycle = mergeRoots([{ patient: A, status: 'merged', kept: B }, { patient: B, status: 'merged', kept: A }]);
    expect(cycle.get(A)).toEqual({ cycle: [A, B].sort() });
    expect(mergedUnder(cycle).size).toBe(0);
  });
});

describe('workbench keys', () => {
  it('move, pick and open the decisions; a key with a modifier is left to the browser', async () => {
    const { reviewCommand } = await import('../../src/ui/reconcile/reviewKeys');
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => reviewCommand({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });
    expect([key('j'), key('ArrowDown'), key('K'), key('ArrowUp')]).toEqual([{ kind: 'move', by: 1 }, { kind: 'move', by: 1 }, { kind: 'move', by: -1 }, { kind: 'move', by: -1 }]);
    expect([key('1'), key('3'), key('4')]).toEqual([{ kind: 'pick', index: 0 }, { kind: 'pick', index: 2 }, null]);
    expect(['l', 'n', 'M', 'u'].map((k) => key(k))).toEqual(['link', 'new', 'merge', 'undo'].map((form) => ({ kind: 'open', form })));
    expect([key('l', { ctrlKey: true }), key('n', { altKey: true }), key('u', { metaKey: true }), key('Enter')]).toEqual([null, null, null, null]);
  });
});
