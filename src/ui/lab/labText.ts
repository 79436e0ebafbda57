import type { TFunction } from 'i18next';
import { ageLabel } from '../../domain/patients/age';
import type { PatientRow } from '../../domain/projections/rows';

export const ageSex = (p: PatientRow, today: string, t: TFunction) =>
  `${ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, today)} / ${t(`patient.sex${p.sex}`)}`;
