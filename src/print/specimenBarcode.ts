import { compactSpecimenId } from '../domain/ids/compactSpecimenId';
import { parseSpecimenId } from '../domain/ids/specimenId';
import type { PrinterDpi } from '../domain/printer';
import { planBarcode, type BarcodePlan } from './barcodeFit';

/**
 * A specimen's barcode: the ID itself when it fits at 2 dots per module or more, else its compact
 * form (14 digits, 132 modules with quiet zones), which fits a 38 mm label even at 203 dpi.
 */
export function specimenBarcode(specimen: string, dpi: PrinterDpi, nominalMm: number, maxWidthMm: number): BarcodePlan {
  const full = planBarcode(specimen, dpi, nominalMm, maxWidthMm);
  if (full) return full;
  // Only a valid ID has a compact form; a label is never refused for it, it keeps the ID as it is.
  const compact = parseSpecimenId(specimen).ok ? compactSpecimenId(specimen) : specimen;
  // Narrower than any label we print: the bars still print whole, as narrow as they come.
  return planBarcode(compact, dpi, nominalMm, maxWidthMm) ?? { value: compact, moduleDots: 2 };
}
