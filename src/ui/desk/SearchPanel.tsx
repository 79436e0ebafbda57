import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { SearchFilters } from '../../device/frontDesk';
import { classifyQuery } from '../../domain/patients/searchQuery';
import { PatientResults } from './PatientResults';
import { singleMatch } from './singleMatch';
import { usePatientSearch } from './usePatientSearch';
import { SexOptions } from '../shared/SexOptions';

/**
 * One box for everything: names, IDs, phone numbers and barcode scans (a scanner types the ID and
 * Enter). Enter on the only match opens it; Enter on a name nobody has opens registration.
 */
export function SearchPanel({ onNewPatient }: { onNewPatient: (name: string) => void }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [filters, setFilters] = useState<SearchFilters>({});
  const { text, setText, result, now } = usePatientSearch(filters);

  async function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const r = await now();
    const only = singleMatch(r);
    if (only) navigate(`/patient/${only.patient}`);
    else if (r.kind === 'patients' && r.patients.length === 0 && classifyQuery(text).kind === 'name') onNewPatient(text.trim());
  }

  const number = (v: string) => (v.trim() === '' || Number.isNaN(Number(v)) ? undefined : Number(v));
  return (
    <section aria-label={t('desk.title')}>
      <div className="field">
        <label htmlFor="desk-search">{t('desk.search')}</label>
        <input id="desk-search" type="search" autoFocus autoComplete="off" value={text} maxLength={80}
          aria-describedby="desk-search-hint desk-search-error" onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
        <small id="desk-search-hint" className="hint">{t('desk.searchHint')}</small>
        <span id="desk-search-error" className="field-error" role={result.kind === 'badId' ? 'alert' : undefined}>
          {result.kind === 'badId' ? t(`desk.${result.reason}`) : null}
        </span>
      </div>
      <div className="filters">
        <label>{t('desk.sex')}{' '}
          <select value={filters.sex ?? ''} onChange={(e) => setFilters({ ...filters, sex: (e.target.value || undefined) as SearchFilters['sex'] })}>
            <SexOptions empty={t('desk.any')} />
          </select>
        </label>
        <label>{t('desk.ageFrom')}{' '}
          <input inputMode="numeric" className="short" maxLength={3} onChange={(e) => setFilters({ ...filters, ageMin: number(e.target.value) })} />
        </label>
        <label>{t('desk.ageTo')}{' '}
          <input inputMode="numeric" className="short" maxLength={3} onChange={(e) => setFilters({ ...filters, ageMax: number(e.target.value) })} />
        </label>
        <button type="button" className="secondary" onClick={() => onNewPatient(classifyQuery(text).kind === 'name' ? text.trim() : '')}>
          {t('desk.newPatient')}
        </button>
      </div>
      <PatientResults result={result} onPick={(p) => navigate(`/patient/${p.patient}`)} found="desk.results" none="desk.none" />
    </section>
  );
}
