import type { AnyEvent } from '../events/envelope';
import { parseAdmissionId } from '../wards/admissionId';
import { later } from '../wards/later';
import { ADMIT_SOURCES } from '../wards/codes';
import type { AdmissionMove, AdmissionRow, BedRow, WardRow } from './wardRows';
import type { RowUpdate } from './rows';

const wardUpdate = (key: string, update: (prev: WardRow | undefined) => WardRow | undefined): RowUpdate =>
  ({ table: 'wards', key, update } as unknown as RowUpdate);
const bedUpdate = (key: string, update: (prev: BedRow | undefined) => BedRow | undefined): RowUpdate =>
  ({ table: 'beds', key, update } as unknown as RowUpdate);
const admissionUpdate = (key: string, update: (prev: AdmissionRow | undefined) => AdmissionRow | undefined): RowUpdate =>
  ({ table: 'admissions', key, update } as unknown as RowUpdate);

export const bedKey = (ward: string, bed: string): string => `${ward}/${bed}`;

/**
 * The bed's mark, if this event is later (`later`: time, then device, then sequence) than the
 * one it holds: a clerk's mark and another tablet's discharge at the same instant leave the same
 * mark whichever arrives first.
 */
function mark(event: AnyEvent, ward: string, bed: string, status: BedRow['status']): RowUpdate {
  const key = bedKey(ward, bed);
  return bedUpdate(key, (prev) => (prev && later(prev, event) ? prev : { key, ward, bed, status, at: event.at, by: event.by, device: event.device, seq: event.seq }));
}

/** The admission with one more move, placed wherever its latest move (by time) put it. */
function withMove(prev: AdmissionRow, move: AdmissionMove): AdmissionRow {
  const moves = [...prev.moves, move].sort((a, b) => (later(a, b) ? 1 : later(b, a) ? -1 : 0));
  const now = moves[moves.length - 1]!;
  return { ...prev, moves, ward: now.ward, bed: now.bed, placedAt: now.at };
}

/**
 * What is known of an admission whose own event has not come in yet: another tablet's transfer,
 * discharge or "entered in error" pulled before it. Kept until the admission arrives, shown nowhere.
 */
function pendingAdmission(admission: string): AdmissionRow {
  return {
    admission, patient: '', device: '', number: 0, status: 'pending', ward: '', bed: '', placedAt: '', moves: [],
    source: ADMIT_SOURCES[0], dept: '', consultant: '', diagnosis: '', admittedAt: '', admittedBy: '',
  };
}

/** The admission's status once it has arrived: an error wins over a discharge, whichever came first. */
function settledStatus(row: AdmissionRow): AdmissionRow['status'] {
  return row.errorAt ? 'enteredInError' : row.dischargedAt ? 'discharged' : 'admitted';
}

/**
 * Wards, bed marks and admissions. Pulled events may come in any order, and two devices offline
 * may put two patients in one bed: nothing here picks one of them. Each admission keeps its own
 * place, so both show in that bed (wards/bedBoard.ts calls it a conflict) until a clerk moves one.
 * A transfer, discharge or "entered in error" that comes in before its admission is kept on a
 * pending row until it arrives; the first discharge recorded ends the admission for good, and an
 * admission entered in error stays so whatever else arrives (its discharge, if any, kept beside it).
 */
