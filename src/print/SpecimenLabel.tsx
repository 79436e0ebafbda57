import { CONTAINER_LABEL, type Container } from '../domain/lab/containers';
import type { LabelPaper } from '../domain/lab/paper';
import type { Priority } from '../domain/lab/requisition';
import { reprintNumber } from '../domain/print/reprint';
import type { PrinterDpi } from '../domain/printer';
import { specimenBarcode } from './specimenBarcode';
import { Code128 } from './Code128';
import './specimenLabel.css';

export interface LabelData {
  specimen: string;
  patientName: string;
  /** "45 y / M" */
  ageSex: string;
  /** The hospital's UHID when the patient has one, else the downtime ID: what the lab matches on. */
  patientRef: string;
  container: Container;
  tests: string[];
  /** Local date and time, already formatted. */
  when: string;
  priority: Priority;
  /** 1 is the original, 2 the first reprint ("REPRINT 1"). */
  copy: number;
}

export const LABEL_WIDTH_MM: Readonly<Record<LabelPaper, number>> = { '50x25': 50, '38x25': 38 };

/**
 * Labels sit on the roll within about half a millimetre either way, so the barcode (quiet zones
 * included) keeps that far from the label's edges.
 */
export const LABEL_EDGE_MM = 0.5;

/**
 * Bars a quarter of a millimetre wide where they fit (2 dots at 203 dpi, 3 at 300): a specimen
 * ID is 209–220 modules with its quiet zones, which fits 50 mm at 300 dpi and 2 dots, and 38 mm
 * at 300 dpi only for two-character device codes. Elsewhere the label carries the compact form.
 */
export const LABEL_MODULE_MM = 0.25;

/**
 * One pass of a hand scanner takes a bar 8 mm high even when it is held a little askew. Drawn a
 * little higher: the label's top is not on a whole dot, so an edge row may print or not.
 */
export const LABEL_BAR_MM = 8.2;

/**
 * One specimen label, the size of the label itself. Black only (thermal labels), millimetres and
 * points only (the app's rem size must not change a label), the ID both as bars and as text.
 * Words are printed in English: labels are read by lab staff and their instruments' operators.
 */
export function SpecimenLabel({ label, paper, dpi }: { label: LabelData; paper: LabelPaper; dpi: PrinterDpi }) {
  const reprint = reprintNumber(label.copy);
  const width = LABEL_WIDTH_MM[paper];
  const barcode = specimenBarcode(label.specimen, dpi, LABEL_MODULE_MM, width - 2 * LABEL_EDGE_MM);
  return (
    <article className={`specimen-label specimen-label--${paper}`} data-paper={paper} data-specimen={label.specimen}>
      <p className="spl-top">
        <span className="spl-name">{label.patientName}</span>
        {label.priority !== 'routine' ? <span className={`spl-priority spl-priority--${label.priority}`}>{label.priority.toUpperCase()}</span> : null}
      </p>
      <p className="spl-line">{label.ageSex} · {label.patientRef}</p>
      {/* The barcode's row spans the whole label, whose left edge is the paper's: see specimenLabel.css. */}
      <div className="spl-barcode">
        <Code128 value={barcode.value} dpi={dpi} moduleDots={barcode.moduleDots} heightMm={LABEL_BAR_MM} boxLeftMm={0} boxWidthMm={width} />
      </div>
      <p className="spl-id">{label.specimen}</p>
      <p className="spl-line spl-tests">{CONTAINER_LABEL[label.container]} · {label.tests.join(' ')}</p>
      <p className="spl-line spl-bottom">
        <span>{label.when}</span>
        {reprint !== null ? <span className="spl-reprint">REPRINT {reprint}</span> : null}
      </p>
    </article>
  );
}
