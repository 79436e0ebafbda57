import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, enroll, login } from '../helpers/appDriver';
import { dispose, registerUnknownWithKeyboard, triageWithKeyboard } from '../helpers/appDriverEmergency';
import { KeyCounter } from '../helpers/keyCounter';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { startPreview, type Preview } from '../helpers/previewServer';
import { sideways, TABLET } from '../helpers/tabletFit';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

const CLERK = { name: 'Kavita Joshi', pin: '730516' };
const ARRIVAL = { sexKey: 'M', years: '35', arrivalKey: 'P', broughtBy: 'HC Suresh Pal', station: 'PS Hauz Khas', officer: 'SI Rajbir Singh', entry: 'GD 42A' };

describe('emergency department in Chromium', () => {
  it('a clerk registers an unknown patient in under 10 keys beyond the typed data, triages red, sees the board and records a disposition, on a portrait tablet', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.setViewportSize(TABLET);
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'E7', admin: 'Asha Verma', pin: '482913' });
      await addUser(page, CLERK.name, 'Ward clerk', CLERK.pin);
      await page.getByRole('button', { name: 'Log out' }).click();
      await login(page, CLERK.name, CLERK.pin);
      // A clerk starts on the registration desk, with its way to an unknown patient shown.
      await page.getByLabel(/^Search patient/).waitFor();
      await page.getByRole('link', { name: 'Unknown patient (emergency) · Alt+U' }).waitFor();

      const keys = new KeyCounter(page);
      const visit = await registerUnknownWithKeyboard(page, keys, ARRIVAL);
      console.log(`Keys beyond the typed data, unknown patient registered in emergency: ${keys.count}`);
      expect(keys.count).toBeLessThan(10);
      expect(visit).toBe('ER-E7-000001');
      await page.getByRole('heading', { name: /UNKNOWN MALE E7-0001/ }).waitFor();
      expect(await page.locator('main').textContent()).toContain('PS Hauz Khas · SI Rajbir Singh · GD 42A');
      expect(await sideways(page)).toBeNull();

      await triageWithKeyboard(page, 'Red', 'Resus bay 1');

      // The board, from the shell's navigation: a second patient, not yet triaged, waits below the red one.
      await page.getByRole('link', { name: 'Emergency', exact: true }).click();
      await page.getByRole('heading', { name: 'Emergency board' }).waitFor();
      await page.getByRole('link', { name: 'Unknown patient (emergency) · Alt+U' }).click();
      await page.getByLabel('Police station').waitFor({ state: 'detached' }); // MLC details only for an MLC
      await page.getByLabel('Medico-legal case (MLC)').check();
      await page.getByLabel('Police station').waitFor();
      expect(await sideways(page)).toBeNull();
      await page.getByLabel('Medico-legal case (MLC)').uncheck();
      await page.getByLabel('Sex').selectOption('F');
      await page.getByLabel(/^Estimated age/).fill('70');
      await page.getByLabel('Came by').selectOption('ambulance');
      await page.getByRole('button', { name: 'Register and open the visit' }).click();
      await page.getByRole('heading', { name: /UNKNOWN FEMALE E7-0002/ }).waitFor();
      await page.getByRole('link', { name: 'Emergency', exact: true }).click();
      const rows = page.getByTestId('er-row');
      await rows.nth(1).waitFor();
      expect(await rows.nth(0).textContent()).toMatch(/^Red.*UNKNOWN MALE E7-0001.*MLC.*Resus bay 1$/);
      expect(await rows.nth(1).textContent()).toMatch(/^Not triaged.*UNKNOWN FEMALE E7-0002/);
      expect(await sideways(page)).toBeNull();

      // In Hindi the alias and the category read in Hindi.
      await page.getByRole('button', { name: 'भाषा: हिन्दी' }).click();
      await page.getByTestId('er-row').first().filter({ hasText: 'अज्ञात पुरुष E7-0001' }).filter({ hasText: 'लाल' }).waitFor();
      expect(await sideways(page)).toBeNull();
      await page.getByRole('button', { name: 'Language: English' }).click();

      await rows.nth(0).getByRole('link').click();
      await page.getByTestId('visit-id').filter({ hasText: visit }).waitFor();
      // ("Admitted to ward" opens the admit form instead: tests/e2e/wards.test.ts.)
      await dispose(page, 'Referred out', 'To the trauma centre');
      await page.getByRole('link', { name: 'Back to the board' }).click();
      await page.getByTestId('er-row').filter({ hasText: 'UNKNOWN FEMALE E7-0002' }).waitFor();
      await page.getByTestId('er-row').filter({ hasText: 'UNKNOWN MALE E7-0001' }).waitFor({ state: 'detached' });
      expect(await page.getByTestId('er-row').count()).toBe(1);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
