import type { PrinterDpi } from '../domain/printer';
import { code128Bars } from './code128Bars';
import { dotsToMm, placeOnDots, PX_MM, QUIET_ZONE_MODULES } from './dots';

export interface Code128Props {
  value: string;
  dpi: PrinterDpi;
  /** Width of the narrowest bar, in whole printer dots (see fitModuleDots). */
  moduleDots: number;
  /** Bar height in millimetres; drawn to the nearest whole dot. */
  heightMm: number;
  /**
   * Where the box the barcode sits in starts, in millimetres from the paper's left edge, and its
   * width to centre in (left-aligned without one): the bars then start on a whole dot, so every
   * bar and space prints exactly as wide as drawn.
   */
  boxLeftMm: number;
  boxWidthMm?: number;
  className?: string;
}

/**
 * A Code 128 barcode as inline SVG: nothing to download, exact size on paper, every bar and
 * space a whole number of printer dots from the paper's edge (placeOnDots). The human-readable
 * text is printed by whoever places the barcode, in a larger type.
 */
export function Code128({ value, dpi, moduleDots, heightMm, boxLeftMm, boxWidthMm, className }: Code128Props) {
  const symbol = code128Bars(value);
  // Values come from our own ID formats (ASCII); anything else simply gets no barcode.
  if (!symbol) return null;
  const total = symbol.modules + 2 * QUIET_ZONE_MODULES;
  const moduleMm = dotsToMm(moduleDots, dpi);
  const height = dotsToMm(Math.max(1, Math.round(heightMm / dotsToMm(1, dpi))), dpi);
  const { marginLeftMm, shiftMm } = placeOnDots(total * moduleDots, dpi, boxLeftMm, boxWidthMm);
  // One pixel wider than the symbol: room for the shift onto the dot grid.
  const width = mm5(total * moduleMm + PX_MM);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className={className}
      data-barcode="code128"
      data-module-dots={moduleDots}
      role="img"
      aria-label={value}
      width={`${width}mm`}
      height={`${height}mm`}
      style={{ display: 'block', marginLeft: `${marginLeftMm}mm` }}
      // User units are millimetres, so bars are placed to the hundred-thousandth of one.
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      shapeRendering="crispEdges"
    >
      {/* Thermal heads print black only: no white rectangle behind the bars. */}
      {symbol.bars.map((bar) => (
        <rect key={bar.x} x={mm5(shiftMm + (bar.x + QUIET_ZONE_MODULES) * moduleMm)} y={0} width={mm5(bar.width * moduleMm)} height={height} fill="#000" />
      ))}
    </svg>
  );
}

const mm5 = (mm: number) => Math.round(mm * 1e5) / 1e5;
