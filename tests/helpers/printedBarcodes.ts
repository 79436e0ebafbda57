import { decodeGrey } from './barcode';
import type { DotPage } from './printerRaster';

/** One barcode read back from a rasterised page, with what a print check wants to know about it. */
export interface PrintedBarcode {
  text: string;
  /** Narrowest bar or space, in dots. */
  moduleDots: number;
  /** Every bar and space is a whole number of modules of whole dots (no 1.6-dot bars). */
  wholeDots: boolean;
  /** White either side of the bars, in modules, up to the next black dot or the paper's edge. */
  quietLeft: number;
  quietRight: number;
  /** Height of the bars, in millimetres. */
  heightMm: number;
  /** Left edge of the first bar, in dots from the paper's edge. */
  leftDot: number;
}

/** A white run this many narrowest runs long ends the symbol (Code 128 has none wider than 4). */
const GAP_MODULES = 6;

/**
 * Every Code 128 barcode on a page, read with ZXing (not the code that drew it) one at a time:
 * each one found is measured on the dot row it was read from, then blanked so that the next read
 * finds the next. Top to bottom.
 */
export function readPrintedBarcodes(page: DotPage, max = 8): PrintedBarcode[] {
  const grey = new Uint8ClampedArray(page.width * page.height);
  for (let y = 0; y < page.height; y += 1) {
    for (let x = 0; x < page.width; x += 1) grey[y * page.width + x] = page.black(x, y) ? 0 : 255;
  }
  const found: Array<PrintedBarcode & { top: number; rows: number; rightDot: number }> = [];
  for (let i = 0; i < max; i += 1) {
    let hit;
    try {
      hit = decodeGrey(grey, page.width, page.height);
    } catch {
      break;
    }
    const bars = measure(grey, page, hit);
    found.push({ text: hit.text, ...bars });
    for (let y = Math.max(0, bars.top - 2); y < Math.min(page.height, bars.top + bars.rows + 2); y += 1) {
      grey.fill(255, y * page.width + bars.leftDot, y * page.width + bars.rightDot + 1);
    }
  }
  return found.sort((a, b) => a.top - b.top).map(({ top: _top, rows: _rows, rightDot: _right, ...rest }) => rest);
}

function measure(grey: Uint8ClampedArray, page: DotPage, hit: { row: number; left: number; right: number }) {
  const at = (x: number, y: number) => grey[y * page.width + x] === 0;
  const across = (row: number) => extent(at, page.width, row, hit.left, hit.right);
  const first = across(hit.row);
  // The reader may have read an edge row of the bars: the band is every row that mostly agrees
  // with it, and the bars are measured on the band's middle row.
  const agree = (y: number, ref: number) => {
    let same = 0;
    for (let x = first.from; x <= first.to; x += 1) if (at(x, y) === at(x, ref)) same += 1;
    return same / (first.to - first.from + 1);
  };
  let top = hit.row;
  while (top > 0 && agree(top - 1, hit.row) >= 0.9) top -= 1;
  let bottom = hit.row;
  while (bottom < page.height - 1 && agree(bottom + 1, hit.row) >= 0.9) bottom += 1;
  const row = Math.floor((top + bottom) / 2);
  const { from, to } = across(row);
  const symbolRuns = runs(at, row, from, to);
  const moduleDots = Math.min(...symbolRuns.map((r) => r.length));
  const wholeDots = symbolRuns.every((r) => r.length % moduleDots === 0 && r.length / moduleDots <= 4);
  const whiteFrom = (x: number, step: 1 | -1) => {
    let n = 0;
    for (let i = x + step; i >= 0 && i < page.width && !at(i, row); i += step) n += 1;
    return n;
  };
  // The bars' height: the rows that carry exactly the middle row's pattern.
  let solid = 0;
  for (let y = top; y <= bottom; y += 1) if (agree(y, row) === 1) solid += 1;
  return {
    moduleDots,
    wholeDots,
    quietLeft: whiteFrom(from, -1) / moduleDots,
    quietRight: whiteFrom(to, 1) / moduleDots,
    heightMm: (solid * 25.4) / page.dpi,
    leftDot: from,
    rightDot: to,
    top,
    rows: bottom - top + 1,
  };
}

/** The first and last black dot of the symbol read on `row` between the reader's two points. */
function extent(at: (x: number, y: number) => boolean, width: number, row: number, left: number, right: number) {
  // The first and last runs are cut by the points, so they do not count.
  let narrowest = Infinity;
  for (const run of runs(at, row, Math.ceil(left), Math.floor(right)).slice(1, -1)) narrowest = Math.min(narrowest, run.length);
  const gap = GAP_MODULES * narrowest;
  // Out to either end: the symbol stops at the first white run wider than any inside it.
  const edge = (start: number, step: 1 | -1) => {
    let lastBlack = start;
    for (let x = start; x >= 0 && x < width; x += step) {
      if (at(x, row)) lastBlack = x;
      else if (Math.abs(x - lastBlack) > gap) break;
    }
    return lastBlack;
  };
  return { from: edge(Math.round(left), -1), to: edge(Math.round(right), 1) };
}

function runs(at: (x: number, y: number) => boolean, row: number, from: number, to: number): Array<{ black: boolean; length: number }> {
  const out: Array<{ black: boolean; length: number }> = [];
  for (let x = from; x <= to; x += 1) {
    const black = at(x, row);
    const last = out[out.length - 1];
    if (last && last.black === black) last.length += 1;
    else out.push({ black, length: 1 });
  }
  return out;
}
