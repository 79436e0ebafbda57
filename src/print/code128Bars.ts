import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js';

export interface Bar {
  /** Offset from the left end of the symbol, in modules. */
  x: number;
  /** Width in modules (1–4 in Code 128). */
  width: number;
}

export interface Code128Symbol {
  /** Width of the symbol without quiet zones, in modules. */
  modules: number;
  bars: Bar[];
}

/**
 * The bars of a Code 128 symbol for a value, or null when Code 128 cannot carry it (only ASCII
 * can be encoded). Only jsbarcode's encoder is used, not its DOM renderer: React draws the bars,
 * and the bundle carries none of the other symbologies.
 */
export function code128Bars(value: string): Code128Symbol | null {
  if (value === '') return null;
  const encoder = new CODE128(value, {});
  if (!encoder.valid()) return null;
  const pattern = encoder.encode().data;
  const bars: Bar[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    if (pattern[i] !== '1') continue;
    const last = bars[bars.length - 1];
    if (last && last.x + last.width === i) last.width += 1;
    else bars.push({ x: i, width: 1 });
  }
  return { modules: pattern.length, bars };
}
