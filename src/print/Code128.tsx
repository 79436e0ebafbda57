import type { PrinterDpi } from '../domain/printer';
import { code128Bars } from './code128Bars';
import { dotsToMm, QUIET_ZONE_MODULES, wholeDotMarginMm } from './dots';

export interface Code128Props {
  value: string;
  dpi: PrinterDpi;
  /** Width of the narrowest bar, in whole printer dots (see fitModuleDots). */
  moduleDots: number;
  /** Bar height in millimetres; drawn to the nearest whole dot. */
  heightMm: number;
  /**
   * Where the box the barcode sits in starts, in millimetres from the paper's left edge, and its
   * width to centre in (left-aligned without one): the barcode's left edge then falls on a whole
   * dot, so every bar prints exactly as wide as drawn.
   */
  boxLeftMm: number;
  boxWidthMm?: number;
  className?: string;
}

/**
 * A Code 128 barcode as inline SVG: nothing to download, exact size on paper, every bar and
 * space a whole number of printer dots. The human-readable text is printed by whoever places
 * the barcode, in a larger type.
 */
export function Code128({ value, dpi, moduleDots, heightMm, boxLeftMm, boxWidthMm, className }: Code128Props) {
  const symbol = code128Bars(value);
  // Values come from our own ID formats (ASCII); anything else simply gets no barcode.
  if (!symbol) return null;
  const total = symbol.modules + 2 * QUIET_ZONE_MODULES;
  const widthDots = total * moduleDots;
  const heightDots = Math.max(1, Math.round(heightMm / dotsToMm(1, dpi)));
  const marginLeft = wholeDotMarginMm(widthDots, dpi, boxLeftMm, boxWidthMm);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className={className}
      data-barcode="code128"
      data-module-dots={moduleDots}
      role="img"
      aria-label={value}
      width={`${dotsToMm(widthDots, dpi)}mm`}
      height={`${dotsToMm(heightDots, dpi)}mm`}
      style={{ display: 'block', marginLeft: `${Math.round(marginLeft * 1e5) / 1e5}mm` }}
      viewBox={`0 0 ${total} 1`}
      preserveAspectRatio="none"
      shapeRendering="crispEdges"
    >
      {/* Thermal heads print black only: no white rectangle behind the bars. */}
      {symbol.bars.map((bar) => (
        <rect key={bar.x} x={bar.x + QUIET_ZONE_MODULES} y={0} width={bar.width} height={1} fill="#000" />
      ))}
    </svg>
  );
}
