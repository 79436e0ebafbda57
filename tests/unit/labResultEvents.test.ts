import { describe, expect, it } from 'vitest';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import { ValidationError } from '../../src/domain/errors';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { changedAnalytes, missingCallOuts, resultState, type ResultRecord } from '../../src/domain/lab/results/resultState';
import { project } from '../../src/domain/projections/project';
import type { LabResultRow } from '../../src/domain/projections/labRows';
import type { RowUpdate } from '../../src/domain/projections/rows';

const sp = formatSpecimenId('K7', 1);
const hb = (value: number) => ({ test: 'CBC', analyte: 'HB', value });

function chain(device: string, items: Array<[string, unknown, string]>, hour0 = 0) {
  let head: ChainHead | null = null;
  return items.map(([type, data, by], i) => {
    const e = buildEvent({ type: type as never, data, device, head, at: `2026-11-26T${String(hour0 + i).padStart(2, '0')}:00:00.000Z`, by });
    head = { seq: e.seq, hash: e.hash };
    return e as AnyEvent;
  });
}

function rowAfter(events: AnyEvent[]): LabResultRow | undefined {
  let row: LabResultRow | undefined;
  for (const e of events) {
    for (const u of project(e) as RowUpdate[]) if (u.table === 'labResults') row = (u.update as (p: unknown) => LabResultRow)(row);
  }
  return row;
}

function issues(type: string, data: unknown): string[] {
  try {
    buildEvent({ type: type as never, data, device: 'K7', head: null, at: '2026-11-26T10:00:00.000Z', by: 'Meena Das' });
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}:${i.code}`);
    throw err;
  }
  return [];
}

describe('result events', () => {
  it('take only numbers or bounded text as values, one per analyte, and a confirmed read-back', () => {
    expect(issues('result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [hb(9.1)] })).toEqual([]);
    expect(issues('result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [] })).toEqual(['values:noResults']);
    expect(issues('result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [hb(9.1), hb(9.2)] })).toEqual(['values:duplicateAnalyte']);
    expect(issues('result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [{ ...hb(1), value: { $gt: 1 } }] })).not.toEqual([]);
    expect(issues('result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [{ ...hb(1), value: 'x'.repeat(501) }] })).not.toEqual([]);
    expect(issues('result.verified', { specimen: sp, version: 'ev:K7:42' })).toEqual(['version:eventRef']);
    expect(issues('result.calledOut', { specimen: sp, values: [hb(6.1)], to: 'Sister Anjali', readBack: false, calledAt: '2026-11-26T10:00:00.000Z' })).toEqual(['readBack:readBack']);
    expect(issues('result.amended', { specimen: sp, analyteVersion: 'BASE-1', values: [hb(9)], amends: 'ev:K7:0000000002', reason: '' })).toEqual(['reason:required']);
  });
});

describe('result state', () => {
  const entered = ['result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [hb(6.1)] }, 'Meena Das'] as [string, unknown, string];

  it('goes draft → entered → verified → amended, keeping every released version', () => {
    const events = chain('K7', [
      ['result.drafted', { specimen: sp, analyteVersion: 'BASE-1', values: [] }, 'Meena Das'],
      entered,
      ['result.calledOut', { specimen: sp, values: [hb(6.1)], to: 'Sister Anjali', readBack: true, calledAt: '2026-11-26T02:30:00.000Z' }, 'Meena Das'],
    ]);
    const [verified, amended] = chain('P9', [
      ['result.verified', { specimen: sp, version: events[1]!._id }, 'Dr. Rao'],
      ['result.amended', { specimen: sp, analyteVersion: 'BASE-1', values: [hb(6.4)], amends: events[1]!._id, reason: 'rerun' }, 'Dr. Rao'],
    ], 4).map((e) => [e]);
    expect(rowAfter(events.slice(0, 1))?.status).toBe('draft');
    expect(rowAfter(events)?.status).toBe('entered');
    const row = rowAfter([...events, ...verified!, ...amended!])!;
    expect(row).toMatchObject({ status: 'amended', enteredBy: 'Dr. Rao', verifiedBy: 'Dr. Rao' });
    const s = resultState(row.records);
    expect(s.releases.map((v) => [v.kind, v.values[0]!.value, v.verifiedBy])).toEqual([['entered', 6.1, 'Dr. Rao'], ['amended', 6.4, 'Dr. Rao']]);
    expect(s.released).toMatchObject({ reason: 'rerun', amends: events[1]!._id });
    expect(changedAnalytes(s.releases[0]!.values, s.released!.values)).toEqual(['CBC.HB']);
    expect(missingCallOuts([hb(6.1), hb(6.4)], s.callOuts)).toEqual([hb(6.4)]);
    // Pulled in any order, the row is the same.
    const shuffled = [amended![0]!, verified![0]!, events[2]!, events[0]!, events[1]!];
    expect(rowAfter(shuffled)).toEqual(row);
  });

  it('releases nothing when the one who entered verifies, or a verification names an unknown entry', () => {
    const [e] = chain('K7', [entered]);
    const self = chain('K7', [['result.verified', { specimen: sp, version: e!._id }, 'meena  das']], 3);
    expect(rowAfter([e!, ...self])?.status).toBe('entered');
    const unknown = chain('P9', [['result.verified', { specimen: sp, version: 'ev:K7:0000000099' }, 'Dr. Rao']], 3);
    expect(rowAfter([e!, ...unknown])?.status).toBe('entered');
    const records: ResultRecord[] = [{ id: 'ev:P9:0000000001', at: '2026-11-26T09:00:00.000Z', by: 'Dr. Rao', kind: 'amended', analyteVersion: 'BASE-1', values: [hb(7)], amends: e!._id, reason: 'x' }];
    expect(resultState(records).status).toBe('none'); // an amendment of nothing released
  });

  it('marks the specimen reported once verified', () => {
    const [e] = chain('K7', [entered]);
    const [v] = chain('P9', [['result.verified', { specimen: sp, version: e!._id }, 'Dr. Rao']], 3);
    const updates = project(v!).map((u) => u.table);
    expect(updates).toEqual(expect.arrayContaining(['labResults', 'specimens', 'labOpen']));
  });
});
