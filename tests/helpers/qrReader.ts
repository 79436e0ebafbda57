import jsQR from 'jsqr';
import type { DotPage } from './printerRaster';

/**
 * The one QR code on a page, read as a scanner would from the printed dots, by jsQR (not the
 * library that drew it). ZXing's JavaScript QR reader, used for the labels' Code 128, misses a few
 * per cent of QR symbols even drawn perfectly (measured: 11 of 300 clean version-3 symbols), which
 * a phone or desk scanner does not: it would make the test fail for the reader's sake.
 */
export function readQr(page: DotPage): { text: string; version: number } {
  const rgba = new Uint8ClampedArray(page.width * page.height * 4);
  for (let y = 0; y < page.height; y += 1) {
    for (let x = 0; x < page.width; x += 1) {
      const i = (y * page.width + x) * 4;
      const v = page.black(x, y) ? 0 : 255;
      rgba[i] = v; rgba[i + 1] = v; rgba[i + 2] = v; rgba[i + 3] = 255;
    }
  }
  const found = jsQR(rgba, page.width, page.height, { inversionAttempts: 'dontInvert' });
  if (!found) throw new Error('no QR code found on the page');
  return { text: found.data, version: found.version };
}
