import type { BoardBed, PlacedAdmission } from './bedBoard';

export interface CensusRow<A extends PlacedAdmission> {
  bed: string;
  admission: A;
  /** The bed holds more than one patient (a conflict not yet decided): the census says so. */
  conflict: boolean;
}

/** The ward census: each patient in bed order (the board's), a conflicting bed's patients each on a line. */
export function censusRows<A extends PlacedAdmission>(board: readonly BoardBed<A>[]): CensusRow<A>[] {
  return board.flatMap((b) => b.patients.map((admission) => ({ bed: b.label, admission, conflict: b.patients.length > 1 })));
}
