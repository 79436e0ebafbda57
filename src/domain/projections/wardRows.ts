import type { AdmitSource, BedMark, Discharge } from '../wards/codes';
import type { BedDef } from '../wards/bedList';

/** A ward as last set up (on any device): the latest definition by time wins. */
export interface WardRow {
  ward: string;
  name: string;
  nameHi?: string | undefined;
  beds: BedDef[];
  definedAt: string;
  definedBy: string;
  device: string;
  /** The defining event's sequence on its device: the tie-break of two set-ups at one instant. */
  seq?: number;
}

/** A bed's last mark (free, reserved, being cleaned); a patient leaving it marks it being cleaned. */
export interface BedRow {
  /** `<ward>/<bed>` */
  key: string;
  ward: string;
  bed: string;
  status: BedMark;
  at: string;
  by: string;
  /** The marking event's device and sequence (sealed, like its time): the tie-break at one instant. */
  device?: string;
  seq?: number;
}

export interface AdmissionMove {
  at: string;
  by: string;
  device: string;
  seq?: number;
  ward: string;
  bed: string;
}

/** One in-patient admission: where the patient lies now, how they came, how they left. */
export interface AdmissionRow {
  admission: string;
  patient: string;
  device: string;
  number: number;
  /**
   * `enteredInError`: a clerk said the admission should never have been (it wins over a discharge, in any order).
   * `pending`: only later events about it have come in yet (from another tablet); shown nowhere.
   */
  status: 'admitted' | 'discharged' | 'enteredInError' | 'pending';
  /** The current place: the latest move by time (the admission itself is the first). */
  ward: string;
  bed: string;
  placedAt: string;
  moves: AdmissionMove[];
  source: AdmitSource;
  visit?: string | undefined;
  dept: string;
  consultant: string;
  diagnosis: string;
  mlc?: boolean | undefined;
  admittedAt: string;
  admittedBy: string;
  outcome?: Discharge | undefined;
  diedAt?: string | undefined;
  dischargedAt?: string | undefined;
  dischargedBy?: string | undefined;
  /** The discharging event's device and sequence: two discharges at one instant keep the same one everywhere. */
  dischargedDevice?: string | undefined;
  dischargedSeq?: number | undefined;
  note?: string | undefined;
  /** Entered in error: when, by whom, why, and the event's device and sequence (the first such event wins). */
  errorAt?: string | undefined;
  errorBy?: string | undefined;
  errorReason?: string | undefined;
  errorDevice?: string | undefined;
  errorSeq?: number | undefined;
  /** Wristbands printed; absent until the first. */
  wristbands?: number;
}
