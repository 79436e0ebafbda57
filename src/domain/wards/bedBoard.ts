import type { BedDef } from './bedList';
import type { BedMark } from './codes';

export type BedState = 'free' | 'occupied' | 'reserved' | 'cleaning' | 'conflict';

/** What the board needs of an admission. */
export interface PlacedAdmission {
  admission: string;
  status: 'admitted' | 'discharged' | 'enteredInError' | 'pending';
  ward: string;
  bed: string;
  placedAt: string;
}

export interface BoardBed<A extends PlacedAdmission> {
  label: string;
  /** The bed's type, or null for a bed no longer (or not yet, on this device) in the ward's set-up. */
  type: BedDef['type'] | null;
  state: BedState;
  /** Who lies in it, first placed first: two or more is a conflict for a clerk to decide. */
  patients: A[];
}

/**
 * The state of every bed of a ward. A bed with one admitted patient is occupied; with two or
 * more it is a conflict (two tablets offline put them there): every one of them is shown, none is
 * dropped, until a clerk moves or discharges all but one. An empty bed shows its last mark
 * (a patient leaving marks it being cleaned). Patients in a bed the set-up does not list (set
 * up differently on another device) are shown after the ward's own beds, never hidden.
 */
export function bedBoard<A extends PlacedAdmission>(
  ward: string,
  beds: readonly BedDef[],
  marks: ReadonlyMap<string, BedMark>,
  admissions: readonly A[],
): BoardBed<A>[] {
  const byBed = new Map<string, A[]>();
  for (const a of admissions) {
    if (a.status !== 'admitted' || a.ward !== ward) continue;
    const list = byBed.get(a.bed) ?? [];
    list.push(a);
    byBed.set(a.bed, list);
  }
  const board = (label: string, type: BoardBed<A>['type']): BoardBed<A> => {
    const patients = (byBed.get(label) ?? []).sort((x, y) => x.placedAt.localeCompare(y.placedAt) || x.admission.localeCompare(y.admission));
    const state: BedState = patients.length > 1 ? 'conflict' : patients.length === 1 ? 'occupied' : (marks.get(label) ?? 'free');
    return { label, type, state, patients };
  };
  const known = new Set(beds.map((b) => b.label));
  return [
    ...beds.map((b) => board(b.label, b.type)),
    ...[...byBed.keys()].filter((l) => !known.has(l)).sort().map((l) => board(l, null)),
  ];
}

/** Another bed the same patient is admitted to at the same time. */
export interface OtherBed { admission: string; ward: string; bed: string }

/**
 * Patients admitted more than once at the same time: two tablets offline each admitted them, to
 * two beds (each device refuses a patient it knows to be in). Neither admission is the true one
 * until a clerk says so, so both stay whole: for each such admission, the patient's other open
 * admissions, to be shown beside it until all but one are discharged.
 */
export function admittedTwice<A extends PlacedAdmission & { patient: string }>(admissions: readonly A[]): Map<string, OtherBed[]> {
  const open = new Map<string, A[]>();
  for (const a of admissions) {
    if (a.status !== 'admitted') continue;
    const list = open.get(a.patient);
    if (list) list.push(a); else open.set(a.patient, [a]);
  }
  const out = new Map<string, OtherBed[]>();
  for (const list of open.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((x, y) => x.placedAt.localeCompare(y.placedAt) || x.admission.localeCompare(y.admission));
    for (const a of sorted) out.set(a.admission, sorted.filter((x) => x !== a).map(({ admission, ward, bed }) => ({ admission, ward, bed })));
  }
  return out;
}

/** How many patients on a board are admitted to another bed too (admittedTwice), for the ward list. */
export function twiceCount(board: readonly BoardBed<PlacedAdmission & { patient: string; elsewhere: readonly OtherBed[] }>[]): number {
  return new Set(board.flatMap((b) => b.patients.filter((p) => p.elsewhere.length > 0).map((p) => p.patient))).size;
}

/** What the ward list shows of a ward: its beds counted by state, and its patients admitted to two beds. */
export interface WardSummary { counts: Record<BedState, number>; twice: number }

/**
 * The ward list's line for a ward, from the same board the bed board draws (so the two never
 * disagree), but of admissions alone: no patient needs to be read for it.
 */
export function wardSummary<A extends PlacedAdmission & { patient: string }>(
  ward: string, beds: readonly BedDef[], marks: ReadonlyMap<string, BedMark>, admissions: readonly A[], twice: ReadonlyMap<string, readonly OtherBed[]>,
): WardSummary {
  const board = bedBoard(ward, beds, marks, admissions.map((a) => ({ ...a, elsewhere: twice.get(a.admission) ?? [] })));
  return { counts: bedCounts(board), twice: twiceCount(board) };
}

/** How many beds are in each state, for the ward list. */
export function bedCounts(board: readonly BoardBed<PlacedAdmission>[]): Record<BedState, number> {
  const counts: Record<BedState, number> = { free: 0, occupied: 0, reserved: 0, cleaning: 0, conflict: 0 };
  for (const b of board) counts[b.state] += 1;
  return counts;
}
