import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enroll, waitForServiceWorker } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { KeyCounter } from '../helpers/keyCounter';
import { people, registerWithKeyboard } from '../helpers/deskDriver';
import { cspViolations } from '../helpers/cspWatch';
import { nextPrint } from '../helpers/printCapture';
import { startPreview, type Preview } from '../helpers/previewServer';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.stop(); });

describe('ward clerk desk in Chromium', () => {
  it('two tablets offline register patients and issue tokens for the same department and day: all numbers distinct', async () => {
    const tablets = [makeProfile(), makeProfile()];
    const tokens: string[] = [];
    const keyCounts: number[] = [];
    try {
      const pages: Page[] = [];
      for (const [i, profile] of tablets.entries()) {
        const context = await profile.launch();
        const page = await context.newPage();
        await page.goto(preview.url);
        await enroll(page, { hospital: 'AIIMS New Delhi', code: i === 0 ? 'K7' : 'M2', admin: 'Asha Verma', pin: '482913' });
        await waitForServiceWorker(page);
        pages.push(page);
      }
      // Both tablets lose the network, then work side by side.
      for (const page of pages) {
        await page.context().setOffline(true);
        await page.reload();
        await page.getByText('Asha Verma', { exact: true }).click();
        await page.getByLabel('PIN', { exact: true }).fill('482913');
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.getByRole('link', { name: 'Registration' }).click();
      }
      for (const person of people) {
        for (const page of pages) {
          const keys = new KeyCounter(page);
          await registerWithKeyboard(page, keys, person);
          keyCounts.push(keys.count);
        }
      }
      for (const page of pages) {
        await page.getByRole('link', { name: 'Queue' }).click();
        await page.getByTestId('waiting-token').nth(people.length - 1).waitFor();
        tokens.push(...await page.getByTestId('waiting-token').locator('strong').allTextContents());
        await page.context().close();
      }
      expect(new Set(tokens).size).toBe(tokens.length);
      expect(tokens.every((tk) => /^MED-(K7|M2)-00[12]$/.test(tk))).toBe(true);
      console.log(`Keys beyond the typed data, new patient to printed token: ${keyCounts.join(', ')}`);
      expect(Math.max(...keyCounts)).toBeLessThanOrEqual(14);
    } finally {
      tablets.forEach((p) => p.remove());
    }
  });

  it('the registration form reads top to bottom: sex beside the name, optional fields above Register, on a laptop and a portrait tablet', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'F4', admin: 'Asha Verma', pin: '482913' });
      await page.getByRole('link', { name: 'Registration' }).click();
      await page.getByLabel(/^Search patient/).fill('Ravi Kumar');
      await page.getByText('No patient found.').waitFor();
      await page.getByLabel(/^Search patient/).press('Enter');
      await page.getByRole('heading', { name: 'Register new patient' }).waitFor();
      for (const viewport of [{ width: 1024, height: 768 }, { width: 800, height: 1280 }]) {
        await page.setViewportSize(viewport);
        const box = async (label: string) => (await page.getByLabel(label, { exact: true }).boundingBox())!;
        const name = await box('Patient name (English or Hindi)');
        const sex = await box('Sex');
        expect(Math.abs(sex.y - name.y)).toBeLessThan(4);
        expect(sex.x).toBeGreaterThan(name.x + name.width);
        const register = (await page.getByRole('button', { name: 'Register', exact: true }).boundingBox())!;
        const relative = await box('Relative / guardian name');
        for (const optional of ['Hospital UHID (if the patient has a card)', 'ABHA number (14 digits)', 'Remarks']) {
          const field = await box(optional);
          expect(field.y).toBeGreaterThan(relative.y + relative.height);
          expect(field.y + field.height).toBeLessThan(register.y);
        }
      }
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('prints a token slip on an 80 mm page showing the token number, and reprints say so', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(preview.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'P3', admin: 'Asha Verma', pin: '482913' });
      await page.getByRole('link', { name: 'Registration' }).click();
      await registerWithKeyboard(page, new KeyCounter(page), people[0]!);
      const [first] = await nextPrint(page);
      expect(first!.widthMm).toBeCloseTo(80, 0);
      expect(first!.text).toContain('MED-P3-001');
      expect(first!.text).toContain('Ravi Kumar');
      expect(first!.text).not.toMatch(/REPRINT/);

      await page.getByLabel(/^Search patient/).fill('Ravi');
      await page.getByRole('button', { name: /Ravi Kumar/ }).click();
      await page.getByRole('button', { name: 'Reprint' }).click();
      await page.getByText('Printed 2 times').waitFor();
      const [second] = await nextPrint(page);
      expect(second!.text).toMatch(/REPRINT 1\b/);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
