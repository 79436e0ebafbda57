import type { LabelPaper } from '../domain/lab/paper';
import { DEFAULT_PRINTER_DPI, type PrinterDpi } from '../domain/printer';
import { LAB_PAGE_SIZE_CSS, REPORT_PAGE_CSS } from './paper';
import { ResultReport, type ReportData } from './ResultReport';
import { printDocument } from './printJob';
import { PrinterTestLabel } from './PrinterTestLabel';
import { RequisitionSlip, type RequisitionData } from './RequisitionSlip';
import { SpecimenLabel, type LabelData } from './SpecimenLabel';

export type { LabelData, ReportData, RequisitionData };

/** Specimen labels, one per page of the label roll, in one print job. */
export function printLabels(labels: readonly LabelData[], paper: LabelPaper, dpi: PrinterDpi = DEFAULT_PRINTER_DPI): Promise<void> {
  return printDocument(
    <>{labels.map((l) => <SpecimenLabel key={l.specimen} label={l} paper={paper} dpi={dpi} />)}</>,
    LAB_PAGE_SIZE_CSS[paper],
    'svg[data-barcode]',
    [],
  );
}

/** The printer test label (This device), on the label roll at its size. */
export function printTestLabel(paper: LabelPaper, dpi: PrinterDpi, sample: string): Promise<void> {
  return printDocument(<PrinterTestLabel paper={paper} dpi={dpi} sample={sample} />, LAB_PAGE_SIZE_CSS[paper], 'svg[data-barcode]', []);
}

export function printRequisition(slip: RequisitionData, dpi: PrinterDpi = DEFAULT_PRINTER_DPI): Promise<void> {
  return printDocument(<RequisitionSlip slip={slip} dpi={dpi} />, LAB_PAGE_SIZE_CSS.A5, 'svg[data-barcode]', ['lab']);
}

/** The results report (A4 or A5), with numbered pages. */
export function printResultReport(report: ReportData): Promise<void> {
  return printDocument(<ResultReport report={report} />, REPORT_PAGE_CSS[report.paper], '.result-report', ['lab']);
}
