import { create } from 'qrcode';

/** White a reader needs around the symbol to find it: 4 modules, as ISO/IEC 18004 asks. */
export const QR_QUIET_MODULES = 4;

export interface QrCodeProps {
  value: string;
  /** Side of one module on paper, in millimetres. */
  moduleMm: number;
  /** M recovers from about 15 % damage, Q from 25 %. */
  level: 'M' | 'Q';
  className?: string;
}

/**
 * A QR code as inline SVG, like the Code 128 barcodes: nothing to download, exact size on paper.
 * User units are modules, so every dark module is a whole square on the module grid, and the
 * quiet zone is part of the drawing. All dark modules are one path, filled as one shape: rows
 * that touch leave no anti-aliased hairline between them where the symbol does not sit on whole
 * printer dots. No inline style: sizes are attributes.
 */
export function QrCode({ value, moduleMm, level, className }: QrCodeProps) {
  const { modules } = create(value, { errorCorrectionLevel: level });
  const size = modules.size;
  const total = size + 2 * QR_QUIET_MODULES;
  const runs: Array<{ x: number; y: number; w: number }> = [];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (!modules.get(y, x)) continue;
      const last = runs[runs.length - 1];
      if (last && last.y === y && last.x + last.w === x) last.w += 1;
      else runs.push({ x, y, w: 1 });
    }
  }
  const sideMm = Math.round(total * moduleMm * 1e5) / 1e5;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className={className}
      data-qr={level}
      data-qr-modules={size}
      role="img"
      aria-label={value}
      width={`${sideMm}mm`}
      height={`${sideMm}mm`}
      viewBox={`0 0 ${total} ${total}`}
      shapeRendering="crispEdges"
    >
      <rect x={0} y={0} width={total} height={total} fill="#fff" />
      <path fill="#000" d={runs.map((r) => `M${r.x + QR_QUIET_MODULES} ${r.y + QR_QUIET_MODULES}h${r.w}v1h${-r.w}z`).join('')} />
    </svg>
  );
}