export function projectWards(event: AnyEvent): RowUpdate[] {
  switch (event.type) {
    case 'ward.defined': {
      const d = event.data;
      return [wardUpdate(d.ward, (prev) => (prev && later({ at: prev.definedAt, device: prev.device, seq: prev.seq }, event) ? prev : {
        ward: d.ward, name: d.name, nameHi: d.nameHi, beds: d.beds, definedAt: event.at, definedBy: event.by, device: event.device, seq: event.seq,
      }))];
    }
    case 'bed.marked':
      return [mark(event, event.data.ward, event.data.bed, event.data.status)];
    case 'ward.admitted': {
      const d = event.data;
      const first: AdmissionMove = { at: event.at, by: event.by, device: event.device, seq: event.seq, ward: d.ward, bed: d.bed };
      const admitted: AdmissionRow = {
        admission: d.admission, patient: d.patient, device: event.device, number: numberOf(d.admission),
        status: 'admitted', ward: d.ward, bed: d.bed, placedAt: event.at, moves: [first],
        source: d.source, visit: d.visit, dept: d.dept, consultant: d.consultant, diagnosis: d.diagnosis, mlc: d.mlc,
        admittedAt: event.at, admittedBy: event.by,
      };
      return [admissionUpdate(d.admission, (prev) => {
        if (!prev) return admitted;
        if (prev.status !== 'pending') return prev;
        // What came in before it (moves, discharge, error, wristbands) is folded onto it.
        const merged = prev.moves.reduce(withMove, { ...prev, ...pick(admitted) });
        return { ...merged, status: settledStatus(merged) };
      })];
    }
    case 'ward.transferred': {
      const d = event.data;
      return [
        admissionUpdate(d.admission, (prev) => withMove(prev ?? pendingAdmission(d.admission), { at: event.at, by: event.by, device: event.device, seq: event.seq, ...d.to })),
        mark(event, d.from.ward, d.from.bed, 'cleaning'),
      ];
    }
    case 'ward.discharged': {
      const d = event.data;
      return [
        // The first discharge (by `later`) ends the admission, whichever device's arrives first.
        admissionUpdate(d.admission, (found) => {
          const prev = found ?? pendingAdmission(d.admission);
          return prev.dischargedAt && later(event, { at: prev.dischargedAt, device: prev.dischargedDevice, seq: prev.dischargedSeq }) ? prev : {
          // An admission entered in error stays so: the discharge is kept beside it, whichever came first.
          ...prev, status: prev.status === 'admitted' ? 'discharged' : prev.status, outcome: d.outcome, diedAt: d.diedAt, dischargedAt: event.at, dischargedBy: event.by, note: d.note,
          dischargedDevice: event.device, dischargedSeq: event.seq,
          };
        }),
        mark(event, d.from.ward, d.from.bed, 'cleaning'),
      ];
    }
    case 'ward.enteredInError': {
      const d = event.data;
      return [
        // The first such event (by `later`) is the one kept; the status holds whatever else arrives.
        admissionUpdate(d.admission, (found) => {
          const prev = found ?? pendingAdmission(d.admission);
          return prev.errorAt && later(event, { at: prev.errorAt, device: prev.errorDevice, seq: prev.errorSeq }) ? prev : {
          ...prev, status: prev.status === 'pending' ? 'pending' : 'enteredInError', errorAt: event.at, errorBy: event.by, errorReason: d.reason, errorDevice: event.device, errorSeq: event.seq,
          };
        }),
        // No patient ever lay there by this admission: the bed is free, not being cleaned.
        mark(event, d.from.ward, d.from.bed, 'free'),
      ];
    }
    case 'ward.wristbandPrinted': {
      const { admission, copy } = event.data;
      return [admissionUpdate(admission, (found) => {
        const prev = found ?? pendingAdmission(admission);
        return { ...prev, wristbands: Math.max(prev.wristbands ?? 0, copy) };
      })];
    }
    default:
      return [];
  }
}

/** The admission event's own fields, laid over what was pending; moves are folded in after. */
function pick(admitted: AdmissionRow) {
  const { admission, patient, device, number, ward, bed, placedAt, moves, source, visit, dept, consultant, diagnosis, mlc, admittedAt, admittedBy } = admitted;
  return { admission, patient, device, number, ward, bed, placedAt, moves, source, visit, dept, consultant, diagnosis, mlc, admittedAt, admittedBy };
}

function numberOf(admission: string): number {
  const p = parseAdmissionId(admission);
  return p.ok ? p.number : 0;
}
