import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, enroll, login, registerPatient, setPrinter } from '../helpers/appDriver';
import { confirmDisposition, registerUnknownWithKeyboard, triageWithKeyboard } from '../helpers/appDriverEmergency';
import { KeyCounter } from '../helpers/keyCounter';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { defineWard } from '../helpers/appDriverWards';
import { nextPrint, nextPrintPdf } from '../helpers/printCapture';
import { readPdf } from '../helpers/pdf';
import { readPrintedBarcodes } from '../helpers/printedBarcodes';
import { rasterise } from '../helpers/printerRaster';
import { startPreview, type Preview } from '../helpers/previewServer';
import { sideways, TABLET } from '../helpers/tabletFit';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

const CLERK = { name: 'Kavita Joshi', pin: '730516' };
const ARRIVAL = { sexKey: 'M', years: '35', arrivalKey: 'P', broughtBy: 'HC Suresh Pal', station: 'PS Hauz Khas', officer: 'SI Rajbir Singh', entry: 'GD 42A' };
const POINT_MM = 25.4 / 72;

/** The bed tile of `bed` on the board shown, once it is in `state`. */
const bedTile = (page: Page, bed: string, state: string) => page.locator(`[data-testid="bed"][data-bed="${bed}"][data-state="${state}"]`);

async function openBoard(page: Page, ward: string) {
  await page.getByRole('link', { name: 'Wards', exact: true }).click();
  await page.getByTestId('ward-row').filter({ hasText: ward }).getByRole('link').click();
  await page.getByRole('heading', { name: new RegExp(`^${ward} · `) }).waitFor();
}

