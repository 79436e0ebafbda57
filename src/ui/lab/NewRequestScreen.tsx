import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { SearchResult } from '../../device/frontDesk';
import { PatientSummary } from '../desk/PatientSummary';
import { useFront } from '../services';

/**
 * Step one of a requisition: find the patient the clerk registered, by downtime ID (a scan of the
 * token slip's barcode), UHID, today's token, mobile or name. Registration stays at the desk.
 */
export function NewRequestScreen() {
  const { t } = useTranslation();
  const front = useFront();
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [result, setResult] = useState<SearchResult>({ kind: 'empty' });
  const latest = useRef(0);

  async function run(value: string) {
    const ticket = ++latest.current;
    const r = await front.search(value);
    if (ticket === latest.current) setResult(r);
    return r;
  }

  useEffect(() => {
    const timer = window.setTimeout(() => void run(text), 150);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  async function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const r = await run(text);
    if (r.kind === 'patients' && r.exact && r.patients.length === 1) navigate(`/new/${r.patients[0]!.patient}`);
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
      {result.kind === 'patients' ? (
        <>
          <p role="status">{result.patients.length ? t('lab.patientsFound', { count: result.patients.length }) : t('lab.noPatient')}</p>
          <ul className="results">
            {result.patients.map((p) => (
              <li key={p.patient}>
                <button type="button" className="result" onClick={() => navigate(`/new/${p.patient}`)}>
                  <PatientSummary patient={p} />
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}
