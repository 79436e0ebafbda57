import { render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatRecoveryCode, RECOVERY_BYTES } from '../../../src/domain/keys/recoveryCode';
import { A4_PAGE_CSS } from '../../../src/print/paper';
import { currentPageCss } from '../../../src/print/printJob';
import { printRecoverySheet } from '../../../src/print/printRecovery';
import { RecoverySheet, type RecoverySheetData } from '../../../src/print/RecoverySheet';
import { initI18n, loadLanguage } from '../../../src/ui/i18n';

const bytes = Uint8Array.from({ length: RECOVERY_BYTES }, (_, i) => i * 13);
const code = formatRecoveryCode(bytes);
const sheet: RecoverySheetData = { hospital: 'AIIMS New Delhi', device: 'K7', date: '26/11/2026', code };

// The screen in English; Hindi's dictionary loaded as printDocument loads it before every printout.
beforeAll(async () => {
  initI18n('en');
  await loadLanguage('hi');
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(() => vi.restoreAllMocks());

describe('RecoverySheet', () => {
  it('carries the hospital, device, date, the code in groups and the warnings in English and Hindi', () => {
    const { container } = render(<RecoverySheet sheet={sheet} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Recovery sheet · पुनर्प्राप्ति पत्र');
    expect(screen.getByText(code)).toHaveClass('rcs-code');
    expect(screen.getByText('K7')).toBeInTheDocument();
    expect(screen.getByText('26/11/2026')).toBeInTheDocument();
    expect(container).toHaveTextContent(/Keep this sheet locked away/);
    expect(container).toHaveTextContent(/Anyone who has this sheet and the tablet can read the patient data/);
    expect(container).toHaveTextContent(/needed only when every PIN on this device is lost/);
    expect(container).toHaveTextContent(/ताले में रखें/);
    // Nothing set through a style attribute: the CSP allows style sheets from the app only.
    expect(container.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('draws the QR code at level Q as one path of whole-module runs inside a quiet zone of four modules', () => {
    render(<RecoverySheet sheet={sheet} />);
    const svg = screen.getByRole('img', { name: code });
    expect(svg).toHaveAttribute('data-qr', 'Q');
    expect(svg).toHaveAttribute('shape-rendering', 'crispEdges');
    const modules = Number(svg.getAttribute('data-qr-modules'));
    expect(modules).toBe(29); // version 3: 41 alphanumeric characters at level Q
    const total = modules + 8;
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${total} ${total}`);
    const paths = svg.querySelectorAll('path[fill="#000"]');
    expect(paths).toHaveLength(1);
    const dark = [...paths[0]!.getAttribute('d')!.matchAll(/M(-?[\d.]+) (-?[\d.]+)h(-?[\d.]+)v(-?[\d.]+)h(-?[\d.]+)z/g)]
      .map((m) => { expect(Number(m[5])).toBe(-Number(m[3])); return [m[1], m[2], m[3], m[4]].map(Number); });
    expect(dark.length).toBeGreaterThan(100);
    for (const [x, y, w, h] of dark as Array<[number, number, number, number]>) {
      expect([x, y, w, h].every(Number.isInteger)).toBe(true);
      expect(h).toBe(1);
      expect(x).toBeGreaterThanOrEqual(4);
      expect(y).toBeGreaterThanOrEqual(4);
      expect(x + w).toBeLessThanOrEqual(total - 4);
      expect(y + h).toBeLessThanOrEqual(total - 4);
    }
    // About 47 mm square on paper.
    expect(parseFloat(svg.getAttribute('width')!)).toBeCloseTo(37 * (25.4 * 15) / 300, 3);
  });

  it('prints the canonical groups whatever spacing and case it was given, and refuses what is not a recovery code', () => {
    render(<RecoverySheet sheet={{ ...sheet, code: code.toLowerCase().replaceAll('-', ' ') }} />);
    expect(screen.getByText(code)).toBeInTheDocument();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<RecoverySheet sheet={{ ...sheet, code: code.slice(0, -1) }} />)).toThrow(/recoveryFormat/);
  });
});

describe('printRecoverySheet', () => {
  it('prints the sheet on A4 once its QR code is on the page', async () => {
    const seen: Array<{ text: string; qr: string | null; pageCss: string | null }> = [];
    vi.spyOn(window, 'print').mockImplementation(() => {
      const root = document.getElementById('print-root');
      seen.push({ text: root?.textContent ?? '', qr: root?.querySelector('svg[data-qr]')?.getAttribute('aria-label') ?? null, pageCss: currentPageCss() });
      window.dispatchEvent(new Event('afterprint'));
    });
    await printRecoverySheet(sheet);
    expect(A4_PAGE_CSS).toBe('@page { size: 210mm 297mm; margin: 15mm 0 }');
    expect(seen).toEqual([{ text: expect.stringContaining(code), qr: code, pageCss: A4_PAGE_CSS }]);
    expect(seen[0]!.text).toContain('AIIMS New Delhi');
  });

  it('refuses a wrong code before anything reaches the printer', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await expect(printRecoverySheet({ ...sheet, code: wrong })).rejects.toThrow(/recoveryCheck/);
    expect(print).not.toHaveBeenCalled();
  });
});
