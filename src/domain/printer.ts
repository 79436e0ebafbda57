/**
 * Print-head resolutions a device can be set to. 203 dpi (8 dots/mm) is the common thermal label
 * and receipt printer, 300 dpi the sharper label printer; office printers print at 300 or a
 * multiple of it. Barcodes are drawn in whole dots of this resolution.
 */
export const PRINTER_DPIS = [203, 300] as const;
export type PrinterDpi = (typeof PRINTER_DPIS)[number];
export const DEFAULT_PRINTER_DPI: PrinterDpi = 203;

/** A resolution as a form or stored settings give it ("300" or 300), or null when it is not one we print at. */
export function printerDpi(value: unknown): PrinterDpi | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return PRINTER_DPIS.find((d) => d === n) ?? null;
}
