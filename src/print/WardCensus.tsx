import { useTranslation } from 'react-i18next';
import type { Messages } from '../ui/i18n/en';
import './wardCensus.css';

export interface CensusLine {
  bed: string;
  patientName: string;
  patient: string;
  admission: string;
  ageSex: string;
  /** Date and time, already in the hospital's zone. */
  admittedOn: string;
  consultant: string;
  dept: string;
  diagnosis: string;
  mlc: boolean;
  /** The bed holds another patient too (a conflict not yet decided). */
  conflict: boolean;
  /** The patient's other open admissions (admitted to two beds by two tablets offline). */
  alsoIn: Array<{ ward: string; bed: string; admission: string }>;
}

export interface CensusData {
  hospital: string;
  ward: string;
  wardName: string;
  wardNameHi?: string | undefined;
  /** "2026-12-01 08:00 IST" */
  asOf: string;
  device: string;
  lines: CensusLine[];
}

/** Plural keys are asked for by their stem (i18next adds _one or _other). */
type WardKey = keyof Messages['wards'] | 'censusCount' | 'conflicts';

/**
 * The ward census on A4, printed at shift change: the page a ward falls back on in a downtime.
 * Every caption in English and Hindi; one line per patient in bed order; an MLC and a bed with
 * two patients, and a patient admitted to another bed too, are marked in words.
 */
export function WardCensus({ census }: { census: CensusData }) {
  const { i18n } = useTranslation();
  const en = i18n.getFixedT('en');
  const hi = i18n.getFixedT('hi');
  const both = (key: WardKey, params?: Record<string, unknown>) => (
    <><span lang="en">{en(`wards.${key}`, params)}</span> / <span lang="hi">{hi(`wards.${key}`, params)}</span></>
  );
  return (
    <section className="ward-census">
      <header className="wc-head">
        <div>
          <p className="wc-hospital">{census.hospital}</p>
          <h1 className="wc-title">{both('census')}: {census.ward} · {census.wardName}{census.wardNameHi ? ` · ${census.wardNameHi}` : ''}</h1>
        </div>
        <div className="wc-asof">
          <p>{both('asOf', { at: census.asOf })}</p>
          <p>{both('censusCount', { count: census.lines.length })} · {census.device}</p>
        </div>
      </header>
      {census.lines.length === 0 ? <p className="wc-empty">{both('censusEmpty')}</p> : (
        <table className="wc-table">
          <thead>
            <tr>
              <th>{both('bed')}</th><th>{both('patient')}</th><th>{both('ageSex')}</th><th>{both('admittedOn')}</th>
              <th>{both('consultant')}</th><th>{both('diagnosis')}</th><th>MLC</th>
            </tr>
          </thead>
          <tbody>
            {census.lines.map((l) => (
              <tr key={l.admission} className={l.conflict || l.alsoIn.length ? 'wc-conflict' : undefined}>
                <td className="wc-bed">{l.bed}{l.conflict ? <><br /><small>{both('conflictShort')}</small></> : null}</td>
                <td>
                  <strong>{l.patientName}</strong><br /><small>{l.admission}<br />{l.patient}</small>
                  {l.alsoIn.map((o) => <p key={o.admission} className="wc-twice" data-testid="census-twice">{both('alsoIn', o)}</p>)}
                </td>
                <td>{l.ageSex}</td>
                <td>{l.admittedOn}</td>
                <td>{l.consultant}<br /><small>{l.dept}</small></td>
                <td>{l.diagnosis}</td>
                <td className="wc-mlc">{l.mlc ? 'MLC' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
