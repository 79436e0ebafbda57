import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enroll, registerPatient, requestLab, setPrinter } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { readPdf } from '../helpers/pdf';
import { nextPrintPdf } from '../helpers/printCapture';
import { readPrintedBarcodes, type PrintedBarcode } from '../helpers/printedBarcodes';
import { rasterise } from '../helpers/printerRaster';
import { startPreview, type Preview } from '../helpers/previewServer';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

const DPIS = [203, 300] as const;

/** The barcodes of one print job, page by page, as the printer at `dpi` puts them on paper. */
async function printed(page: Page, dpi: number): Promise<Array<{ text: string; barcodes: PrintedBarcode[] }>> {
  const pdf = await nextPrintPdf(page);
  const [texts, dots] = await Promise.all([readPdf(pdf), rasterise(pdf, dpi)]);
  return dots.map((p, i) => ({ text: texts[i]!.text, barcodes: readPrintedBarcodes(p) }));
}

/** What every barcode must be, whatever it is printed on. */
function expectScannable(b: PrintedBarcode, where: string) {
  expect(b.wholeDots, `${where}: bars of whole dots (narrowest ${b.moduleDots})`).toBe(true);
  expect(b.moduleDots, `${where}: two dots or more per module`).toBeGreaterThanOrEqual(2);
  expect(b.quietLeft, `${where}: quiet zone left`).toBeGreaterThanOrEqual(10);
  expect(b.quietRight, `${where}: quiet zone right`).toBeGreaterThanOrEqual(10);
}

/** In-app navigation (the app routes on the hash: no reload, so the session stays open). */
async function go(page: Page, hash: string) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

describe('printouts as a 203 and a 300 dpi printer sees them', () => {
  it('every label size, the token slips and the A5 slip print bars of whole dots that ZXing reads back to their IDs', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      // A three-character device code: the longest specimen IDs there are.
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'L42', admin: 'Asha Verma', pin: '482913' });
      const patient = await registerPatient(page);
      await page.getByRole('button', { name: 'Issue token and print' }).click();
      await nextPrintPdf(page);
      await requestLab(page, patient, 'CBC LFT', 2);
      await nextPrintPdf(page);
      const requestPath = new URL(page.url()).hash;
      const specimens = await page.getByTestId('request-specimen').locator('code').allTextContents();
      expect(specimens).toHaveLength(2);

      // What each label's barcode said, to be scanned back into the lab below.
      const scanned = new Map<string, string>();
      for (const dpi of DPIS) {
        for (const paper of ['80mm', 'A6'] as const) {
          await setPrinter(page, { dpi, paper });
          await page.getByRole('link', { name: 'Registration' }).click();
          await page.getByLabel(/^Search patient/).fill(patient);
          await page.getByLabel(/^Search patient/).press('Enter');
          await page.getByRole('button', { name: 'Reprint' }).click();
          const [slip] = await printed(page, dpi);
          const where = `token slip ${paper} at ${dpi} dpi`;
          expect(slip!.barcodes.map((b) => b.text), where).toEqual([patient]);
          expectScannable(slip!.barcodes[0]!, where);
        }

        await go(page, requestPath);
        for (const size of ['50 × 25 mm', '38 × 25 mm']) {
          await page.getByLabel('Label size').selectOption({ label: size });
          await page.getByRole('button', { name: 'Print labels' }).click();
          const labels = await printed(page, dpi);
          expect(labels).toHaveLength(2);
          labels.forEach((label, i) => {
            const where = `${size} label at ${dpi} dpi`;
            expect(label.text, where).toContain(specimens[i]);
            expect(label.barcodes, where).toHaveLength(1);
            const [b] = label.barcodes as [PrintedBarcode];
            expectScannable(b, where);
            expect(b.heightMm, `${where}: bar height`).toBeGreaterThanOrEqual(8);
            scanned.set(b.text, specimens[i]!);
          });
        }

        await page.getByRole('button', { name: 'Print requisition slip (A5)' }).click();
        const slipPages = await printed(page, dpi);
        const barcodes = slipPages.flatMap((p) => p.barcodes);
        expect(barcodes.map((b) => b.text), `A5 slip at ${dpi} dpi`).toEqual(specimens);
        barcodes.forEach((b) => expectScannable(b, `A5 slip at ${dpi} dpi`));
      }

      // Whatever a label's barcode says (the ID, or its compact form), a scan opens that specimen.
      await page.getByRole('link', { name: 'Worklist' }).click();
      for (const [text, specimen] of scanned) {
        await page.getByRole('heading', { level: 1 }).first().click();
        await page.keyboard.type(`${text}\n`, { delay: 5 });
        await page.getByTestId('specimen-id').filter({ hasText: specimen }).waitFor();
      }
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('prints the printer test label from This device at the set resolution, in English and Hindi: its barcode scans, its ruler is in millimetres', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'T5', admin: 'Asha Verma', pin: '482913' });
      const scans = new Set<string>();
      for (const dpi of DPIS) {
        await setPrinter(page, { dpi });
        for (const [size, widthMm] of [['50 × 25 mm', 50], ['38 × 25 mm', 38]] as const) {
          await page.getByLabel('Label size').selectOption({ label: size });
          await page.getByRole('button', { name: 'Print test label' }).click();
          const [label, more] = await printed(page, dpi);
          const where = `test label ${size} at ${dpi} dpi`;
          expect(more, where).toBeUndefined();
          expect(label!.text, where).toContain(`Printer test · ${dpi} dpi`);
          expect(label!.barcodes, where).toHaveLength(1);
          const [b] = label!.barcodes as [PrintedBarcode];
          expectScannable(b, where);
          expect(b.heightMm, where).toBeGreaterThanOrEqual(8);
          // It says what it must scan as, and its ruler is numbered every 10 mm up to the label's width.
          expect(label!.text, where).toContain(`Scans as ${b.text}`);
          for (let mm = 10; mm < widthMm; mm += 10) expect(label!.text, where).toContain(String(mm));
          scans.add(b.text);
        }
      }
      // The sample is a valid specimen ID that no sample has: the lab says so, whichever form the bars carry.
      await page.getByRole('link', { name: 'Lab' }).click();
      for (const text of scans) {
        await page.getByRole('heading', { name: 'Worklist' }).click();
        await page.keyboard.type(`${text}\n`, { delay: 5 });
        await page.getByText(/^Specimen SP-T5-9999999-[0-9A-Z] is not on this device\.$/).waitFor();
      }

      await page.getByRole('button', { name: 'भाषा: हिन्दी' }).click();
      await page.getByRole('link', { name: 'यह उपकरण' }).click();
      await page.getByRole('button', { name: 'परीक्षण लेबल प्रिंट करें' }).click();
      const [hindi] = await printed(page, 300);
      expect(hindi!.barcodes).toHaveLength(1);
      expect(hindi!.text).toContain('300 dpi');
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
