import type { BoardBed, OtherBed, PlacedAdmission } from './bedBoard';

export interface CensusRow<A extends PlacedAdmission> {
  bed: string;
  admission: A;
  /** The bed holds more than one patient (a conflict not yet decided): the census says so. */
  conflict: boolean;
  /**
   * The patient's other open admissions (two tablets admitted them to two beds offline): the
   * census names each, as the board does, so the sheet a ward falls back on shows it too.
   */
  elsewhere: OtherBed[];
}

/** The ward census: each patient in bed order (the board's), a conflicting bed's patients each on a line. */
export function censusRows<A extends PlacedAdmission & { elsewhere?: readonly OtherBed[] }>(board: readonly BoardBed<A>[]): CensusRow<A>[] {
  return board.flatMap((b) => b.patients.map((admission) => ({
    bed: b.label, admission, conflict: b.patients.length > 1, elsewhere: [...(admission.elsewhere ?? [])],
  })));
}
