import { useTranslation } from 'react-i18next';
import type { PatientRow } from '../../domain/projections/rows';
import { ageLabel } from '../../domain/patients/age';
import { PhoneIcon } from '../shared/icons';
import { useToday } from './useToday';
import { relativeText } from './relativeText';

/** Enough to tell two people apart at a glance: name, age/sex, relative, locality, phone end, ID. */
export function PatientSummary({ patient: p }: { patient: PatientRow }) {
  const { t } = useTranslation();
  const today = useToday();
  return (
    <span className="summary">
      <strong>{p.name}</strong>
      <span>{today ? ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, today) : ''} / {t(`patient.sex${p.sex}`)}</span>
      {p.relative ? <span>{relativeText(p.relative, t)}</span> : null}
      {p.address ? <span>{[p.address.locality, p.address.district].filter(Boolean).join(', ')}</span> : null}
      {p.mobile ? <span className="with-icon"><PhoneIcon /><span className="visually-hidden">{t('patient.mobile')} </span>…{p.mobile.slice(-4)}</span> : null}
      <code>{p.patient}</code>
      {p.uhid ? <code>UHID {p.uhid}</code> : null}
    </span>
  );
}
