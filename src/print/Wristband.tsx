import type { PrinterDpi } from '../domain/printer';
import { reprintNumber } from '../domain/print/reprint';
import { planBarcode } from './barcodeFit';
import { Code128 } from './Code128';
import './wristband.css';

export interface WristbandData {
  hospital: string;
  patientName: string;
  /** "35 y / M" */
  ageSex: string;
  admission: string;
  patient: string;
  /** Date of admission, in the hospital's zone. */
  admittedOn: string;
  /** 1 is the original, 2 the first reprint ("REPRINT 1"). */
  copy: number;
}

/** The band: 280 × 25 mm, printed lengthwise (the page is the band, bars across its width). */
export const WRISTBAND_PAGE_CSS = '@page { size: 280mm 25mm; margin: 0 }';
/** Each barcode's box, in mm from the band's left edge: the bars count their whole dots from it. */
export const BAND_BARCODES = [{ leftMm: 148, widthMm: 62 }, { leftMm: 212, widthMm: 62 }] as const;
const MODULE_MM = 0.25;
/** Bars as high as the band allows with the ID under them: a wrist is curved, a tall bar reads sooner. */
const BAR_MM = 12;

/**
 * A patient's wristband: name, age/sex, IP number and downtime ID as text, both IDs as Code 128
 * in whole dots of the printer, the date of admission and an allergies field to write on. The
 * first 30 mm stay blank for the clasp. Black only, mm and pt.
 */
export function Wristband({ band, dpi }: { band: WristbandData; dpi: PrinterDpi }) {
  const reprint = reprintNumber(band.copy);
  const ids = [band.admission, band.patient];
  return (
    <article className="wristband" data-admission={band.admission}>
      <div className="wb-text">
        <p className="wb-name">{band.patientName}</p>
        <p className="wb-line"><strong>{band.ageSex}</strong> · IP <span className="wb-mono">{band.admission}</span></p>
        <p className="wb-line"><span className="wb-mono">{band.patient}</span> · <span lang="en">Admitted</span> / <span lang="hi">भर्ती</span> {band.admittedOn}</p>
        <p className="wb-line"><span lang="en">Allergies</span> / <span lang="hi">एलर्जी</span>: <span className="wb-blank" /></p>
        <p className="wb-small">{band.hospital}{reprint !== null ? <strong className="wb-reprint"> REPRINT {reprint}</strong> : null}</p>
      </div>
      {ids.map((id, i) => {
        const box = BAND_BARCODES[i]!;
        const plan = planBarcode(id, dpi, MODULE_MM, box.widthMm) ?? { value: id, moduleDots: 2 };
        return (
          <div key={id} className="wb-code" data-box={i}>
            <Code128 value={plan.value} dpi={dpi} moduleDots={plan.moduleDots} heightMm={BAR_MM} boxLeftMm={box.leftMm} boxWidthMm={box.widthMm} />
            <p className="wb-id">{id}</p>
          </div>
        );
      })}
    </article>
  );
}
