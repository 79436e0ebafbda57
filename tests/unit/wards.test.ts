import { describe, expect, it } from 'vitest';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import type { EventType } from '../../src/domain/events/catalog';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { project } from '../../src/domain/projections/project';
import type { ProjectionRows, RowUpdate, TableName } from '../../src/domain/projections/rows';
import { formatAdmissionId, parseAdmissionId } from '../../src/domain/wards/admissionId';
import { admittedTwice, bedBoard, bedCounts, twiceCount } from '../../src/domain/wards/bedBoard';
import { bedListText, parseBedList } from '../../src/domain/wards/bedList';
import { WARD_EVENT_SCHEMAS } from '../../src/domain/wards/events';
import { toIssues } from '../../src/domain/validation';
import { censusRows } from '../../src/domain/wards/census';

const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : toIssues(r.error as never).map((i) => `${i.path}:${i.code}`);
};

describe('IP numbers', () => {
  it('count per device and carry the MOD 37,36 check character, so a mistyped one is "not valid"', () => {
    const id = formatAdmissionId('K7', 42);
    expect(id).toMatch(/^IP-K7-000042-[0-9A-Z]$/);
    expect(parseAdmissionId(id)).toEqual({ ok: true, id, device: 'K7', number: 42 });
    expect(parseAdmissionId(id.toLowerCase().replace(/-/g, ' '))).toMatchObject({ ok: true, id });
    const wrongDigit = id.replace('000042', '000043');
    expect(parseAdmissionId(wrongDigit)).toEqual({ ok: false, reason: 'idCheck' });
    expect(parseAdmissionId('DT-K7-000042-1')).toEqual({ ok: false, reason: 'idFormat' });
    expect(() => formatAdmissionId('K7', 0)).toThrow(RangeError);
  });
});

describe('bed lists as a clerk types them', () => {
  it('expands ranges, takes a type at the end of a line, upper-cases labels and writes the list back in ranges', () => {
    const { beds, issues: found } = parseBedList('1-3\nicu1-ICU2 icu\nC1, C2 cot\n\n');
    expect(found).toEqual([]);
    expect(beds).toEqual([
      { label: '1', type: 'general' }, { label: '2', type: 'general' }, { label: '3', type: 'general' },
      { label: 'ICU1', type: 'icu' }, { label: 'ICU2', type: 'icu' }, { label: 'C1', type: 'cot' }, { label: 'C2', type: 'cot' },
    ]);
    expect(bedListText(beds)).toBe('1-3\nICU1-ICU2 icu\nC1-C2 cot');
    expect(parseBedList(bedListText(beds)).beds).toEqual(beds);
  });

  it('refuses a label twice, a bad label, a backwards range, too many beds and an empty list', () => {
    expect(parseBedList('1-3\n2').issues).toEqual([{ path: 'beds', code: 'bedTwice', params: { label: '2' } }]);
    expect(parseBedList('B<1>').issues.map((i) => i.code)).toEqual(['bedLabel']);
    expect(parseBedList('9-1').issues.map((i) => i.code)).toEqual(['bedLabel']);
    expect(parseBedList('1-150\nA1-A60').issues.map((i) => i.code)).toEqual(['tooManyBeds']);
    expect(parseBedList('  \n').issues.map((i) => i.code)).toEqual(['required']);
  });
});

const P1 = formatDowntimeId('K7', 1);
const P2 = formatDowntimeId('M2', 1);
const ADMIT = { ward: 'SURG', bed: '3', source: 'emergency', dept: 'SUR', consultant: 'Dr Meera Iyer', diagnosis: 'Fracture shaft of femur (R)' };

