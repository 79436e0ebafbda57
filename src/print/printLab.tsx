import type { LabelPaper } from '../domain/lab/paper';
import { LAB_PAGE_SIZE_CSS } from './paper';
import { printDocument } from './printJob';
import { RequisitionSlip, type RequisitionData } from './RequisitionSlip';
import { SpecimenLabel, type LabelData } from './SpecimenLabel';

export type { LabelData, RequisitionData };

/** Specimen labels, one per page of the label roll, in one print job. */
export function printLabels(labels: readonly LabelData[], paper: LabelPaper): Promise<void> {
  return printDocument(
    <>{labels.map((l) => <SpecimenLabel key={l.specimen} label={l} paper={paper} />)}</>,
    LAB_PAGE_SIZE_CSS[paper],
    'svg[data-barcode]',
  );
}

export function printRequisition(slip: RequisitionData): Promise<void> {
  return printDocument(<RequisitionSlip slip={slip} />, LAB_PAGE_SIZE_CSS.A5, 'svg[data-barcode]');
}
