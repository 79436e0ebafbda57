import type { TFunction } from 'i18next';
import { ageLabel } from '../../domain/patients/age';
import type { PatientRow } from '../../domain/projections/rows';
import { localDay, localTime } from '../../domain/tokens/day';

/** "2026-11-26 10:42" in the hospital's time zone: how the desk prints and shows times. */
export const localDateTime = (at: string, timeZone: string) => `${localDay(at, timeZone)} ${localTime(at, timeZone)}`;

export const ageSex = (p: PatientRow, today: string, t: TFunction) =>
  `${ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, today)} / ${t(`patient.sex${p.sex}`)}`;
