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

/** A CSS pixel (1/96 in), in millimetres. */
export const PX_MM = MM_PER_INCH / 96;

export interface DotPlacement {
  /** Left margin inside the box: puts the element's left edge on a whole CSS pixel of the paper. */
  marginLeftMm: number;
  /** How far inside the element the first dot starts (less than a pixel), to be drawn as an offset. */
  shiftMm: number;
}

/**
 * Where to put something `widthDots` wide so that it starts on a whole printer dot: centred in a
 * box `boxWidthMm` wide that starts `boxLeftMm` from the paper's left edge, or at the box's first
 * whole dot when no width is given.
 *
 * Chromium prints an SVG element at a whole CSS pixel (it rounds the element's position), and a
 * CSS pixel is not a whole number of dots (96 and 203 share no factor), so the element itself
 * cannot be put on a dot. It goes on the pixel just before, and its bars are drawn `shiftMm`
 * further right, inside the SVG, where positions are printed exactly as given.
 */
export function placeOnDots(widthDots: number, dpi: PrinterDpi, boxLeftMm: number, boxWidthMm?: number): DotPlacement {
  const dot = dotMm(dpi);
  const leftDot = boxWidthMm === undefined
    ? Math.ceil(boxLeftMm / dot - 1e-9)
    : Math.round((boxLeftMm + (boxWidthMm - widthDots * dot) / 2) / dot);
  const leftMm = leftDot * dot;
  const pixelMm = Math.floor(leftMm / PX_MM + 1e-6) * PX_MM;
  return { marginLeftMm: round5(pixelMm - boxLeftMm), shiftMm: round5(leftMm - pixelMm) };
}

const round5 = (mm: number) => Math.round(mm * 1e5) / 1e5;
