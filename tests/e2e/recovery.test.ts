import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPatient, RAVI } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { readPdf } from '../helpers/pdf';
import { nextPrintPdf } from '../helpers/printCapture';
import { rasterise } from '../helpers/printerRaster';
import { startPreview, type Preview } from '../helpers/previewServer';
import { readQr } from '../helpers/qrReader';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

describe('the recovery code in Chromium', () => {
  it('enrollment prints a sheet whose QR scans to the code on screen; with that code a device whose every PIN is forgotten opens again', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.getByLabel('Hospital name').fill('AIIMS New Delhi');
      await page.getByLabel('Device code').fill('R5');
      await page.getByLabel('Name', { exact: true }).fill('Asha Verma');
      await page.getByLabel('PIN (6–12 digits)').fill('482913');
      await page.getByLabel('PIN again').fill('482913');
      await page.getByRole('button', { name: 'Enroll device' }).click();

      await page.getByRole('heading', { name: 'Print the recovery sheet' }).waitFor();
      const code = (await page.getByTestId('recovery-code').textContent())!;
      await page.getByRole('button', { name: 'Print recovery sheet' }).click();
      const pdf = await nextPrintPdf(page);
      const pages = await readPdf(pdf);
      expect(pages).toHaveLength(1);
      expect(Math.round(pages[0]!.widthMm)).toBe(210);
      expect(pages[0]!.text).toContain('R5');
      const [dots] = await rasterise(pdf, 300);
      expect(readQr(dots!).text).toBe(code);
      // Not before the sheet is said to be put away.
      expect(await page.getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true);
      await page.getByLabel(/recovery sheet is printed and locked away/).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Welcome, Asha Verma' }).waitFor();
      const patient = await registerPatient(page);

      // Every PIN forgotten. The sheet left for the print dialog goes with the session.
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForFunction(() => !document.getElementById('print-root')?.textContent);
      await page.getByRole('button', { name: /Every PIN lost/ }).click();
      await page.getByRole('heading', { name: 'Recovery code' }).waitFor();
      const swapped = code[1]! + code[0]! + code.slice(2);
      await page.getByLabel('Recovery code (from the sheet)').fill(swapped);
      await page.getByLabel('PIN (6–12 digits)').fill('558201');
      await page.getByLabel('PIN again').fill('558201');
      await page.getByRole('button', { name: 'Open with the recovery code' }).click();
      await page.getByRole('alert').filter({ hasText: /mistyped or swapped character/ }).waitFor();
      // Typed from paper: lower case, spaces.
      await page.getByLabel('Recovery code (from the sheet)').fill(code.toLowerCase().replaceAll('-', ' '));
      await page.getByRole('button', { name: 'Open with the recovery code' }).click();
      await page.getByText(/^Asha Verma · /).waitFor();
      await page.getByRole('link', { name: 'Registration' }).click();
      await page.getByLabel(/^Search patient/).fill(RAVI.name);
      await page.getByText(patient).first().waitFor();

      // The new PIN is the PIN from now on; the old one opens nothing.
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByText('Asha Verma', { exact: true }).click();
      await page.getByLabel('PIN', { exact: true }).fill('482913');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText('Wrong PIN.').waitFor();
      await page.getByLabel('PIN', { exact: true }).fill('558201');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText(/^Asha Verma · /).waitFor();
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
