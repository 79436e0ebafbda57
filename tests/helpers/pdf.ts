import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js's legacy build (the one Node 20 runs) replaces JSON.stringify and JSON.parse with
// core-js versions (for JSON.rawJSON, which Node 20 lacks) about four times slower. The gateway
// that the e2e tests and the benchmarks serve from this same process is measured with Node's own.
const { stringify, parse } = JSON;
const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
JSON.stringify = stringify;
JSON.parse = parse;

export interface PdfPage {
  widthMm: number;
  heightMm: number;
  text: string;
}

const MM_PER_POINT = 25.4 / 72;

// Chromium leaves the 14 standard fonts unembedded when a page uses them; pdf.js needs their
// metrics from its own folder, read from disk so that the tests never touch the network.
const standardFontDataUrl = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

/**
 * Open a PDF with pdf.js as these tests read one (no eval, no system fonts, the standard fonts from
 * disk), hand it to `use`, and free it afterwards. pdf.js takes ownership of the bytes it is
 * given; a copy leaves the caller's buffer usable.
 */
export async function withPdf<T>(bytes: Uint8Array | ArrayLike<number>, use: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  const doc = await task.promise;
  try {
    return await use(doc);
  } finally {
    await task.destroy();
  }
}

/**
 * Page sizes (rounded to 0.1 mm, as printers and @page rules are specified) and text of a PDF,
 * e.g. one made by Chromium's page.pdf(). Text runs are joined as pdf.js reports them, with a
 * newline where it sees the end of a line. Takes playwright's Buffer as well as a Uint8Array.
 */
export function readPdf(buffer: Uint8Array | ArrayLike<number>): Promise<PdfPage[]> {
  return withPdf(buffer, async (doc) => {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('');
      // A glyph with no Unicode in the PDF (e.g. Devanagari drawn with a missing font) reads as
      // U+0000; U+FFFD says "unreadable" in a failure message instead of hiding it.
      pages.push({ widthMm: toMm(width), heightMm: toMm(height), text: text.replaceAll('\u0000', '\uFFFD') });
    }
    return pages;
  });
}

const toMm = (points: number) => Math.round(points * MM_PER_POINT * 10) / 10;
