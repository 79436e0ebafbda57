import { DEFAULT_PRINTER_DPI, type PrinterDpi } from '../domain/printer';
import { PAGE_SIZE_CSS, type Paper } from './paper';
import { printDocument } from './printJob';
import { TokenSlip, type SlipData } from './TokenSlip';

export { PAGE_SIZE_CSS };
export { currentPageCss, PRINT_ROOT_ID } from './printJob';
export type { Paper, SlipData };

/**
 * Prints one token slip, sized for the paper. Everything it needs is in this bundle and the
 * device's own fonts, so it prints with no network.
 */
export function printSlip(slip: SlipData, paper: Paper, dpi: PrinterDpi = DEFAULT_PRINTER_DPI): Promise<void> {
  return printDocument(<TokenSlip slip={slip} paper={paper} dpi={dpi} />, PAGE_SIZE_CSS[paper], 'svg[data-barcode]', ['slip']);
}
