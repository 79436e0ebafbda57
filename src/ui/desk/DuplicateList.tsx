import { useTranslation } from 'react-i18next';
import type { PossibleDuplicate } from '../../domain/patients/duplicates';
import type { PatientRow } from '../../domain/projections/rows';
import { PatientSummary } from './PatientSummary';

export function DuplicateList({ duplicates, onPick }: {
  duplicates: Array<PossibleDuplicate & { row: PatientRow }>;
  onPick?: ((patient: PatientRow) => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <section className="duplicates" aria-label={t('patient.duplicatesTitle')}>
      <h3>{t('patient.duplicatesTitle')}</h3>
      <ul>
        {duplicates.map((d) => (
          <li key={d.patient}>
            <PatientSummary patient={d.row} />
            <em>{d.reasons.map((r) => t(r === 'mobile' ? 'patient.duplicateMobile' : 'patient.duplicateName')).join(', ')}</em>
            {onPick ? <button type="button" className="secondary" onClick={() => onPick(d.row)}>{t('patient.useThis')}</button> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
