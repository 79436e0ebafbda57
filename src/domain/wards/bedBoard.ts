import type { BedDef } from './bedList';
import type { BedMark } from './codes';

export type BedState = 'free' | 'occupied' | 'reserved' | 'cleaning' | 'conflict';

/** What the board needs of an admission. */
export interface PlacedAdmission {
  admission: string;
  status: 'admitted' | 'discharged';
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

/** How many beds are in each state, for the ward list. */
export function bedCounts(board: readonly BoardBed<PlacedAdmission>[]): Record<BedState, number> {
  const counts: Record<BedState, number> = { free: 0, occupied: 0, reserved: 0, cleaning: 0, conflict: 0 };
  for (const b of board) counts[b.state] += 1;
  return counts;
}
