import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTAINER_LABEL, type Container } from '../domain/lab/containers';
import type { Priority } from '../domain/lab/requisition';
import type { PrinterDpi } from '../domain/printer';
import type { Messages } from '../ui/i18n/en';
import { reprintNumber } from '../domain/print/reprint';
import { specimenBarcode } from './specimenBarcode';
import { Code128 } from './Code128';
import { A5_MARGIN_MM } from './paper';
import './requisitionSlip.css';

export interface RequisitionData {
  hospital: string;
  request: string;
  patientName: string;
  ageSex: string;
  /** Downtime ID. */
  patient: string;
  uhid?: string | undefined;
  priority: Priority;
  dept: string;
  clinician: string;
  notes?: string | undefined;
  /** Ward and bed, or emergency area: where the report goes. */
  location?: string | undefined;
  /** Local date and time, already formatted. */
  requestedAt: string;
  requestedBy: string;
  device: string;
  catalogueVersion: string;
  specimens: Array<{ specimen: string; container: Container; tests: Array<{ code: string; name: string }> }>;
  /** 1 is the original, 2 the first reprint ("REPRINT 1"). */
  copy: number;
}

type SlipKey = keyof Messages['labSlip'];

/**
 * The barcode column (requisitionSlip.css): it starts at the page margin, with no padding on the
 * left so that the barcodes' whole dots count from a known place, and is 62 mm wide.
 */
const CODE_COLUMN_MM = 62;
const BARCODE_MODULE_MM = 0.25;

/**
 * The A5 requisition slip that travels with the tubes: everything on the labels, the tests by
 * container with their names, and room for the signatures that make each hand-over traceable.
 * Captions in English and Hindi, like the token slip.
 */
export function RequisitionSlip({ slip, dpi }: { slip: RequisitionData; dpi: PrinterDpi }) {
  const { i18n } = useTranslation();
  const en = i18n.getFixedT('en');
  const hi = i18n.getFixedT('hi');
  const both = (key: SlipKey, params?: Record<string, unknown>) => (
    <>
      <span lang="en">{en(`labSlip.${key}`, params)}</span>
      <span className="rqs-sep"> / </span>
      <span lang="hi">{hi(`labSlip.${key}`, params)}</span>
    </>
  );
  const reprint = reprintNumber(slip.copy);
  return (
    <article className="requisition-slip" data-paper="A5">
      <header className="rqs-head">
        <div>
          <p className="rqs-hospital">{slip.hospital}</p>
          <h1 className="rqs-title">{both('title')}</h1>
        </div>
        {slip.priority !== 'routine' ? <p className={`rqs-priority rqs-priority--${slip.priority}`}>{slip.priority.toUpperCase()}</p> : null}
      </header>
      {reprint !== null ? <p className="rqs-reprint">{both('reprint', { n: reprint })}</p> : null}

      <dl className="rqs-facts">
        <Fact label={both('request')}><span className="rqs-mono">{slip.request}</span></Fact>
        <Fact label={both('requested')}>{slip.requestedAt} · {slip.requestedBy} · {slip.device}</Fact>
        <Fact label={both('patient')} wide><strong className="rqs-patient">{slip.patientName}</strong></Fact>
        <Fact label={both('ageSex')}>{slip.ageSex}</Fact>
        <Fact label={both('downtimeId')}><span className="rqs-mono">{slip.patient}</span></Fact>
        {slip.uhid ? <Fact label={both('uhid')}><span className="rqs-mono">{slip.uhid}</span></Fact> : null}
        <Fact label={both('priority')}>{en(`labSlip.priority_${slip.priority}`)}</Fact>
        <Fact label={both('dept')}>{slip.dept}</Fact>
        <Fact label={both('clinician')}>{slip.clinician}</Fact>
        {slip.location ? <Fact label={both('location')} wide>{slip.location}</Fact> : null}
        {slip.notes ? <Fact label={both('notes')} wide>{slip.notes}</Fact> : null}
      </dl>

      <h2 className="rqs-caption">{both('specimens', { count: slip.specimens.length })}</h2>
      <table className="rqs-specimens">
        <tbody>
          {slip.specimens.map((s) => (
            <tr key={s.specimen}>
              <td className="rqs-code">
                <SpecimenCode specimen={s.specimen} dpi={dpi} />
                <span className="rqs-mono rqs-id">{s.specimen}</span>
              </td>
              <td>
                <strong>{CONTAINER_LABEL[s.container]}</strong>
                <ul className="rqs-tests">
                  {s.tests.map((t) => <li key={t.code}><strong>{t.code}</strong> {t.name}</li>)}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="rqs-signatures">
        <Signature label={both('signClinician')} />
        <Signature label={both('signCollected')} />
        <Signature label={both('signReceived')} />
      </div>
      <p className="rqs-foot">{both('catalogue', { version: slip.catalogueVersion })}</p>
    </article>
  );
}

function SpecimenCode({ specimen, dpi }: { specimen: string; dpi: PrinterDpi }) {
  const barcode = specimenBarcode(specimen, dpi, BARCODE_MODULE_MM, CODE_COLUMN_MM - 2);
  return <Code128 value={barcode.value} dpi={dpi} moduleDots={barcode.moduleDots} heightMm={9} boxLeftMm={A5_MARGIN_MM} />;
}

function Fact({ label, wide, children }: { label: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'rqs-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Signature({ label }: { label: ReactNode }) {
  return (
    <div className="rqs-sign">
      <div className="rqs-line" />
      <p>{label}</p>
    </div>
  );
}
