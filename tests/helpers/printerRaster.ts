import { withPdf } from './pdf';

/** A printed page as a printer's head puts it on paper: one bit per dot, true for black. */
export interface DotPage {
  dpi: number;
  width: number;
  height: number;
  black: (x: number, y: number) => boolean;
}

interface NodeCanvas {
  canvas: unknown;
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/**
 * Every page of a print job (the PDF Chromium would send to the printer) rasterised at the
 * printer's resolution, one pixel per dot from the paper's top-left corner, then thresholded:
 * a dot is black when the shape covers at least half of it. A thermal head has no grey, so a bar
 * that is 1.6 dots wide comes out 1 or 2 dots wide, as it would on a real label.
 */
export function rasterise(pdf: Uint8Array | ArrayLike<number>, dpi: number): Promise<DotPage[]> {
  return withPdf(pdf, async (doc) => {
    const pages: DotPage[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const width = Math.floor(viewport.width);
      const height = Math.floor(viewport.height);
      // pdf.js brings its own Node canvas (@napi-rs/canvas); its factory is not in the public types.
      const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): NodeCanvas } }).canvasFactory;
      const { canvas, context } = factory.create(width, height);
      await page.render({ canvas: canvas as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport, background: '#ffffff' }).promise;
      const rgba = context.getImageData(0, 0, width, height).data;
      const bits = new Uint8Array(width * height);
      for (let i = 0; i < bits.length; i += 1) {
        const grey = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
        bits[i] = grey < 128 ? 1 : 0;
      }
      pages.push({ dpi, width, height, black: (x, y) => bits[y * width + x] === 1 });
    }
    return pages;
  });
}
