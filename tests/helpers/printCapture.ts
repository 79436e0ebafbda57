import type { BrowserContext, Page } from 'playwright-core';
import { readPdf, type PdfPage } from './pdf';

/**
 * Headless Chromium (156 and later) never finishes a window.print(): there is no dialog to
 * close, so 'afterprint' never comes and every later page.pdf() fails with "Page is already
 * being printed". The print dialog is the one thing here we neither own nor can run, so the
 * tests stand in for it: print() counts the job and behaves like a dialog closed at once. The
 * page's #print-root then holds exactly what the app sent to the printer.
 */
export async function capturePrints(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __ddPrints: number };
    w.__ddPrints = 0;
    window.print = () => {
      window.dispatchEvent(new Event('beforeprint'));
      w.__ddPrints += 1;
      window.dispatchEvent(new Event('afterprint'));
    };
  });
}

type Counted = { __ddPrints?: number; __ddPrintsTaken?: number };

/**
 * The next print job the app sends after the last one taken from this page (the count lives in
 * the page, so a reload starts afresh), as the printer would get it: a PDF with the page size
 * the print CSS asks for. Waits for the app's job to reach print(), never for time.
 */
export async function nextPrint(page: Page): Promise<PdfPage[]> {
  return readPdf(await nextPrintPdf(page));
}

/** The next print job (see nextPrint) as the PDF itself, e.g. to rasterise it at a printer's resolution. */
export async function nextPrintPdf(page: Page): Promise<Buffer> {
  await page.waitForFunction(() => {
    const w = window as unknown as Counted;
    if ((w.__ddPrints ?? 0) <= (w.__ddPrintsTaken ?? 0)) return false;
    w.__ddPrintsTaken = w.__ddPrints;
    return true;
  });
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.pdf({ preferCSSPageSize: true });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}
