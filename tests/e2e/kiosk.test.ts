import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, enroll, login, registerPatient } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { nextPrint } from '../helpers/printCapture';
import { startPreview, type Preview } from '../helpers/previewServer';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

const CLERK = { name: 'Meena Joshi', pin: '730291' };

/** What anyone walking up to the screen can see or reach: no patient, no tab, no session. */
async function expectOnlyTheBoard(page: Page, token: string) {
  await page.getByTestId('display-called').filter({ hasText: token }).waitFor();
  const seen = await page.locator('body').innerText();
  expect(seen).not.toContain('Ravi Kumar');
  expect(seen).not.toContain(CLERK.name);
  expect(await page.getByRole('navigation').count()).toBe(0);
  expect(await page.getByRole('link').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
  expect(await page.getByLabel(/^Search patient/).count()).toBe(0);
}

describe('waiting-room display in Chromium', () => {
  it('a clerk opens it: tokens and rooms only, no address leads anywhere else, even after a reload, and a PIN gets out', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'K7', admin: 'Asha Verma', pin: '482913' });
      await addUser(page, CLERK.name, 'Ward clerk', CLERK.pin);
      await page.getByRole('button', { name: 'Log out' }).click();
      await login(page, CLERK.name, CLERK.pin);

      const patient = await registerPatient(page);
      await page.getByLabel('Room (optional)').fill('4');
      await page.getByRole('button', { name: 'Issue token and print' }).click();
      await nextPrint(page);
      await page.getByRole('link', { name: 'Queue' }).click();
      await page.getByRole('button', { name: 'Call next' }).click();
      const token = (await page.getByTestId('called-token').locator('strong').textContent())!;
      expect(token).toBe('MED-K7-001');

      await page.getByRole('link', { name: 'Open waiting-room display' }).click();
      await expectOnlyTheBoard(page, token);
      expect(await page.getByTestId('display-called').innerText()).toContain('Room 4');

      for (const route of ['#/desk', `#/patient/${patient}`, '#/queue', '#/users', '#/device', '#/sync', '#/lab', '#/']) {
        await page.evaluate((hash) => { location.hash = hash; }, route);
        await page.waitForFunction((hash) => location.hash === hash, route);
        await expectOnlyTheBoard(page, token);
      }
      // A reload (a power blip, an update) brings the board back, not the clerk's session.
      await page.evaluate((hash) => { location.hash = hash; }, `#/patient/${patient}`);
      await page.reload();
      await expectOnlyTheBoard(page, token);

      await page.getByRole('button', { name: 'Leave display · डिस्प्ले छोड़ें' }).click();
      await page.getByRole('heading', { name: 'Leave the waiting-room display' }).waitFor();
      await page.getByText(CLERK.name, { exact: true }).click();
      await page.getByLabel('PIN', { exact: true }).fill(CLERK.pin);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'OPD queue' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Registration' }).waitFor();
      expect(await page.getByTestId('called-token').innerText()).toContain('Ravi Kumar');
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
