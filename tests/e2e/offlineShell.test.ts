import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, checkChain, enroll, login, waitForServiceWorker } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { startPreview, type Preview } from '../helpers/previewServer';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

describe('offline shell, enrollment and login in Chromium', () => {
  it('enrolls, creates a user, and keeps working offline, after a reload and after a browser restart', async () => {
    const profile = makeProfile();
    try {
      let context = await profile.launch();
      let page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'K7', admin: 'Asha Verma', pin: '482913' });
      await addUser(page, 'Ravi Kumar', 'Ward clerk', '739201');
      await waitForServiceWorker(page);

      // The network cable is pulled.
      await context.setOffline(true);
      await page.reload();
      await login(page, 'Ravi Kumar', '739201');
      expect(await page.evaluate(() => fetch('/index.html?probe').then(() => 'online', () => 'offline'))).toBe('offline');
      await page.getByRole('heading', { name: 'Registration desk' }).waitFor();
      // A clerk sees no admin screens.
      expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Log out' }).click();
      await login(page, 'Asha Verma', '482913');
      await addUser(page, 'Meena Das', 'Lab technician', '550912');
      await context.close();

      // The browser is restarted with no network at all.
      context = await profile.launch({ offline: true });
      page = await context.newPage();
      await page.goto(preview.url);
      await login(page, 'Meena Das', '550912');
      await page.getByRole('button', { name: 'Log out' }).click();
      await login(page, 'Asha Verma', '482913');
      expect(await checkChain(page)).toBe('All 4 events of K7 are intact.');
      expect(await page.locator('[data-testid="event-count"][aria-busy="false"]').textContent()).toBe('4');
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('shows the login errors a clerk would meet and switches to Hindi', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.getByLabel('Device code').fill('k-77');
      await page.getByRole('button', { name: 'Enroll device' }).click();
      // The form checks on submit, asynchronously: wait for what the clerk would read.
      await page.getByText('Use 2–3 capital letters or digits, e.g. K7.').waitFor();
      expect(await page.getByText('This is required.').count()).toBeGreaterThan(0);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'M2', admin: 'Asha Verma', pin: '482913' });
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByText('Asha Verma', { exact: true }).click();
      await page.getByLabel('PIN', { exact: true }).fill('000001');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText('Wrong PIN.').waitFor();
      await page.getByRole('button', { name: 'भाषा: हिन्दी' }).click();
      await page.getByRole('heading', { name: 'लॉग इन' }).waitFor();
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('two tabs of one device adding users at the same time keep one unbroken chain', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const tabA = await context.newPage();
      await tabA.goto(preview.url);
      await enroll(tabA, { hospital: 'AIIMS New Delhi', code: 'T2', admin: 'Asha Verma', pin: '482913' });
      const tabB = await context.newPage();
      await tabB.goto(preview.url);
      await login(tabB, 'Asha Verma', '482913');
      const names = (tab: string) => ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((n) => `${n} ${tab}`);
      await Promise.all([
        (async () => { for (const n of names('One')) await addUser(tabA, n, 'Ward clerk', '739201'); })(),
        (async () => { for (const n of names('Two')) await addUser(tabB, n, 'Lab technician', '550912'); })(),
      ]);
      expect(await checkChain(tabA)).toBe('All 10 events of T2 are intact.');
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
