import { code128Bars } from './code128Bars';

export interface Code128Props {
  value: string;
  /** Bar height in millimetres. */
  height?: number;
  /**
   * Narrowest bar in millimetres. 0.25 mm is two dots of a 203 dpi thermal head, the common
   * receipt printer, so every bar lands on whole dots.
   */
  moduleMm?: number;
  className?: string;
}

/** Code 128 asks for at least ten modules of white either side so that a scanner finds the ends. */
export const QUIET_ZONE_MODULES = 10;

/**
 * A Code 128 barcode as inline SVG: nothing to download, exact millimetre size on paper. The
 * human-readable text is printed by whoever places the barcode, in a larger type.
 */
export function Code128({ value, height = 12, moduleMm = 0.25, className }: Code128Props) {
  const symbol = code128Bars(value);
  // Values come from our own ID formats (ASCII); anything else simply gets no barcode.
  if (!symbol) return null;
  const total = symbol.modules + 2 * QUIET_ZONE_MODULES;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className={className}
      data-barcode="code128"
      role="img"
      aria-label={value}
      width={`${round(total * moduleMm)}mm`}
      height={`${height}mm`}
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

const round = (mm: number) => Math.round(mm * 1000) / 1000;
