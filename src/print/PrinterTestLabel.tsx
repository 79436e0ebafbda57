import { useTranslation } from 'react-i18next';
import type { LabelPaper } from '../domain/lab/paper';
import type { PrinterDpi } from '../domain/printer';
import { specimenBarcode } from './specimenBarcode';
import { Code128 } from './Code128';
import { Ruler } from './Ruler';
import { LABEL_BAR_MM, LABEL_EDGE_MM, LABEL_MODULE_MM, LABEL_WIDTH_MM } from './SpecimenLabel';
import './specimenLabel.css';

/**
 * The printer test label ("This device"): a specimen barcode made exactly as the lab's labels
 * make it at this resolution and label size, what it must scan as, and a millimetre ruler. The
 * sample is a valid ID no specimen has yet, so scanning it in the lab proves the whole path
 * (printer, scanner, lab screen) without opening anybody's sample.
 */
export function PrinterTestLabel({ paper, dpi, sample }: { paper: LabelPaper; dpi: PrinterDpi; sample: string }) {
  const { t } = useTranslation();
  const width = LABEL_WIDTH_MM[paper];
  const barcode = specimenBarcode(sample, dpi, LABEL_MODULE_MM, width - 2 * LABEL_EDGE_MM);
  return (
    <article className={`specimen-label specimen-label--${paper} printer-test`} data-paper={paper}>
      <p className="spl-line spl-tests">{t('printer.labelTitle', { dpi })}</p>
      <div className="spl-barcode">
        <Code128 value={barcode.value} dpi={dpi} moduleDots={barcode.moduleDots} heightMm={LABEL_BAR_MM} boxLeftMm={0} boxWidthMm={width} />
      </div>
      <p className="spl-id">{sample}</p>
      <p className="spl-line">{t('printer.labelScans', { value: barcode.value })}</p>
      <div className="spl-ruler"><Ruler widthMm={width} dpi={dpi} unit={t('printer.labelRuler')} /></div>
    </article>
  );
}
