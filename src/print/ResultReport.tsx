import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Flag } from '../domain/lab/results/values';
import { reprintNumber } from '../domain/print/reprint';
import type { Messages } from '../ui/i18n/en';
import './resultReport.css';

export interface ReportLine {
  name: string;
  nameHi: string;
  value: string;
  unit: string;
  range: string;
  flag: Flag | null;
  calculated: boolean;
  /** The released value this amendment replaced, when it changed. */
  was?: string | undefined;
}

export interface ReportData {
  paper: 'A4' | 'A5';
  hospital: string;
  patientName: string;
  ageSex: string;
  patient: string;
  uhid?: string | undefined;
  dept: string;
  clinician: string;
  request: string;
  specimen: string;
  sample: string;
  /** Hospital times, already formatted with their zone. */
  collectedAt: string;
  receivedAt: string;
  tests: Array<{ code: string; name: string; nameHi: string; lines: ReportLine[] }>;
  callOuts: string[];
  entered: string;
  verified: string;
  amended?: string | undefined;
  /** Earlier released versions, one line each, oldest first. */
  history: string[];
  analyteVersion: string;
  printedAt: string;
  copy: number;
}

type Key = keyof Messages['labReport'];

/**
 * The results report (A4 or A5) that goes to the ward while the LIS is down: who, which tube,
 * the values with units, the ranges of the catalogue version used and flags, the critical call-out,
 * who entered and who verified; "AMENDED" with what changed and the earlier versions. Captions in
 * English and Hindi; page numbers come from the page's margin boxes (REPORT_PAGE_CSS).
 */
export function ResultReport({ report: r }: { report: ReportData }) {
  const { i18n } = useTranslation();
  const en = i18n.getFixedT('en');
  const hi = i18n.getFixedT('hi');
  const both = (key: Key, params?: Record<string, unknown>) => (
    <><span lang="en">{en(`labReport.${key}`, params)}</span><span className="rr-sep"> / </span><span lang="hi">{hi(`labReport.${key}`, params)}</span></>
  );
  const reprint = reprintNumber(r.copy);
  return (
    <article className="result-report" data-paper={r.paper} data-specimen={r.specimen}>
      <header className="rr-head">
        <p className="rr-hospital">{r.hospital}</p>
        <h1 className="rr-title">{both('title')}</h1>
        <p className="rr-downtime">{both('downtime')}</p>
        {r.amended ? <p className="rr-amended">{both('amended')}</p> : null}
        {reprint !== null ? <p className="rr-reprint">{both('reprint', { n: reprint })}</p> : null}
      </header>
      <dl className="rr-facts">
        <Fact label={both('patient')} wide><strong>{r.patientName}</strong></Fact>
        <Fact label={both('ageSex')}>{r.ageSex}</Fact>
        <Fact label={both('downtimeId')}><span className="rr-mono">{r.patient}</span></Fact>
        {r.uhid ? <Fact label={both('uhid')}><span className="rr-mono">{r.uhid}</span></Fact> : null}
        <Fact label={both('dept')}>{r.dept}</Fact>
        <Fact label={both('clinician')}>{r.clinician}</Fact>
        <Fact label={both('request')}><span className="rr-mono">{r.request}</span></Fact>
        <Fact label={both('specimen')}><span className="rr-mono">{r.specimen}</span> · {r.sample}</Fact>
        <Fact label={both('collected')}>{r.collectedAt}</Fact>
        <Fact label={both('received')}>{r.receivedAt}</Fact>
      </dl>
      <table className="rr-results">
        <thead>
          <tr>
            <th>{both('test')}</th><th>{both('result')}</th><th>{both('flag')}</th><th>{both('unit')}</th><th>{both('range')}</th>
          </tr>
        </thead>
        {r.tests.map((test) => (
          <tbody key={test.code}>
            <tr className="rr-test"><th colSpan={5}>{test.code} · {test.name} / <span lang="hi">{test.nameHi}</span></th></tr>
            {test.lines.map((l) => (
              <tr key={l.name} className={l.flag ? 'rr-flagged' : undefined}>
                <td>{l.name} <span lang="hi" className="rr-hi">{l.nameHi}</span>{l.calculated ? <> {both('calculated')}</> : null}</td>
                <td className="rr-value">{l.value}{l.was !== undefined ? <span className="rr-was"> ({en('labReport.was')} / {hi('labReport.was')} {l.was})</span> : null}</td>
                <td className="rr-flag">{l.flag ?? ''}</td>
                <td>{l.unit}</td>
                <td>{l.range}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      <p className="rr-small">{both('flags')} · {both('ranges', { version: r.analyteVersion })}</p>
      {r.callOuts.length ? (
        <section className="rr-block">
          <h2>{both('callOut')}</h2>
          <ul>{r.callOuts.map((c) => <li key={c}>{c}</li>)}</ul>
        </section>
      ) : null}
      {r.amended ? <section className="rr-block"><p><strong>{r.amended}</strong></p></section> : null}
      <div className="rr-signatures">
        <div><p className="rr-small">{both('enteredBy')}</p><p>{r.entered}</p></div>
        <div><p className="rr-small">{both('verifiedBy')}</p><p>{r.verified}</p></div>
      </div>
      {r.history.length ? (
        <section className="rr-block">
          <h2>{both('history')}</h2>
          <ol>{r.history.map((h) => <li key={h}>{h}</li>)}</ol>
        </section>
      ) : null}
      <p className="rr-foot">{both('printed', { at: r.printedAt })} · {both('end')}</p>
    </article>
  );
}

function Fact({ label, wide, children }: { label: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'rr-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
