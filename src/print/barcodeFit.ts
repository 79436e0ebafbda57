import type { PrinterDpi } from '../domain/printer';
import { code128Bars } from './code128Bars';
import { fitModuleDots, QUIET_ZONE_MODULES } from './dots';

/** What a barcode carries and how wide its narrowest bar is, in printer dots. */
export interface BarcodePlan {
  value: string;
  moduleDots: number;
}

/** `value` in whole dots nearest `nominalMm`, quiet zones included in `maxWidthMm`; null when it does not fit at 2 dots. */
export function planBarcode(value: string, dpi: PrinterDpi, nominalMm: number, maxWidthMm: number): BarcodePlan | null {
  const symbol = code128Bars(value);
  if (!symbol) return null;
  const moduleDots = fitModuleDots(symbol.modules + 2 * QUIET_ZONE_MODULES, dpi, nominalMm, maxWidthMm);
  return moduleDots === null ? null : { value, moduleDots };
}