describe('in-patient wards in Chromium', () => {
  it('an emergency patient is admitted to a bed, transferred, on the A4 census while admitted, and discharged, on a portrait tablet', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.setViewportSize(TABLET);
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'W7', admin: 'Asha Verma', pin: '482913' });

      // The administrator sets up a ward on "This device".
      await defineWard(page, { code: 'SURG', name: 'Surgery ward', nameHi: 'सर्जरी वार्ड', beds: '1-6\nICU1-ICU2 icu', count: 8 });
      expect(await sideways(page)).toBeNull();
      await addUser(page, CLERK.name, 'Ward clerk', CLERK.pin);
      await page.getByRole('button', { name: 'Log out' }).click();
      await login(page, CLERK.name, CLERK.pin);

      // Emergency: an unknown patient, triaged, disposed "admitted to ward": straight to the admit form.
      const visit = await registerUnknownWithKeyboard(page, new KeyCounter(page), ARRIVAL);
      await triageWithKeyboard(page, 'Red', 'Resus bay 1');
      await page.getByLabel('Disposition', { exact: true }).selectOption({ label: 'Admitted to ward' });
      await page.getByRole('button', { name: 'Record disposition' }).click();
      await confirmDisposition(page);
      await page.getByRole('heading', { name: /^Admit to a ward: UNKNOWN MALE W7-0001/ }).waitFor();
      expect(await page.locator('main').textContent()).toContain(visit);
      // Filled in from the visit: where from and the MLC; the first free bed is offered.
      await expect.poll(() => page.getByLabel('Admitted from').inputValue()).toBe('emergency');
      await expect.poll(() => page.getByLabel('Medico-legal case (MLC)').isChecked()).toBe(true);
      await page.getByLabel('Admitting department').selectOption('SUR');
      await page.getByLabel('Bed', { exact: true }).selectOption('3');
      await page.getByLabel('Consultant').fill('Dr Meera Iyer');
      await page.getByLabel('Provisional diagnosis').fill('Head injury, query skull fracture');
      expect(await sideways(page)).toBeNull();
      await page.keyboard.press('Enter');
      const ip = (await page.getByTestId('admission-id').textContent())!;
      expect(ip).toMatch(/^IP-W7-000001-[0-9A-Z]$/);
      const patient = (await page.locator('main a code').filter({ hasText: /^DT-W7-/ }).textContent())!;
      await page.getByTestId('admission-place').filter({ hasText: 'Ward SURG, bed 3' }).waitFor();

      // The bed board: bed 3 occupied by the patient, the rest free.
      await openBoard(page, 'SURG');
      await bedTile(page, '3', 'occupied').filter({ hasText: 'UNKNOWN MALE W7-0001' }).filter({ hasText: 'MLC' }).waitFor();
      expect(await page.locator('[data-testid="bed"][data-state="free"]').count()).toBe(7);
      expect(await sideways(page)).toBeNull();
      // In Hindi the states and the alias read in Hindi.
      await page.getByRole('button', { name: 'भाषा: हिन्दी' }).click();
      await bedTile(page, '3', 'occupied').filter({ hasText: 'अज्ञात पुरुष W7-0001' }).filter({ hasText: 'भरा' }).waitFor();
      expect(await sideways(page)).toBeNull();
      await page.getByRole('button', { name: 'Language: English' }).click();

      // Transfer to the ICU: the bed left behind is being cleaned.
      await bedTile(page, '3', 'occupied').getByRole('link').click();
      await page.getByLabel('To bed').selectOption('ICU1');
      await page.getByRole('button', { name: 'Transfer' }).click();
      await page.getByTestId('admission-place').filter({ hasText: 'Ward SURG, bed ICU1' }).waitFor();
      await page.getByRole('link', { name: 'Bed board SURG' }).click();
      await bedTile(page, 'ICU1', 'occupied').waitFor();
      await bedTile(page, '3', 'cleaning').waitFor();

      // The census, while admitted: A4, both languages, the patient in bed ICU1 with every column.
      await page.getByRole('button', { name: 'Print ward census (A4)' }).click();
      const [sheet] = await nextPrint(page);
      expect(Math.abs(sheet!.widthMm - 210)).toBeLessThanOrEqual(POINT_MM);
      expect(Math.abs(sheet!.heightMm - 297)).toBeLessThanOrEqual(POINT_MM);
      const text = sheet!.text.replace(/\s+/g, ' ');
      for (const expected of ['AIIMS New Delhi', 'Ward census', 'SURG · Surgery ward', 'ICU1', 'UNKNOWN MALE W7-0001', ip,
        '35 y / M', 'Dr Meera Iyer', 'SUR', 'Head injury, query skull fracture', 'MLC', '1 patient']) {
        expect(text, expected).toContain(expected);
      }
      expect(text).toMatch(/As of \d{4}-\d{2}-\d{2} \d{2}:\d{2} IST/);
      // The PDF's Devanagari does not extract as text: the Hindi is read from what was sent to the printer.
      const printed = await page.locator('#print-root').textContent();
      for (const expected of ['वार्ड जनगणना', 'सर्जरी वार्ड', 'बिस्तर', 'आयु/लिंग', 'भर्ती तिथि', 'प्रारंभिक निदान']) expect(printed, expected).toContain(expected);

      // Discharged: off the board, the bed being cleaned, and off the next census.
      await bedTile(page, 'ICU1', 'occupied').getByRole('link').click();
      await page.getByLabel('Outcome').selectOption({ label: 'Discharged' });
      await page.getByRole('button', { name: 'Discharge' }).click();
      await page.getByRole('status').filter({ hasText: /^Discharged .* by Kavita Joshi/ }).waitFor();
      await page.getByRole('link', { name: 'Bed board SURG' }).click();
      await bedTile(page, 'ICU1', 'cleaning').waitFor();
      await bedTile(page, '3', 'cleaning').getByRole('button', { name: 'Mark free' }).click();
      await bedTile(page, '3', 'free').waitFor();
      await page.getByRole('button', { name: 'Print ward census (A4)' }).click();
      const [after] = await nextPrint(page);
      expect(after!.text).toContain('No patient in this ward.');
      expect(after!.text).not.toContain('UNKNOWN MALE');

      // Readmitted: the board reads the patient's two admissions (the sealed rows, walked by a
      // cursor in the browser's own IndexedDB) and shows the open one alone.
      await page.locator('[data-testid="bed"][data-bed="ICU1"]').getByRole('button', { name: 'Mark free' }).click();
      await bedTile(page, 'ICU1', 'free').waitFor();
      await page.evaluate((id) => { window.location.hash = `#/wards/admit/${id}`; }, patient);
      await page.getByRole('heading', { name: /^Admit to a ward: UNKNOWN MALE W7-0001/ }).waitFor();
      await page.getByLabel('Bed', { exact: true }).selectOption('1');
      await page.getByLabel('Consultant').fill('Dr Meera Iyer');
      await page.getByLabel('Provisional diagnosis').fill('Readmitted: headache');
      await page.getByRole('button', { name: 'Admit', exact: true }).click();
      await page.getByTestId('admission-id').filter({ hasText: /^IP-W7-000002-/ }).waitFor();
      await page.getByRole('link', { name: 'Bed board SURG' }).click();
      await bedTile(page, '1', 'occupied').filter({ hasText: 'UNKNOWN MALE W7-0001' }).waitFor();
      expect(await page.getByTestId('admitted-twice').count()).toBe(0);

      // Entered in error after all: asked, then recorded; the bed is free and the ward list counts it so.
      await bedTile(page, '1', 'occupied').getByRole('link').click();
      await page.getByLabel('Why (required)').fill('Admitted to the wrong ward');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Yes, mark it' }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('admission-in-error').filter({ hasText: 'Entered in error' }).waitFor();
      await page.getByRole('link', { name: 'Bed board SURG' }).click();
      await bedTile(page, '1', 'free').waitFor();
      await page.getByRole('link', { name: 'Back to the wards' }).click();
      await page.getByTestId('ward-row').filter({ hasText: '0 occupied · 8 free · 0 reserved · 0 being cleaned' }).waitFor();
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('prints a 280 × 25 mm wristband whose two barcodes (IP number, downtime ID) are whole dots and decode back at 203 and 300 dpi', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      // A three-character device code: the longest IDs there are.
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'L42', admin: 'Asha Verma', pin: '482913' });
      await defineWard(page, { code: 'MED2', name: 'Medicine ward 2', beds: '1-4', count: 4 });
      const patient = await registerPatient(page);

      await page.getByRole('link', { name: 'Admit to a ward' }).click();
      await page.getByRole('heading', { name: /^Admit to a ward: Ravi Kumar/ }).waitFor();
      await expect.poll(() => page.getByLabel('Admitted from').inputValue()).toBe('opd');
      await page.getByLabel('Consultant').fill('Dr Arvind Rao');
      await page.getByLabel('Provisional diagnosis').fill('Community-acquired pneumonia');
      await page.getByRole('button', { name: 'Admit', exact: true }).click();
      const ip = (await page.getByTestId('admission-id').textContent())!;
      expect(ip).toMatch(/^IP-L42-000001-[0-9A-Z]$/);
      const admissionPath = new URL(page.url()).hash;

      for (const dpi of [203, 300]) {
        await setPrinter(page, { dpi });
        await page.evaluate((h) => { location.hash = h; }, admissionPath);
        await page.getByRole('button', { name: 'Print wristband' }).click();
        const pdf = await nextPrintPdf(page);
        const [[band], [dots]] = await Promise.all([readPdf(pdf), rasterise(pdf, dpi)]);
        expect(Math.abs(band!.widthMm - 280)).toBeLessThanOrEqual(POINT_MM);
        expect(Math.abs(band!.heightMm - 25)).toBeLessThanOrEqual(POINT_MM);
        for (const expected of ['Ravi Kumar', '45 y / M', ip, patient, 'Allergies']) expect(band!.text, expected).toContain(expected);
        if (dpi === 300) expect(band!.text).toContain('REPRINT 1');
        const barcodes = readPrintedBarcodes(dots!);
        expect(barcodes.map((b) => b.text).sort(), `${dpi} dpi`).toEqual([ip, patient].sort());
        for (const b of barcodes) {
          expect(b.wholeDots, `${b.text} at ${dpi} dpi: whole dots`).toBe(true);
          expect(b.moduleDots).toBeGreaterThanOrEqual(2);
          expect(b.quietLeft).toBeGreaterThanOrEqual(10);
          expect(b.quietRight).toBeGreaterThanOrEqual(10);
          expect(b.heightMm).toBeGreaterThanOrEqual(8);
        }
      }
      await page.getByText('Wristband printed 2 times').waitFor();
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
