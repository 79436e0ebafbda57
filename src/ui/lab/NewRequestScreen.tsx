import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { PatientResults } from '../desk/PatientResults';
import { singleMatch } from '../desk/singleMatch';
import { usePatientSearch } from '../desk/usePatientSearch';

/**
 * Step one of a requisition: find the patient the clerk registered, by downtime ID (a scan of the
 * token slip's barcode), UHID, today's token, mobile or name. Registration stays at the desk.
 */
export function NewRequestScreen() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const { text, setText, result, now } = usePatientSearch();

  async function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const only = singleMatch(await now());
    if (only) navigate(`/new/${only.patient}`);
  }

  return (
    <main className="screen">
      <h1>{t('lab.newRequest')}</h1>
      <div className="field">
        <label htmlFor="lab-find">{t('lab.findPatient')}</label>
        <input id="lab-find" type="search" autoFocus autoComplete="off" maxLength={80} value={text}
          aria-describedby="lab-find-hint lab-find-error" onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
        <small id="lab-find-hint" className="hint">{t('lab.findHint')}</small>
        <span id="lab-find-error" className="field-error" role={result.kind === 'badId' ? 'alert' : undefined}>
          {result.kind === 'badId' ? t(`desk.${result.reason}`) : null}
        </span>
      </div>
      <PatientResults result={result} onPick={(p) => navigate(`/new/${p.patient}`)} found="lab.patientsFound" none="lab.noPatient" />
    </main>
  );
}
