import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../device/frontDesk';
import type { PatientRow } from '../../domain/projections/rows';
import { PatientSummary } from './PatientSummary';

/** The patients a search found, each a button; the desk opens the patient, the lab a requisition. */
export function PatientResults({ result, onPick, found, none }: {
  result: SearchResult; onPick: (p: PatientRow) => void; found: string; none: string;
}) {
  const { t } = useTranslation();
  if (result.kind !== 'patients') return null;
  return (
    <>
      <p role="status">{result.patients.length ? t(found, { count: result.patients.length }) : t(none)}</p>
      <ul className="results">
        {result.patients.map((p) => (
          <li key={p.patient}>
            <button type="button" className="result" onClick={() => onPick(p)}>
              <PatientSummary patient={p} />
            </button>
          </li>
        ))}
      </ul>
      {result.truncated ? <p className="hint">{t('desk.more')}</p> : null}
    </>
  );
}
