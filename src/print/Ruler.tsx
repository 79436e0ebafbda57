import type { PrinterDpi } from '../domain/printer';
import { dotsToMm } from './dots';

/**
 * A millimetre ruler as wide as the paper, to hold against a real one: a printer that scales the
 * page (a driver's "fit to page") prints barcodes that no longer fall on whole dots. Ticks are
 * two printer dots wide, every millimetre, longer every 5 and numbered every 10.
 */
export function Ruler({ widthMm, dpi, unit }: { widthMm: number; dpi: PrinterDpi; unit: string }) {
  const height = 4;
  const tick = dotsToMm(2, dpi);
  const marks = Array.from({ length: Math.floor(widthMm) + 1 }, (_, mm) => mm);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" className="ruler" data-ruler-mm={widthMm} width={`${widthMm}mm`} height={`${height}mm`}
      viewBox={`0 0 ${widthMm} ${height}`} role="img" aria-label={`${widthMm} ${unit}`}>
      <rect x={0} y={0} width={widthMm} height={tick} fill="#000" />
      {marks.map((mm) => {
        const long = mm % 10 === 0 ? 2.2 : mm % 5 === 0 ? 1.6 : 1;
        // The end ticks stay inside the paper.
        const x = Math.min(Math.max(mm - tick / 2, 0), widthMm - tick);
        return <rect key={mm} x={x} y={0} width={tick} height={long} fill="#000" />;
      })}
      {marks.filter((mm) => mm % 10 === 0 && mm > 0 && mm < widthMm).map((mm) => (
        <text key={`n${mm}`} x={mm + 0.4} y={3.6} fontSize={1.8} fontFamily="sans-serif" fill="#000">{mm}</text>
      ))}
    </svg>
  );
}
