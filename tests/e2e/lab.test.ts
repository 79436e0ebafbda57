import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compactSpecimenId } from '../../src/domain/ids/compactSpecimenId';
import { addUser, enroll, login, registerPatient, waitForServiceWorker } from '../helpers/appDriver';
import { decodeBarcode } from '../helpers/barcode';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { nextPrint } from '../helpers/printCapture';
import { startPreview, type Preview } from '../helpers/previewServer';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

/** Chromium makes PDF pages a whole number of points: 50 mm comes out as 142 pt (50.1 mm). */
const POINT_MM = 25.4 / 72;
function expectPageMm(page: { widthMm: number; heightMm: number }, width: number, height: number) {
  expect(Math.abs(page.widthMm - width), `width ${page.widthMm} mm`).toBeLessThanOrEqual(POINT_MM);
  expect(Math.abs(page.heightMm - height), `height ${page.heightMm} mm`).toBeLessThanOrEqual(POINT_MM);
}

/**
 * A picture of the first printed label as a label printer at high resolution would make it:
 * print media, the device pixel ratio raised for the shot only.
 */
async function labelImage(page: Page, scale: number): Promise<Buffer> {
  const cdp = await page.context().newCDPSession(page);
  await page.emulateMedia({ media: 'print' });
  try {
    // Playwright keeps a context's pixel ratio fixed, so the shot goes through the DevTools protocol.
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1024, height: 768, deviceScaleFactor: scale, mobile: false });
    const box = (await page.locator('#print-root .specimen-label').first().boundingBox())!;
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...box, scale: 1 } });
    return Buffer.from(shot.data, 'base64');
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
    await page.emulateMedia({ media: 'screen' });
  }
}

describe('lab technician in Chromium, offline', () => {
  it('orders tests for a registered patient, prints 50 × 25 mm labels whose barcodes scan back to the specimen IDs, and moves a sample to reported', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'L4', admin: 'Asha Verma', pin: '482913' });
      await addUser(page, 'Meena Das', 'Lab technician', '550912');
      const patient = await registerPatient(page);
      await waitForServiceWorker(page);

      // The network goes; the lab keeps working.
      await context.setOffline(true);
      await page.reload();
      await login(page, 'Meena Das', '550912');
      expect(await page.getByRole('link', { name: 'Registration' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Lab' }).click();
      await page.getByRole('link', { name: 'New requisition' }).click();
      await page.getByLabel(/^Find the patient/).fill(patient);
      await page.getByLabel(/^Find the patient/).press('Enter');
      const codes = page.getByLabel(/^Test codes/);
      await codes.fill('CBC ESR LFT URM');
      await codes.press('Enter');
      await page.getByText('Containers to fill: 3').waitFor();
      await page.getByLabel('STAT').check();
      await page.getByLabel('Ordering clinician').fill('Dr. Meena Iyer');
      await page.getByRole('button', { name: 'Save and print labels' }).click();
      await page.getByRole('heading', { name: /^Requisition LR-L4-0000001/ }).waitFor();
      await page.getByText('Printed 1 time').nth(2).waitFor();
      const specimens = await page.getByTestId('request-specimen').locator('code').allTextContents();
      expect(specimens).toHaveLength(3);
      expect(specimens.every((s) => /^SP-L4-\d{7}-[0-9A-Z]$/.test(s))).toBe(true);

      const pages = await nextPrint(page);
      expect(pages).toHaveLength(3);
      pages.forEach((p) => expectPageMm(p, 50, 25));
      pages.forEach((p, i) => {
        expect(p.text).toContain(specimens[i]);
        expect(p.text).toContain('Ravi Kumar');
        expect(p.text).toContain('STAT');
        expect(p.text).toContain(patient);
      });
      expect(pages[1]!.text).toMatch(/EDTA \(lavender\) · CBC ESR/);

      // At the default 203 dpi a 50 mm label is too narrow for the ID at 2 dots per module: its
      // bars carry the compact form (the text still shows the ID).
      const png = await labelImage(page, 4);
      expect(decodeBarcode(png)).toEqual({ text: compactSpecimenId(specimens[0]!), format: 'CODE_128' });

      // A reprint says so on the label.
      await page.getByTestId('request-specimen').nth(1).getByRole('button', { name: 'Reprint label' }).click();
      await page.getByTestId('request-specimen').nth(1).getByText('Printed 2 times').waitFor();
      const [reprint] = await nextPrint(page);
      expect(reprint!.text).toMatch(/REPRINT 1\b/);
      expect(reprint!.text).toContain(specimens[1]);

      // The narrower roll: the bars are finer, and must still scan.
      await page.getByLabel('Label size').selectOption({ label: '38 × 25 mm' });
      await page.getByTestId('request-specimen').nth(2).getByRole('button', { name: 'Reprint label' }).click();
      await page.getByTestId('request-specimen').nth(2).getByText('Printed 2 times').waitFor();
      const [narrow] = await nextPrint(page);
      expectPageMm(narrow!, 38, 25);
      expect(decodeBarcode(await labelImage(page, 4)).text).toBe(compactSpecimenId(specimens[2]!));

      // The requisition slip on A5.
      await page.getByRole('button', { name: 'Print requisition slip (A5)' }).click();
      await page.getByText('Printed 1 time (A5)').waitFor();
      const [slip] = await nextPrint(page);
      expectPageMm(slip!, 148, 210);
      expect(slip!.text).toContain('LR-L4-0000001');
      expect(slip!.text).toContain('Clinician signature');

      // A scan with a misread character is refused; the right one opens the specimen.
      await page.getByRole('link', { name: 'Worklist' }).click();
      await page.getByTestId('worklist-row').first().waitFor();
      await page.getByRole('heading', { name: 'Worklist' }).click();
      const id = specimens[1]!;
      const misread = id.slice(0, -1) + (id.endsWith('7') ? '8' : '7');
      await page.keyboard.type(`${misread}\n`, { delay: 5 });
      await page.getByText(/This specimen ID is not valid/).waitFor();
      await page.keyboard.type(`${id}\n`, { delay: 5 });
      await page.getByTestId('specimen-id').filter({ hasText: id }).waitFor();

      await page.getByRole('button', { name: 'Record collection' }).click();
      await page.getByRole('button', { name: 'Received in lab' }).click();
      await page.getByLabel('Result note (optional)').fill('Hb 9.2 g/dL');
      await page.getByRole('button', { name: 'Record report' }).click();
      await page.getByText('Reported: nothing more to record.').waitFor();
      expect(await page.getByText(/^Reported .* by Meena Das — Hb 9.2 g\/dL$/).count()).toBe(1);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
