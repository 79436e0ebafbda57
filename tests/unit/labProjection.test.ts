import { describe, expect, it } from 'vitest';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { project } from '../../src/domain/projections/project';
import type { OpenBlockRow } from '../../src/domain/projections/labRows';
import type { RowUpdate } from '../../src/domain/projections/rows';

/** Fold events into in-memory tables, as the projector does into Dexie. */
function fold(events: AnyEvent[]) {
  const tables = new Map<string, Map<string, unknown>>();
  for (const e of events) {
    for (const u of project(e) as RowUpdate[]) {
      const table = tables.get(u.table) ?? new Map<string, unknown>();
      tables.set(u.table, table);
      const next = (u.update as (p: unknown) => unknown)(table.get(u.key));
      if (next === undefined) table.delete(u.key);
      else table.set(u.key, next);
    }
  }
  return tables;
}

function chain(device: string, items: Array<[string, unknown, string?]>) {
  let head: ChainHead | null = null;
  return items.map(([type, data, by], i) => {
    const e = buildEvent({ type: type as never, data, device, head, at: `2026-11-26T0${i}:00:00.000Z`, by: by ?? 'Meena Das' });
    head = { seq: e.seq, hash: e.hash };
    return e as AnyEvent;
  });
}

const sp = formatSpecimenId('K7', 1);
const requested = ['lab.requested', {
  request: 'LR-K7-0000001', patient: 'DT-K7-000001-1', catalogueVersion: 'BASE-1', tests: ['CBC'], priority: 'urgent', dept: 'MED',
  clinician: 'Dr. Meena Iyer', specimens: [{ specimen: sp, container: 'EDTA', sample: 'wholeBlood', tests: ['CBC'] }],
}] as [string, unknown];

describe('lab projection', () => {
  it('makes a request row, a specimen row per container and advances the device counters', () => {
    const tables = fold(chain('K7', [requested]));
    expect(tables.get('labRequests')?.get('LR-K7-0000001')).toMatchObject({ number: 1, specimens: [sp], slipPrints: 0 });
    expect(tables.get('specimens')?.get(sp)).toMatchObject({ status: 'requested', priority: 'urgent', dept: 'MED', container: 'EDTA', number: 1 });
    expect(tables.get('devices')?.get('K7')).toMatchObject({ lastSpecimenNumber: 1, lastRequestNumber: 1 });
    const block = tables.get('labOpen')?.get('K7:0000') as OpenBlockRow;
    expect(block).toMatchObject({ block: 'K7:0000', open: 1 });
    expect(block.items.filter(Boolean)).toEqual([{ specimen: sp, requestedAt: '2026-11-26T00:00:00.000Z', priority: 'urgent', dept: 'MED', container: 'EDTA' }]);
    expect(block.items[1]).toMatchObject({ specimen: sp });
  });

  it('keeps open work by block: moves mark it, closing removes it', () => {
    const tables = fold(chain('K7', [
      requested,
      ['specimen.collected', { specimens: [sp], collectedAt: '2026-11-26T01:00:00.000Z', collectedBy: 'Sister Anjali' }],
      ['specimen.received', { specimens: [sp] }],
    ]));
    expect((tables.get('labOpen')?.get('K7:0000') as OpenBlockRow).items[1]).toMatchObject({ specimen: sp, collected: true, received: true });
    const rejected = fold(chain('K7', [requested, ['specimen.collected', { specimens: [sp], collectedAt: '2026-11-26T01:00:00.000Z', collectedBy: 'Sister Anjali' }],
      ['specimen.rejected', { specimen: sp, reason: 'clotted' }]]));
    expect(rejected.get('labOpen')?.size ?? 0).toBe(0);
  });

  it('counts what is open per block of 1000 numbers, and drops a block once all of it is closed', () => {
    const [a, b] = [formatSpecimenId('K7', 999), formatSpecimenId('K7', 1000)];
    const two = ['lab.requested', {
      ...(requested[1] as object), request: 'LR-K7-0000002', tests: ['CBC', 'LFT'],
      specimens: [{ specimen: a, container: 'EDTA', sample: 'wholeBlood', tests: ['CBC'] }, { specimen: b, container: 'PLAIN', sample: 'serum', tests: ['LFT'] }],
    }] as [string, unknown];
    const open = fold(chain('K7', [requested, two])).get('labOpen')!;
    expect(open.get('K7:0000')).toMatchObject({ open: 2 });
    expect((open.get('K7:0000') as OpenBlockRow).items[999]).toMatchObject({ specimen: a });
    expect((open.get('K7:0001') as OpenBlockRow).items[0]).toMatchObject({ specimen: b, container: 'PLAIN' });
    const after = fold(chain('K7', [requested, two, ['specimen.rejected', { specimen: a, reason: 'clotted' }], ['specimen.reported', { specimens: [b] }]])).get('labOpen')!;
    expect(after.get('K7:0000')).toMatchObject({ open: 1 });
    expect((after.get('K7:0000') as OpenBlockRow).items[999]).toBeNull();
    expect(after.has('K7:0001')).toBe(false);
    // The block's oldest open request moves on when the oldest one is closed.
    expect(open.get('K7:0000')).toMatchObject({ oldest: '2026-11-26T00:00:00.000Z' });
    const later = fold(chain('K7', [requested, two, ['specimen.reported', { specimens: [sp] }]])).get('labOpen')!;
    expect(later.get('K7:0000')).toMatchObject({ open: 1, oldest: '2026-11-26T01:00:00.000Z' });
  });

  it('gives the same specimen row whatever order the moves of two tablets arrive in', () => {
    const [req, ...moves] = chain('K7', [
      requested,
      ['specimen.collected', { specimens: [sp], collectedAt: '2026-11-26T01:00:00.000Z', collectedBy: 'Sister Anjali' }],
      ['specimen.received', { specimens: [sp] }],
      ['specimen.reported', { specimens: [sp], note: 'Hb 9.2' }],
      ['lab.printed', { request: 'LR-K7-0000001', what: 'labels', paper: '50x25', copy: 2, specimen: sp }],
    ]);
    const inOrder = fold([req!, ...moves]).get('specimens')?.get(sp);
    const reversed = fold([req!, ...[...moves].reverse()]).get('specimens')?.get(sp);
    expect(inOrder).toEqual(reversed);
    // Reported: nothing left open, in either order.
    expect(fold([req!, ...moves]).get('labOpen')?.size ?? 0).toBe(0);
    expect(fold([req!, ...[...moves].reverse()]).get('labOpen')?.size ?? 0).toBe(0);
    expect(inOrder).toMatchObject({ status: 'reported', collectedBy: 'Sister Anjali', reportNote: 'Hb 9.2', labelPrints: 2 });
  });

  it('lets the first request with an ID win, and ignores moves of a specimen it has not seen', () => {
    const [first, again] = chain('K7', [requested, [requested[0], { ...(requested[1] as object), priority: 'stat' }]]);
    expect(fold([first!, again!]).get('specimens')?.get(sp)).toMatchObject({ priority: 'urgent' });
    const [move] = chain('M2', [['specimen.received', { specimens: [sp] }]]);
    expect(fold([move!]).get('specimens')?.size ?? 0).toBe(0);
  });
});