describe('ward events', () => {
  it('refuse what a form or a hostile tablet could send', () => {
    const s = WARD_EVENT_SCHEMAS;
    expect(issues(s['ward.defined'], { ward: 'surgery ward', name: 'Surgery', beds: [{ label: '1', type: 'general' }] })).toEqual(['ward:wardCode']);
    expect(issues(s['ward.defined'], { ward: 'SURG', name: 'Surgery', beds: [{ label: '1', type: 'general' }, { label: '1', type: 'icu' }] })).toEqual(['beds.1.label:bedTwice']);
    expect(issues(s['ward.defined'], { ward: 'SURG', name: 'Surgery', beds: [] })).toEqual(['beds:required']);
    expect(issues(s['bed.marked'], { ward: 'SURG', bed: '1', status: 'occupied' })).toEqual(['status:bedMark']);
    const admission = formatAdmissionId('K7', 1);
    expect(issues(s['ward.admitted'], { ...ADMIT, admission, patient: P1, source: 'teleport' })).toEqual(['source:admitSource']);
    expect(issues(s['ward.admitted'], { ...ADMIT, admission: 'IP-K7-1', patient: P1 })).toEqual(['admission:admissionId']);
    expect(issues(s['ward.admitted'], { ...ADMIT, admission, patient: P1, bed: '<b>' })).toEqual(['bed:bedLabel']);
    expect(issues(s['ward.discharged'], { admission, from: { ward: 'SURG', bed: '3' }, outcome: 'death' })).toEqual(['diedAt:required']);
    expect(issues(s['ward.discharged'], { admission, from: { ward: 'SURG', bed: '3' }, outcome: 'normal', diedAt: '2026-12-01T10:00:00.000Z' })).toEqual(['diedAt:diedAtNotDeath']);
    expect(issues(s['ward.discharged'], { admission, from: { ward: 'SURG', bed: '3' }, outcome: 'death', diedAt: '2026-12-01T10:00:00.000Z' })).toEqual([]);
    expect(issues(s['ward.enteredInError'], { admission, from: { ward: 'SURG', bed: '3' } })).toEqual(['reason:required']);
    expect(issues(s['ward.enteredInError'], { admission, from: { ward: 'SURG', bed: '3' }, reason: 'Wrong patient', outcome: 'normal' })).toEqual(['outcome:unknownField']);
    expect(issues(s['ward.enteredInError'], { admission, from: { ward: 'SURG', bed: '3' }, reason: 'Wrong patient' })).toEqual([]);
  });
});

/** Folds events into rows the way the projector does, in the order given. */
function fold(events: readonly AnyEvent[]) {
  const tables: { [T in TableName]?: Map<string, ProjectionRows[T]> } = {};
  for (const e of events) {
    for (const u of project(e) as RowUpdate[]) {
      const table = (tables[u.table] ??= new Map()) as Map<string, unknown>;
      const next = u.update(table.get(u.key) as never);
      if (next === undefined) table.delete(u.key); else table.set(u.key, next);
    }
  }
  return tables;
}

function chain(device: string, start: number) {
  let head: ChainHead | null = null;
  let t = start;
  return <T extends EventType>(type: T, data: unknown): AnyEvent => {
    const e = buildEvent({ type, data, device, head, at: new Date((t += 60_000)).toISOString(), by: 'Kavita Joshi' }) as AnyEvent;
    head = { seq: e.seq, hash: e.hash };
    return e;
  };
}

