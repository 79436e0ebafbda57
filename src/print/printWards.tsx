import { REPORT_PAGE_CSS } from './paper';
import { printDocument } from './printJob';
import type { PrinterDpi } from '../domain/printer';
import { WardCensus, type CensusData } from './WardCensus';
import { Wristband, WRISTBAND_PAGE_CSS, type WristbandData } from './Wristband';

export type { CensusData, WristbandData };

/** The ward census on A4, its pages numbered in both languages. */
export function printWardCensus(census: CensusData): Promise<void> {
  return printDocument(<WardCensus census={census} />, REPORT_PAGE_CSS.A4, '.ward-census', ['wards']);
}

/** The patient's wristband on the band printer, its barcodes in whole dots of the printer's resolution. */
export function printWristband(band: WristbandData, dpi: PrinterDpi): Promise<void> {
  return printDocument(<Wristband band={band} dpi={dpi} />, WRISTBAND_PAGE_CSS, 'svg[data-barcode]', []);
}
