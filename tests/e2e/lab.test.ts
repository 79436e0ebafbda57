import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compactSpecimenId } from '../../src/domain/ids/compactSpecimenId';
import { addUser, enroll, login, registerPatient, requestLab, waitForServiceWorker } from '../helpers/appDriver';
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
      // A received tube is reported through its result grid: the old report note is gone.
      await page.getByRole('button', { name: 'Send for verification' }).waitFor();
      expect(await page.getByRole('button', { name: 'Record report' }).count()).toBe(0);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('enters a CBC with a critical value, holds it until the call-out, a pathologist releases it, the A4 report prints, and an amendment prints AMENDED with the earlier value', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'L5', admin: 'Asha Verma', pin: '482913' });
      await addUser(page, 'Meena Das', 'Lab technician', '550912');
      await addUser(page, 'Kavita Rao', 'Pathologist', '660913');
      const patient = await registerPatient(page);
      await page.getByRole('button', { name: 'Log out' }).click();

      await login(page, 'Meena Das', '550912');
      await requestLab(page, patient, 'CBC', 1);
      await nextPrint(page);
      const id = (await page.getByTestId('request-specimen').locator('code').first().textContent())!;
      const open = async () => {
        await page.getByRole('link', { name: 'Worklist' }).click();
        await page.getByRole('heading', { name: 'Worklist' }).click();
        await page.keyboard.type(`${id}\n`, { delay: 5 });
        await page.getByTestId('specimen-id').filter({ hasText: id }).waitFor();
      };
      await open();
      await page.getByRole('button', { name: 'Record collection' }).click();
      await page.getByRole('button', { name: 'Received in lab' }).click();
      // Keyboard only: each value and Enter; the last Enter lands on "Send for verification".
      await page.getByLabel('CBC Haemoglobin', { exact: true }).click();
      for (const v of ['5.9', '2.10', '21.0', '85.0', '28.0', '33.0', '13.0', '8.50', '70', '22', '5', '2', '1', '250']) await page.keyboard.type(`${v}\n`, { delay: 5 });
      await page.keyboard.press('Enter');
      await page.getByText('Entered: waiting for verification').waitFor();
      expect(await page.getByRole('button', { name: 'Verify and release' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Log out' }).click();

      await login(page, 'Kavita Rao', '660913');
      await page.getByRole('link', { name: 'Lab' }).click();
      await open();
      await page.getByRole('button', { name: 'Verify and release' }).click();
      await page.getByText(/Critical values not yet called out: HB 5.9/).waitFor();
      await page.getByLabel('Told to (name)').fill('Sister Anjali');
      await page.getByLabel('They read the values back').check();
      await page.getByRole('button', { name: 'Record call-out' }).click();
      await page.getByText(/HB 5.9 told to Sister Anjali by Kavita Rao/).waitFor();
      await page.getByRole('button', { name: 'Verify and release' }).click();
      await page.getByText('Verified and released').waitFor();

      await page.getByRole('button', { name: 'Print report (A4)' }).click();
      const report = await nextPrint(page);
      expectPageMm(report[0]!, 210, 297);
      const text = report.map((p) => p.text).join('\n');
      for (const part of ['DOWNTIME REPORT', 'Ravi Kumar', patient, id, 'Haemoglobin', '5.9', 'LL', '13.0–17.0', 'g/dL', 'Sister Anjali', 'Meena Das', 'Kavita Rao', 'Page 1 of 1']) {
        expect(text, part).toContain(part);
      }

      await page.getByRole('button', { name: 'Amend…' }).click();
      await page.getByLabel('CBC Haemoglobin', { exact: true }).fill('7.4');
      await page.getByLabel('Reason for the amendment').fill('repeat sample, first one diluted');
      await page.getByRole('button', { name: 'Save amendment' }).click();
      await page.getByText('Amended after release').waitFor();
      await page.getByRole('button', { name: 'Print report (A4)' }).click();
      const amended = (await nextPrint(page)).map((p) => p.text).join('\n');
      expect(amended).toContain('AMENDED');
      expect(amended).toContain('repeat sample, first one diluted');
      expect(amended).toMatch(/7\.4[\s\S]*was[\s\S]*5\.9/);
      expect(amended).toContain('REPRINT 1');
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
