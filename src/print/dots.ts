import type { PrinterDpi } from '../domain/printer';

/**
 * Printer-dot geometry. A print head puts down whole dots: a bar drawn 1.6 dots wide comes out 1
 * or 2 dots wide depending on where it falls, and a barcode whose bars and spaces vary like that
 * stops scanning. So every barcode is laid out in whole dots of the device's resolution, counted
 * from the paper's left edge, where the head's first dot is.
 */
export const MM_PER_INCH = 25.4;
export const dotMm = (dpi: PrinterDpi) => MM_PER_INCH / dpi;

/** Whole dots in a length (a part-dot at the end is not printable space). */
export const dotsIn = (mm: number, dpi: PrinterDpi) => Math.floor((mm * dpi) / MM_PER_INCH + 1e-9);

/** Millimetres of a number of dots, precise enough that a few hundred dots add up to the same dot. */
export const dotsToMm = (dots: number, dpi: PrinterDpi) => Math.round(dots * dotMm(dpi) * 1e5) / 1e5;

/** Modules a scanner needs of white either side of a Code 128 symbol to find its ends. */
export const QUIET_ZONE_MODULES = 10;

/**
 * Dots per module for a symbol of `modules` (quiet zones included): the whole number of dots
 * nearest `nominalMm`, narrowed until it fits `maxWidthMm`; null when not even 2 dots fit,
 * the least a print head reproduces reliably (a 1-dot bar spreads or vanishes with heat and wear).
 */
export function fitModuleDots(modules: number, dpi: PrinterDpi, nominalMm: number, maxWidthMm: number): number | null {
  const wanted = Math.max(2, Math.round(nominalMm / dotMm(dpi)));
  const fits = Math.floor(dotsIn(maxWidthMm, dpi) / modules);
  const dots = Math.min(wanted, fits);
  return dots >= 2 ? dots : null;
}

/**
 * Left margin (mm, inside a box that starts `boxLeftMm` from the paper's edge) that puts a thing
 * `widthDots` wide on a whole dot: centred in the box's `boxWidthMm`, or at the box's start
 * (the first whole dot in it) when no width is given.
 */
export function wholeDotMarginMm(widthDots: number, dpi: PrinterDpi, boxLeftMm: number, boxWidthMm?: number): number {
  const dot = dotMm(dpi);
  const leftDot = boxWidthMm === undefined
    ? Math.ceil(boxLeftMm / dot - 1e-9)
    : Math.round((boxLeftMm + (boxWidthMm - widthDots * dot) / 2) / dot);
  return dotsToMm(leftDot, dpi) - boxLeftMm;
}
