import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterDpi } from '../domain/printer';
import type { Messages } from '../ui/i18n/en';
import { reprintNumber } from '../domain/print/reprint';
import { planBarcode } from './barcodeFit';
import { Code128 } from './Code128';
import { CONTENT_LEFT_MM, CONTENT_WIDTH_MM, type Paper } from './paper';
import { tokenFontMm } from './tokenFont';
import './slip.css';

export interface SlipData {
  hospital: string;
  token: string;
  deptName: string;
  deptNameHi: string;
  doctor?: string;
  room?: string;
  patientName: string;
  ageSex: string;
  /** Downtime ID. */
  patient: string;
  uhid?: string;
  /** Local date and time, already formatted. */
  issuedAt: string;
  device: string;
  /** 1 is the original, 2 the first reprint ("REPRINT 1"). */
  copy: number;
}

export interface TokenSlipProps {
  slip: SlipData;
  paper: Paper;
  dpi: PrinterDpi;
}

/**
 * Nominal narrowest bar, rounded to whole dots: on the roll 0.25 mm (2 dots at 203 dpi, 3 at 300)
 * fits the ID in 72 mm; office printers on A6 can afford wider ones (3 and 4 dots).
 */
const BARCODE_MODULE_MM: Readonly<Record<Paper, number>> = { '80mm': 0.25, A6: 0.33 };

type SlipKey = keyof Messages['slip'];

/**
 * The OPD token slip handed to the patient. Patients read Hindi or English whatever language the
 * clerk's screen is in, so every label is printed in both.
 */
export function TokenSlip({ slip, paper, dpi }: TokenSlipProps) {
  const { i18n } = useTranslation();
  const en = i18n.getFixedT('en');
  const hi = i18n.getFixedT('hi');
  const both = (key: SlipKey, params?: Record<string, unknown>) => (
    <>
      <span lang="en">{en(`slip.${key}`, params)}</span>
      <span className="slip-sep"> / </span>
      <span lang="hi">{hi(`slip.${key}`, params)}</span>
    </>
  );
  const widthMm = CONTENT_WIDTH_MM[paper];
  const reprint = reprintNumber(slip.copy);
  // A downtime ID is at most 209 modules with its quiet zones: 2 dots always fit 72 mm.
  const barcode = planBarcode(slip.patient, dpi, BARCODE_MODULE_MM[paper], widthMm) ?? { value: slip.patient, moduleDots: 2 };

  return (
    <article className={`token-slip token-slip--${paper}`} data-paper={paper}>
      <p className="slip-hospital">{slip.hospital}</p>
      {reprint !== null && <p className="slip-reprint">{both('reprint', { n: reprint })}</p>}

      <p className="slip-caption">{both('token')}</p>
      <p className="slip-token" style={{ fontSize: `${tokenFontMm(slip.token, widthMm)}mm` }}>{slip.token}</p>
      <p className="slip-dept" lang="en">{slip.deptName}</p>
      <p className="slip-dept" lang="hi">{slip.deptNameHi}</p>
      {(slip.doctor || slip.room) && (
        <dl className="slip-facts slip-where">
          {slip.doctor && <Fact label={both('doctor')}>{slip.doctor}</Fact>}
          {slip.room && <Fact label={both('room')}>{slip.room}</Fact>}
        </dl>
      )}

      <hr className="slip-rule" />
      <dl className="slip-facts">
        <Fact label={both('patient')} className="slip-patient">{slip.patientName}</Fact>
        <Fact label={both('ageSex')}>{slip.ageSex}</Fact>
        {slip.uhid && <Fact label={both('uhid')}>{slip.uhid}</Fact>}
      </dl>
      <Code128 value={barcode.value} dpi={dpi} moduleDots={barcode.moduleDots} heightMm={paper === 'A6' ? 14 : 8}
        boxLeftMm={CONTENT_LEFT_MM[paper]} boxWidthMm={widthMm} className="slip-barcode" />
      <p className="slip-id-caption">{both('downtimeId')}</p>
      <p className="slip-id">{slip.patient}</p>

      <hr className="slip-rule" />
      <dl className="slip-facts slip-small">
        <Fact label={both('issued')}>{slip.issuedAt}</Fact>
        <Fact label={both('device')}>{slip.device}</Fact>
      </dl>
      <p className="slip-wait">{both('wait')}</p>
    </article>
  );
}

function Fact({ label, className, children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
