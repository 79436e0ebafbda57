import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, ResultMetadataType, RGBLuminanceSource } from '@zxing/library';
import type { DotPage } from './printerRaster';

/** The one QR code on a page, read as a scanner would from the printed dots (ZXing, not the library that drew it). */
export function readQr(page: DotPage): { text: string; level: unknown } {
  const grey = new Uint8ClampedArray(page.width * page.height);
  for (let y = 0; y < page.height; y += 1) {
    for (let x = 0; x < page.width; x += 1) grey[y * page.width + x] = page.black(x, y) ? 0 : 255;
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(grey, page.width, page.height)));
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const result = new QRCodeReader().decode(bitmap, hints);
  return { text: result.getText(), level: result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL) };
}
