import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, registerPatient, requestLab } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { startPreview, type Preview } from '../helpers/previewServer';
import { settled, sideways, TABLET } from '../helpers/tabletFit';

let preview: Preview;
const HIS_CSV = [
  'UHID,Patient Name,Gender,Date of Birth,Age,Mobile Number,Permanent Address with Landmark,Father or Husband Name,Registration Date',
  ...Array.from({ length: 6 }, (_, i) => `AIIMS/2026/00${i},सुनीता देवी ${i},F,12/03/1980,,98765432${i}0,"House ${i}, Gali No. 4, Near Shiv Mandir, Laxmi Nagar, East Delhi, Delhi 110092",Ram Prasad Sharma,2026-01-0${i + 1}`),
  'AIIMS/2026/000,Duplicate Of The First Row With A Very Long Name Indeed,F,31/02/1980,,12345,Somewhere,Someone,2026-01-01',
].join('\r\n');
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

describe('screens on a portrait tablet', () => {
  it('no screen scrolls sideways at 800 × 1280, in English or in Hindi', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.setViewportSize(TABLET);
      await page.goto(preview.url);
      await page.getByRole('heading', { name: 'Set up this device' }).waitFor();
      const misfits: Record<string, unknown> = {};
      const check = async (name: string) => {
        await page.waitForLoadState();
        await settled(page);
        const out = await sideways(page);
        if (out) misfits[name] = out;
      };
      await check('enrolment');
      await enroll(page, { hospital: 'All India Institute of Medical Sciences, New Delhi', code: 'TB', admin: 'Asha Verma', pin: '482913' });
      const patient = await registerPatient(page);
      await page.getByRole('button', { name: 'Issue token and print' }).click();
      await page.getByLabel(/^Search patient/).waitFor();
      await requestLab(page, patient, 'CBC ESR LFT URM PT', 4);
      const request = page.url().split('#')[1]!;
      const specimen = (await page.getByTestId('request-specimen').locator('code').first().textContent())!;

      // The waiting-room display ends the session (a PIN leaves it): it is checked last.
      const screens = ['/', '/desk', `/patient/${patient}`, '/queue', '/lab', '/lab/new', `/lab/new/${patient}`,
        request, `/lab/specimen/${specimen}`, '/lab/catalogue', '/users', '/device', '/sync', '/his', '/reconcile'];
      for (const language of ['en', 'hi']) {
        for (const screen of screens) {
          await page.goto(`${preview.url}#${screen}`);
          await check(`${language} ${screen}`);
        }
        // The analyte editor opened on the widest test (CBC: 18 analytes with their ranges).
        await page.goto(`${preview.url}#/lab/catalogue`);
        await page.getByLabel(/^Test$|^जाँच$/).selectOption('CBC');
        await page.getByLabel(/^HB (unit|इकाई)$/).waitFor();
        await check(`${language} analyte editor`);
        await page.goto(`${preview.url}#/desk`);
        await page.getByLabel(/^Search patient|^मरीज़ खोजें/).fill('Ravi');
        await page.locator('.results .summary').first().waitFor();
        await check(`${language} desk with results`);
        // The HIS import's wide tables (a long header, long addresses) scroll in their own box.
        await page.goto(`${preview.url}#/his`);
        await page.locator('input[type="file"]').setInputFiles({ name: 'his.csv', mimeType: 'text/csv', buffer: Buffer.from(HIS_CSV) });
        await page.locator('.his-mapping select').first().waitFor();
        await check(`${language} HIS mapping`);
        await page.locator('form button[type="submit"]').click();
        await page.locator('.his-table td').first().waitFor();
        await check(`${language} HIS bad rows`);
        if (language === 'en') await page.getByRole('button', { name: 'भाषा: हिन्दी' }).click();
      }
      await page.goto(`${preview.url}#/display/MED`);
      await page.getByRole('heading', { name: /^General Medicine/ }).waitFor();
      await check('display');
      expect(misfits).toEqual({});
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
