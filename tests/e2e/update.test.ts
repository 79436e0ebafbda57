import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, waitForServiceWorker } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { startPreview, type Preview } from '../helpers/previewServer';

let preview: Preview;
let served: string;
beforeAll(async () => {
  // A copy of the build that the test can turn into "the next version" while the app is open.
  served = mkdtempSync(join(tmpdir(), 'dd-served-'));
  cpSync('dist', served, { recursive: true });
  preview = await startPreview(served);
});
afterAll(async () => {
  await preview?.stop();
  rmSync(served, { recursive: true, force: true });
});

describe('app updates', () => {
  it('offers a new version and applies it only when the user accepts, keeping a half-filled form until then', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'U1', admin: 'Asha Verma', pin: '482913' });
      await waitForServiceWorker(page);
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Half typed');
      await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });

      appendFileSync(join(served, 'sw.js'), '\n// next version\n');
      await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update(); });
      await page.getByText('A new version of Downtime Desk is ready.').waitFor();
      // The new version waits for the user: installed, not activated.
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Half typed');

      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
      const waiting = await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
      expect(waiting).toBe(false);
      expect(await page.getByText('A new version of Downtime Desk is ready.').count()).toBe(0);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
