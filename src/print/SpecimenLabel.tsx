import { CONTAINER_LABEL, type Container } from '../domain/lab/containers';
import type { LabelPaper } from '../domain/lab/paper';
import type { Priority } from '../domain/lab/requisition';
import { reprintNumber } from '../domain/print/reprint';
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

/**
 * Narrowest bar per label width. With ten modules of quiet zone either side a specimen ID is
 * about 210 modules: 0.2 mm fills 42 of the 50 mm, 0.16 mm fills 34 of the 38 mm. Both are two
 * or more dots of a 300 dpi label printer, the usual head in a lab.
 */
export const LABEL_MODULE_MM: Readonly<Record<LabelPaper, number>> = { '50x25': 0.2, '38x25': 0.16 };

/**
 * One specimen label, the size of the label itself. Black only (thermal labels), millimetres and
 * points only (the app's rem size must not change a label), the ID both as bars and as text.
 * Words are printed in English: labels are read by lab staff and their instruments' operators.
 */
export function SpecimenLabel({ label, paper }: { label: LabelData; paper: LabelPaper }) {
  const reprint = reprintNumber(label.copy);
  return (
    <article className={`specimen-label specimen-label--${paper}`} data-paper={paper} data-specimen={label.specimen}>
      <p className="spl-top">
        <span className="spl-name">{label.patientName}</span>
        {label.priority !== 'routine' ? <span className={`spl-priority spl-priority--${label.priority}`}>{label.priority.toUpperCase()}</span> : null}
      </p>
      <p className="spl-line">{label.ageSex} · {label.patientRef}</p>
      <Code128 value={label.specimen} height={paper === '50x25' ? 7 : 6.5} moduleMm={LABEL_MODULE_MM[paper]} className="spl-barcode" />
      <p className="spl-id">{label.specimen}</p>
      <p className="spl-line spl-tests">{CONTAINER_LABEL[label.container]} · {label.tests.join(' ')}</p>
      <p className="spl-line spl-bottom">
        <span>{label.when}</span>
        {reprint !== null ? <span className="spl-reprint">REPRINT {reprint}</span> : null}
      </p>
    </article>
  );
}
