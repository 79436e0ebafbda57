import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../../src/ui/i18n';
import { currentPageCss, PAGE_SIZE_CSS, printSlip, type SlipData } from '../../../src/print/printSlip';

const slip: SlipData = {
  hospital: 'AIIMS New Delhi',
  token: 'MED-K7-017',
  deptName: 'General Medicine',
  deptNameHi: 'सामान्य चिकित्सा',
  patientName: 'Ramesh Kumar',
  ageSex: '45 y / M',
  patient: 'DT-K7-000123-4',
  issuedAt: '26/11/2026 10:42',
  device: 'K7',
  copy: 1,
};

/** What was on the page each time print() was called. */
function capturePrints() {
  const seen: Array<{ text: string; barcode: string | null; pageCss: string | null }> = [];
  vi.spyOn(window, 'print').mockImplementation(() => {
    const root = document.getElementById('print-root');
    seen.push({
      text: root?.textContent ?? '',
      barcode: root?.querySelector('svg[data-barcode]')?.getAttribute('aria-label') ?? null,
      pageCss: currentPageCss(),
    });
    window.dispatchEvent(new Event('afterprint'));
  });
  return seen;
}

beforeAll(() => {
  initI18n('en');
  // printSlip renders into its own React root, outside Testing Library's act().
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('printSlip', () => {
  it('sizes the page for the paper', () => {
    expect(PAGE_SIZE_CSS['80mm']).toBe('@page { size: 80mm 120mm; margin: 0 }');
    // No side margins: the slip centres itself, so its barcode's dots count from the paper's edge.
    expect(PAGE_SIZE_CSS.A6).toBe('@page { size: 105mm 148mm; margin: 5mm 0 }');
  });

  it('prints once the slip and its barcode are on the page, reusing one root and one page style', async () => {
    const seen = capturePrints();
    await printSlip(slip, '80mm');
    await printSlip({ ...slip, token: 'PED-K7-002', copy: 2 }, 'A6');

    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ barcode: 'DT-K7-000123-4', pageCss: PAGE_SIZE_CSS['80mm'] });
    expect(seen[0]?.text).toContain('MED-K7-017');
    expect(seen[1]).toMatchObject({ barcode: 'DT-K7-000123-4', pageCss: PAGE_SIZE_CSS.A6 });
    expect(seen[1]?.text).toContain('PED-K7-002');
    expect(seen[1]?.text).toContain('REPRINT 1');
    expect(document.querySelectorAll('#print-root')).toHaveLength(1);
    expect(document.adoptedStyleSheets).toHaveLength(1);
  });

  it('prints slips asked for at the same time one after the other', async () => {
    const seen = capturePrints();
    await Promise.all([printSlip({ ...slip, token: 'MED-K7-020' }, '80mm'), printSlip({ ...slip, token: 'MED-K7-021' }, '80mm')]);
    expect(seen.map((s) => /MED-K7-02\d/.exec(s.text)?.[0])).toEqual(['MED-K7-020', 'MED-K7-021']);
  });

  it('resolves when print() returns even if afterprint never comes', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await printSlip(slip, '80mm');
    expect(print).toHaveBeenCalledOnce();
  });

  it('reports a failed print and still prints the next slip', async () => {
    vi.spyOn(window, 'print').mockImplementationOnce(() => {
      throw new Error('no printer');
    });
    await expect(printSlip(slip, '80mm')).rejects.toThrow('no printer');
    const seen = capturePrints();
    await printSlip(slip, '80mm');
    expect(seen).toHaveLength(1);
  });
});