describe('results in open work', () => {
  const [req, collected, received, entered] = chain('K7', [
    requested,
    ['specimen.collected', { specimens: [sp], collectedAt: '2026-11-26T01:00:00.000Z', collectedBy: 'Sister Anjali' }],
    ['specimen.received', { specimens: [sp] }],
    ['result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [{ test: 'CBC', analyte: 'HB', value: 13.5 }] }, 'Meena Das'],
  ]) as [AnyEvent, AnyEvent, AnyEvent, AnyEvent];
  /** A verification recorded on another tablet (its own chain), later in the day. */
  const verifiedElsewhere = (by: string) => buildEvent({
    type: 'result.verified', data: { specimen: sp, version: entered._id }, device: 'M2', head: null, at: '2026-11-26T05:00:00.000Z', by,
  }) as AnyEvent;
  const openItem = (tables: ReturnType<typeof fold>) => (tables.get('labOpen')?.get('K7:0000') as OpenBlockRow | undefined)?.items[1];

  it('marks an entry waiting for verification in open work', () => {
    const tables = fold([req, collected, received, entered]);
    expect(openItem(tables)).toMatchObject({ specimen: sp, received: true, entered: true });
    expect(tables.get('specimens')?.get(sp)).toMatchObject({ status: 'received' });
  });

  it('keeps a self-verification from closing the specimen, as the results row refuses it, also when pulled', () => {
    const tables = fold([req, collected, received, entered, verifiedElsewhere('MEENA DAS')]);
    expect(tables.get('labResults')?.get(sp)).toMatchObject({ status: 'entered' });
    expect(openItem(tables)).toMatchObject({ specimen: sp, entered: true });
    expect(tables.get('specimens')?.get(sp)).toMatchObject({ status: 'received' });
    expect(tables.get('specimens')?.get(sp)).not.toHaveProperty('reportedAt');
  });

  it('closes the specimen once another person verifies, whichever arrives first', () => {
    const inOrder = fold([req, collected, received, entered, verifiedElsewhere('Dr. Rao')]);
    const verifiedFirst = fold([req, collected, received, verifiedElsewhere('Dr. Rao'), entered]);
    for (const tables of [inOrder, verifiedFirst]) {
      expect(tables.get('labResults')?.get(sp)).toMatchObject({ status: 'verified' });
      expect(tables.get('labOpen')?.size ?? 0).toBe(0);
      expect(tables.get('specimens')?.get(sp)).toMatchObject({ status: 'reported', reportedAt: '2026-11-26T05:00:00.000Z', reportedBy: 'Dr. Rao' });
    }
    expect(inOrder.get('specimens')?.get(sp)).toEqual(verifiedFirst.get('specimens')?.get(sp));
  });
});
