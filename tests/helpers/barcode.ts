import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';

/**
 * Read the one barcode in a PNG (e.g. a screenshot of a printed label) the way a lab scanner
 * would: grey levels, a binarizer and ZXing's 1D readers. Transparent pixels count as white
 * paper. Throws when no barcode can be read.
 */
export function decodeBarcode(png: Uint8Array | ArrayLike<number>): { text: string; format: string } {
  const { text, format } = decodeGrey(...greyOf(png));
  return { text, format };
}

export interface Decoded {
  text: string;
  format: string;
  /** Where the reader found it: its row and the middles of the start and stop patterns, in pixels. */
  row: number;
  left: number;
  right: number;
}

/** Read one Code 128 barcode from grey levels (0 black … 255 white), one byte per pixel. Throws when none can be read. */
export function decodeGrey(grey: Uint8ClampedArray, width: number, height: number): Decoded {
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(grey, width, height)));
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const result = new MultiFormatReader().decode(bitmap, hints);
  const [a, b] = result.getResultPoints();
  return {
    text: result.getText(),
    format: BarcodeFormat[result.getBarcodeFormat()],
    row: Math.round(a!.getY()),
    left: Math.min(a!.getX(), b!.getX()),
    right: Math.max(a!.getX(), b!.getX()),
  };
}

function greyOf(png: Uint8Array | ArrayLike<number>): [Uint8ClampedArray, number, number] {
  const image = PNG.sync.read(Buffer.from(png as ArrayLike<number>));
  const { width, height, data } = image;
  const grey = new Uint8ClampedArray(width * height);
  for (let i = 0; i < grey.length; i += 1) {
    const [r, g, b, a] = [data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!, data[i * 4 + 3]! / 255];
    grey[i] = Math.round((0.299 * r + 0.587 * g + 0.114 * b) * a + 255 * (1 - a));
  }
  return [grey, width, height];
}