describe('beds, admissions and conflicts, folded', () => {
  const start = Date.parse('2026-12-01T04:00:00.000Z');
  const ward = { ward: 'SURG', name: 'Surgery ward', beds: [{ label: '1', type: 'general' }, { label: '2', type: 'general' }, { label: '3', type: 'icu' }] };

  it('places an admission, moves it by the latest transfer, marks the bed it left being cleaned, and counts IP numbers per device', () => {
    const k7 = chain('K7', start);
    const a = formatAdmissionId('K7', 1);
    const events = [
      k7('ward.defined', ward),
      k7('bed.marked', { ward: 'SURG', bed: '2', status: 'reserved' }),
      k7('ward.admitted', { ...ADMIT, admission: a, patient: P1, bed: '1' }),
      k7('ward.transferred', { admission: a, from: { ward: 'SURG', bed: '1' }, to: { ward: 'SURG', bed: '3' } }),
    ];
    const t = fold(events);
    expect(t.admissions!.get(a)).toMatchObject({ status: 'admitted', ward: 'SURG', bed: '3', number: 1, moves: [{ bed: '1' }, { bed: '3' }] });
    expect(t.devices!.get('K7')!.lastAdmissionNumber).toBe(1);
    const marks = new Map([...t.beds!.values()].map((b) => [b.bed, b.status]));
    const board = bedBoard('SURG', t.wards!.get('SURG')!.beds, marks, [...t.admissions!.values()]);
    expect(board.map((b) => `${b.label}:${b.state}`)).toEqual(['1:cleaning', '2:reserved', '3:occupied']);
    expect(bedCounts(board)).toEqual({ free: 0, occupied: 1, reserved: 1, cleaning: 1, conflict: 0 });

    // Discharged: the bed is being cleaned, then marked free; a later discharge pulled from elsewhere changes nothing.
    const more = [
      k7('ward.discharged', { admission: a, from: { ward: 'SURG', bed: '3' }, outcome: 'normal' }),
      k7('bed.marked', { ward: 'SURG', bed: '3', status: 'free' }),
    ];
    const after = fold([...events, ...more]);
    expect(after.admissions!.get(a)).toMatchObject({ status: 'discharged', outcome: 'normal' });
    const board2 = bedBoard('SURG', ward.beds as never, new Map([...after.beds!.values()].map((b) => [b.bed, b.status])), [...after.admissions!.values()]);
    expect(board2.map((b) => b.state)).toEqual(['cleaning', 'reserved', 'free']);
  });

  it('shows two patients put in one bed by two devices as a conflict, in whichever order the events meet, until one is moved', () => {
    const k7 = chain('K7', start);
    const m2 = chain('M2', start + 30_000);
    const a = formatAdmissionId('K7', 1);
    const b = formatAdmissionId('M2', 1);
    const fromK7 = [k7('ward.defined', ward), k7('ward.admitted', { ...ADMIT, admission: a, patient: P1 })];
    const fromM2 = [m2('ward.defined', ward), m2('ward.admitted', { ...ADMIT, admission: b, patient: P2, consultant: 'Dr Arvind Rao' })];
    for (const events of [[...fromK7, ...fromM2], [...fromM2, ...fromK7]]) {
      const t = fold(events);
      const board = bedBoard('SURG', t.wards!.get('SURG')!.beds, new Map(), [...t.admissions!.values()]);
      const bed3 = board.find((x) => x.label === '3')!;
      expect(bed3.state).toBe('conflict');
      // Both kept, neither overwritten: the first placed first.
      expect(bed3.patients.map((p) => [p.admission, p.consultant])).toEqual([[a, 'Dr Meera Iyer'], [b, 'Dr Arvind Rao']]);
      expect(bedCounts(board).conflict).toBe(1);
    }
    const resolved = fold([...fromK7, ...fromM2, m2('ward.transferred', { admission: b, from: { ward: 'SURG', bed: '3' }, to: { ward: 'SURG', bed: '2' } })]);
    const board = bedBoard('SURG', ward.beds as never, new Map(), [...resolved.admissions!.values()]);
    expect(board.map((x) => `${x.label}:${x.state}:${x.patients.map((p) => p.admission).join()}`)).toEqual(['1:free:', `2:occupied:${b}`, `3:occupied:${a}`]);
  });

  it('folds a bed mark and a discharge of the same instant from two devices, and two discharges of one instant, to the same rows in either order', () => {
    const k7 = chain('K7', start);
    const a = formatAdmissionId('K7', 1);
    const setUp = [k7('ward.defined', ward), k7('ward.admitted', { ...ADMIT, admission: a, patient: P1 })];
    const instant = new Date(start + 10 * 60_000).toISOString();
    // Each device's next event, stamped at exactly the same instant.
    const at = (device: string, head: ChainHead | null, type: EventType, data: unknown) =>
      buildEvent({ type, data, device, head, at: instant, by: 'Kavita Joshi' }) as AnyEvent;
    const k7Head = { seq: setUp[1]!.seq, hash: setUp[1]!.hash };
    const discharge = at('K7', k7Head, 'ward.discharged', { admission: a, from: { ward: 'SURG', bed: '3' }, outcome: 'normal' });
    const markFree = at('M2', null, 'bed.marked', { ward: 'SURG', bed: '3', status: 'free' });
    const otherDischarge = at('A1', null, 'ward.discharged', { admission: a, from: { ward: 'SURG', bed: '3' }, outcome: 'lama' });
    const orders = [
      [...setUp, discharge, markFree, otherDischarge],
      [...setUp, markFree, otherDischarge, discharge],
      [...setUp, otherDischarge, discharge, markFree],
    ];
    const folded = orders.map((events) => fold(events));
    for (const t of folded) {
      expect(t.beds!.get('SURG/3')).toEqual(folded[0]!.beds!.get('SURG/3'));
      expect(t.admissions!.get(a)).toEqual(folded[0]!.admissions!.get(a));
    }
    // A mark is the latest one (M2 after K7 at one instant); a discharge the first one (A1 before K7).
    expect(folded[0]!.beds!.get('SURG/3')).toMatchObject({ status: 'free', device: 'M2' });
    expect(folded[0]!.admissions!.get(a)).toMatchObject({ status: 'discharged', outcome: 'lama', dischargedDevice: 'A1' });
  });

  it('flags one patient admitted to two beds by two devices, in either order, keeping both admissions whole until one is discharged', () => {
    const k7 = chain('K7', start);
    const m2 = chain('M2', start + 30_000);
    const a = formatAdmissionId('K7', 1);
    const b = formatAdmissionId('M2', 1);
    const fromK7 = [k7('ward.defined', ward), k7('ward.admitted', { ...ADMIT, admission: a, patient: P1, bed: '1' })];
    const fromM2 = [m2('ward.admitted', { ...ADMIT, admission: b, patient: P1, ward: 'MED', bed: '7', consultant: 'Dr Arvind Rao' })];
    for (const events of [[...fromK7, ...fromM2], [...fromM2, ...fromK7]]) {
      const t = fold(events);
      const all = [...t.admissions!.values()];
      const twice = admittedTwice(all);
      expect(Object.fromEntries(twice)).toEqual({
        [a]: [{ admission: b, ward: 'MED', bed: '7' }],
        [b]: [{ admission: a, ward: 'SURG', bed: '1' }],
      });
      expect(all.map((x) => [x.admission, x.ward, x.bed, x.consultant])).toEqual(expect.arrayContaining([[a, 'SURG', '1', 'Dr Meera Iyer'], [b, 'MED', '7', 'Dr Arvind Rao']]));
      const board = bedBoard('SURG', t.wards!.get('SURG')!.beds, new Map(), all.map((x) => ({ ...x, elsewhere: twice.get(x.admission) ?? [] })));
      expect(board[0]).toMatchObject({ label: '1', state: 'occupied' });
      expect(twiceCount(board)).toBe(1);
    }
    // Two admissions of one patient in the same ward count as one patient; a readmission after a discharge is no conflict.
    const same = [{ admission: 'x', patient: P2, status: 'admitted' as const, ward: 'SURG', bed: '1', placedAt: '2026-12-01T04:00:00.000Z' }, { admission: 'y', patient: P2, status: 'admitted' as const, ward: 'SURG', bed: '2', placedAt: '2026-12-01T04:01:00.000Z' }];
    const sameTwice = admittedTwice(same);
    expect(twiceCount(bedBoard('SURG', ward.beds as never, new Map(), same.map((x) => ({ ...x, elsewhere: sameTwice.get(x.admission) ?? [] }))))).toBe(1);
    const settled = fold([...fromK7, ...fromM2, m2('ward.discharged', { admission: b, from: { ward: 'MED', bed: '7' }, outcome: 'normal', note: 'Admitted twice' })]);
    expect(admittedTwice([...settled.admissions!.values()]).size).toBe(0);
  });

  it('folds an admission entered in error to the same rows in any order beside a discharge: the bed free, the admission kept, marked so', () => {
    const k7 = chain('K7', start);
    const m2 = chain('M2', start + 30_000);
    const a = formatAdmissionId('K7', 1);
    const base = [k7('ward.defined', ward), k7('ward.admitted', { ...ADMIT, admission: a, patient: P1, bed: '2' })];
    const error = k7('ward.enteredInError', { admission: a, from: { ward: 'SURG', bed: '2' }, reason: 'Wrong patient' });
    const discharge = m2('ward.discharged', { admission: a, from: { ward: 'SURG', bed: '2' }, outcome: 'normal' });
    const alone = fold([...base, error]);
    expect(alone.admissions!.get(a)).toMatchObject({ status: 'enteredInError', errorReason: 'Wrong patient', errorBy: 'Kavita Joshi', errorAt: error.at, ward: 'SURG', bed: '2' });
    expect(alone.beds!.get('SURG/2')).toMatchObject({ status: 'free' });
    const board = bedBoard('SURG', ward.beds as never, new Map([...alone.beds!.values()].map((b) => [b.bed, b.status])), [...alone.admissions!.values()]);
    expect(board.map((b) => b.state)).toEqual(['free', 'free', 'free']);
    expect(censusRows(board)).toEqual([]);
    // With a discharge from another tablet: the admission stays entered in error whichever came first, the discharge kept beside it.
    const one = fold([...base, error, discharge]);
    const other = fold([...base, discharge, error]);
    expect(one.admissions!.get(a)).toEqual(other.admissions!.get(a));
    expect(one.admissions!.get(a)).toMatchObject({ status: 'enteredInError', outcome: 'normal' });
    expect(one.beds!.get('SURG/2')).toEqual(other.beds!.get('SURG/2'));
  });

  it("folds another tablet's transfer, discharge or error that comes in before the admission itself to the same rows as in order", () => {
    const m2 = chain('M2', start);
    const k7 = chain('K7', start + 30_000);
    const a = formatAdmissionId('M2', 1);
    const admit = m2('ward.admitted', { ...ADMIT, admission: a, patient: P1, bed: '1' });
    const move = k7('ward.transferred', { admission: a, from: { ward: 'SURG', bed: '1' }, to: { ward: 'SURG', bed: '3' } });
    const band = k7('ward.wristbandPrinted', { admission: a, copy: 2 });
    const error = k7('ward.enteredInError', { admission: a, from: { ward: 'SURG', bed: '3' }, reason: 'Wrong patient' });
    const discharge = k7('ward.discharged', { admission: a, from: { ward: 'SURG', bed: '3' }, outcome: 'normal' });
    const permutations = <T,>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    for (const later of [[move, band], [move, discharge], [move, error], [move, discharge, error]]) {
      const inOrder = fold([admit, ...later]);
      for (const order of permutations([admit, ...later])) {
        const t = fold(order);
        expect(t.admissions!.get(a)).toEqual(inOrder.admissions!.get(a));
      }
      expect(inOrder.admissions!.get(a)).toMatchObject({ patient: P1, bed: '3', moves: [{ bed: '1' }, { bed: '3' }] });
    }
    // Before the admission arrives nothing of it shows: no bed taken, no patient.
    const early = fold([move, error]);
    const board = bedBoard('SURG', ward.beds as never, new Map(), [...early.admissions!.values()]);
    expect(board.map((b) => b.state)).toEqual(['free', 'free', 'free']);
    expect(fold([error, admit]).admissions!.get(a)).toMatchObject({ status: 'enteredInError', errorReason: 'Wrong patient', patient: P1 });
    expect(fold([discharge, admit]).admissions!.get(a)).toMatchObject({ status: 'discharged', outcome: 'normal' });
  });

  it('keeps a patient in a bed the set-up does not list on the board, after the ward\'s own beds', () => {
    const board = bedBoard('SURG', ward.beds as never, new Map(), [
      { admission: 'x', status: 'admitted', ward: 'SURG', bed: '9', placedAt: '2026-12-01T04:00:00.000Z' },
      { admission: 'y', status: 'admitted', ward: 'MED', bed: '1', placedAt: '2026-12-01T04:00:00.000Z' },
      { admission: 'z', status: 'discharged', ward: 'SURG', bed: '1', placedAt: '2026-12-01T04:00:00.000Z' },
    ]);
    expect(board.map((b) => `${b.label}:${b.state}:${b.type}`)).toEqual(['1:free:general', '2:free:general', '3:free:icu', '9:occupied:null']);
  });

  it('lists the census in bed order, every patient of a conflicting bed included', () => {
    const board = bedBoard('SURG', ward.beds as never, new Map([['1', 'reserved' as const]]), [
      { admission: 'b', status: 'admitted', ward: 'SURG', bed: '3', placedAt: '2026-12-01T05:00:00.000Z' },
      { admission: 'a', status: 'admitted', ward: 'SURG', bed: '3', placedAt: '2026-12-01T04:00:00.000Z' },
      { admission: 'c', status: 'admitted', ward: 'SURG', bed: '2', placedAt: '2026-12-01T04:00:00.000Z' },
    ]);
    expect(censusRows(board).map((r) => `${r.bed}:${r.admission.admission}:${r.conflict}`)).toEqual(['2:c:false', '3:a:true', '3:b:true']);
  });

  it('names on the census the other bed of a patient admitted to two beds, as the board does', () => {
    const placed = [
      { admission: 'a', patient: P1, status: 'admitted' as const, ward: 'SURG', bed: '1', placedAt: '2026-12-01T04:00:00.000Z' },
      { admission: 'b', patient: P1, status: 'admitted' as const, ward: 'MED', bed: '7', placedAt: '2026-12-01T04:05:00.000Z' },
      { admission: 'c', patient: P2, status: 'admitted' as const, ward: 'SURG', bed: '2', placedAt: '2026-12-01T04:00:00.000Z' },
    ];
    const twice = admittedTwice(placed);
    const board = bedBoard('SURG', ward.beds as never, new Map(), placed.map((x) => ({ ...x, elsewhere: twice.get(x.admission) ?? [] })));
    expect(censusRows(board).map((r) => [r.bed, r.admission.admission, r.elsewhere])).toEqual([
      ['1', 'a', [{ admission: 'b', ward: 'MED', bed: '7' }]],
      ['2', 'c', []],
    ]);
  });
});
