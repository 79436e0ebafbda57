import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { credentialsOf, enroll, openGateAndSync, registerAndIssue, requestLab, waitForServiceWorker } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { startWholeApp } from '../helpers/wholeApp';

let app: Awaited<ReturnType<typeof startWholeApp>>;
beforeAll(async () => { app = await startWholeApp(); });
afterAll(async () => { await app?.stop(); });

describe('resync in Chromium against the embedded central store', () => {
  it('two offline tablets sync after the all-clear; verify passes; the administrator device sees every patient', async () => {
    const profiles = [makeProfile(), makeProfile(), makeProfile()];
    try {
      const pages: Page[] = [];
      for (const [i, code] of ['T1', 'T2'].entries()) {
        const context = await profiles[i]!.launch();
        const page = await context.newPage();
        await page.goto(app.url);
        await enroll(page, { hospital: 'AIIMS New Delhi', code, admin: 'Asha Verma', pin: '482913' });
        await waitForServiceWorker(page);
        await context.setOffline(true);
        const { patient: first } = await registerAndIssue(page, `Sunita ${code === 'T1' ? 'Devi' : 'Kumari'}`);
        await registerAndIssue(page, `Kamla ${code === 'T1' ? 'Rani' : 'Bai'}`);
        await requestLab(page, first, 'CBC LFT', 2);
        await page.getByRole('heading', { name: new RegExp(`^Requisition LR-${code}-0000001`) }).waitFor();
        pages.push(page);
      }

      // The administrators' office laptop was set up during the outage too.
      const office = await profiles[2]!.launch();
      const admin = await office.newPage();
      await admin.goto(app.url);
      await enroll(admin, { hospital: 'AIIMS New Delhi', code: 'AD', admin: 'Dr Mehta', pin: '731902' });

      // The network is back but not yet declared clean: a tablet with an open gate sends nothing.
      const t1 = credentialsOf(app.central('add-device', 'T1').out);
      const t2 = credentialsOf(app.central('add-device', 'T2').out);
      const ad = credentialsOf(app.central('add-device', 'AD', '--reader').out);
      await pages[0]!.context().setOffline(false);
      expect(await openGateAndSync(pages[0]!, t1, false)).toMatch(/no all-clear yet: nothing was sent/);

      expect(app.central('all-clear', '--by', 'Dr Mehta').status).toBe(0);
      await pages[0]!.getByRole('button', { name: 'Resync now' }).click();
      await pages[0]!.getByTestId('sync-message').filter({ hasText: /^Synced/ }).waitFor({ timeout: 120_000 });
      expect(await pages[0]!.getByTestId('sync-message').textContent()).toMatch(/Synced: all \d+ events confirmed/);
      await pages[1]!.context().setOffline(false);
      expect(await openGateAndSync(pages[1]!, t2, false)).toMatch(/Synced: all \d+ events confirmed/);

      const verify = app.central('verify');
      expect(verify.status).toBe(0);
      expect(verify.out).toMatch(/T1: OK/);
      expect(verify.out).toMatch(/T2: OK/);

      expect(await openGateAndSync(admin, ad, true)).toMatch(/Synced/);
      await admin.getByRole('link', { name: 'Registration' }).click();
      for (const name of ['Sunita Devi', 'Kamla Rani', 'Sunita Kumari', 'Kamla Bai']) {
        await admin.getByLabel(/^Search patient/).fill(name);
        await admin.getByRole('button', { name: new RegExp(name) }).waitFor();
      }
      await admin.getByRole('link', { name: 'Resync' }).click();
      await admin.getByTestId('overview').getByText('T1', { exact: true }).waitFor();
      await admin.getByTestId('overview').getByText('T2', { exact: true }).waitFor();
      for (const page of [...pages, admin]) {
        expect(cspViolations(page.context())).toEqual([]);
        await page.context().close();
      }
    } finally {
      profiles.forEach((p) => p.remove());
    }
  });
});
