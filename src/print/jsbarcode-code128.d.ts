// jsbarcode ships types for its whole-library entry only; we import just its Code 128 encoder
// (see code128Bars.ts), so this declares the part of that module we use.
declare module 'jsbarcode/bin/barcodes/CODE128/index.js' {
  /** Code 128 with automatic choice of code sets A, B and C. */
  export class CODE128 {
    constructor(data: string, options: { ean128?: boolean });
    valid(): boolean;
    /** Modules left to right, '1' black and '0' white, start and check symbols and stop included. Call once: it consumes its input. */
    encode(): { data: string; text: string };
  }
}
