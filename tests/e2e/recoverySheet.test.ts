import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { formatRecoveryCode, parseRecoveryCode, RECOVERY_BYTES } from '../../src/domain/keys/recoveryCode';
import { A4_PAGE_CSS } from '../../src/print/paper';
import { RecoverySheet, type RecoverySheetData } from '../../src/print/RecoverySheet';
import { CONTENT_SECURITY_POLICY } from '../../src/server/securityHeaders';
import { initI18n, loadScreenStrings } from '../../src/ui/i18n';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { readPdf } from '../helpers/pdf';
import { rasterise } from '../helpers/printerRaster';
import { readQr } from '../helpers/qrReader';

/**
 * The recovery sheet as an office printer puts it on paper: the component rendered to markup,
 * served with its style sheet and the A4 page rule under the app server's own
 * Content-Security-Policy, printed to PDF by Chromium, rasterised at 300 dpi and the QR code read
 * back with jsQR (not the library that drew it). This needs no build of the app.
 */
const ORIGIN = 'http://recovery-sheet.test';
const POINT_MM = 25.4 / 72;

const profile = makeProfile();
let context: BrowserContext;
beforeAll(async () => {
  initI18n('en');
  // What the app loads with the recovery step, which prints the sheet.
  await loadScreenStrings('keys');
  context = await profile.launch({ offline: true });
});
afterAll(async () => {
  await context?.close();
  profile.remove();
});

async function printSheet(sheet: RecoverySheetData): Promise<Buffer> {
  const markup = renderToStaticMarkup(createElement(RecoverySheet, { sheet }));
  // Nothing that the CSP's style-src 'self' would have to refuse.
  expect(markup).not.toMatch(/\sstyle=/);
  const css = `${readFileSync('src/print/recoverySheet.css', 'utf8')}\n${A4_PAGE_CSS}\n`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="/sheet.css"></head><body>${markup}</body></html>`;
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const css_ = new URL(route.request().url()).pathname === '/sheet.css';
    return route.fulfill({
      status: 200,
      headers: { 'content-type': css_ ? 'text/css' : 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
      body: css_ ? css : html,
    });
  });
  await page.goto(`${ORIGIN}/`);
  await page.evaluate(() => document.fonts.ready);
  await page.emulateMedia({ media: 'print' });
  // The code is on one line and inside its box, whatever the monospace font the device has.
  const overflow = await page.locator('.rcs-code-box').evaluate((box) => ({ box: box.scrollWidth - box.clientWidth, lines: box.querySelector('.rcs-code')!.getClientRects().length }));
  expect(overflow).toEqual({ box: 0, lines: 1 });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  await page.close();
  return pdf;
}

describe('the recovery sheet on paper', () => {
  it('is one A4 page whose QR code scans at 300 dpi to the printed code, with the hospital and the device on it', async () => {
    const bytes = new Uint8Array(randomBytes(RECOVERY_BYTES));
    const code = formatRecoveryCode(bytes);
    // Given as someone might pass it: the sheet prints the canonical groups all the same.
    const sheet: RecoverySheetData = { hospital: 'AIIMS New Delhi', device: 'K7', date: '26/11/2026', code: code.toLowerCase().replaceAll('-', ' ') };
    const pdf = await printSheet(sheet);
    expect(cspViolations(context)).toEqual([]);

    const pages = await readPdf(pdf);
    expect(pages).toHaveLength(1);
    const [printed] = pages as [(typeof pages)[number]];
    // Chromium makes PDF pages a whole number of points: A4 comes out as 595 × 842 pt (209.9 × 297 mm).
    expect(Math.abs(printed.widthMm - 210), `width ${printed.widthMm} mm`).toBeLessThanOrEqual(POINT_MM);
    expect(Math.abs(printed.heightMm - 297), `height ${printed.heightMm} mm`).toBeLessThanOrEqual(POINT_MM);
    expect(printed.text).toContain('AIIMS New Delhi');
    expect(printed.text).toContain('K7');
    expect(printed.text).toContain('26/11/2026');
    expect(printed.text).toContain(code);
    expect(printed.text).toContain('Recovery sheet');
    expect(printed.text).toMatch(/Anyone who has this sheet and the tablet can read the patient data/);

    const [dots] = await rasterise(pdf, 300);
    const qr = readQr(dots!);
    expect(qr.text).toBe(code);
    // Version 3 (29 modules) holds the 41 characters at level Q, the level the drawing asks for.
    expect(qr.version).toBe(3);
    expect(parseRecoveryCode(qr.text)).toEqual({ ok: true, bytes });
  });

  it('refuses to draw a sheet for something that is not a recovery code', () => {
    const code = formatRecoveryCode(new Uint8Array(RECOVERY_BYTES));
    const sheet: RecoverySheetData = { hospital: 'AIIMS New Delhi', device: 'K7', date: '26/11/2026', code: code.slice(0, -1) + 'Z' };
    expect(() => renderToStaticMarkup(createElement(RecoverySheet, { sheet }))).toThrow(/recoveryCheck/);
  });
});
