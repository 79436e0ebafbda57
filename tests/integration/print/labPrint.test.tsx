import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compactSpecimenId } from '../../../src/domain/ids/compactSpecimenId';
import { formatSpecimenId } from '../../../src/domain/ids/specimenId';
import { initI18n, loadLanguage } from '../../../src/ui/i18n';
import { LAB_PAGE_SIZE_CSS } from '../../../src/print/paper';
import { printLabels, printRequisition } from '../../../src/print/printLab';
import { currentPageCss } from '../../../src/print/printJob';
import { RequisitionSlip, type RequisitionData } from '../../../src/print/RequisitionSlip';
import { SpecimenLabel, type LabelData } from '../../../src/print/SpecimenLabel';

const label: LabelData = {
  specimen: 'SP-K7-0000001-2',
  patientName: 'Ravi Kumar',
  ageSex: '45 y / M',
  patientRef: 'DT-K7-000001-5',
  container: 'EDTA',
  tests: ['CBC', 'ESR'],
  when: '2026-11-26 10:42',
  priority: 'routine',
  copy: 1,
};

const slip: RequisitionData = {
  hospital: 'AIIMS New Delhi', request: 'LR-K7-0000001', patientName: 'Ravi Kumar', ageSex: '45 y / M', patient: 'DT-K7-000001-5',
  priority: 'stat', dept: 'MED · General Medicine', clinician: 'Dr. Meena Iyer', notes: 'fever 3 days', requestedAt: '2026-11-26 10:42',
  requestedBy: 'Meena Das', device: 'K7', catalogueVersion: 'BASE-1', copy: 1,
  specimens: [
    { specimen: 'SP-K7-0000001-2', container: 'EDTA', tests: [{ code: 'CBC', name: 'Complete blood count' }] },
    { specimen: 'SP-K7-0000002-0', container: 'PLAIN', tests: [{ code: 'LFT', name: 'Liver function tests' }, { code: 'KFT', name: 'Kidney function tests' }] },
  ],
};

// The screen in English; Hindi's dictionary loaded as printDocument loads it before every printout.
beforeAll(async () => {
  initI18n('en');
  await loadLanguage('hi');
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(() => vi.restoreAllMocks());

describe('SpecimenLabel', () => {
  it('carries the patient, the specimen ID as text and as a crisp Code 128 barcode, the container and tests', () => {
    render(<SpecimenLabel label={label} paper="50x25" dpi={300} />);
    expect(screen.getByText('Ravi Kumar')).toBeInTheDocument();
    expect(screen.getByText('45 y / M · DT-K7-000001-5')).toBeInTheDocument();
    expect(screen.getByText('SP-K7-0000001-2')).toHaveClass('spl-id');
    const bars = screen.getByRole('img', { name: 'SP-K7-0000001-2' });
    expect(bars).toHaveAttribute('shape-rendering', 'crispEdges');
    expect(screen.getByText('EDTA (lavender) · CBC ESR')).toBeInTheDocument();
    expect(screen.getByText('2026-11-26 10:42')).toBeInTheDocument();
    expect(screen.queryByText(/STAT|URGENT|REPRINT/)).not.toBeInTheDocument();
  });

  it('marks STAT clearly and numbers reprints from 1', () => {
    const { rerender } = render(<SpecimenLabel label={{ ...label, priority: 'stat', copy: 2 }} paper="38x25" dpi={203} />);
    expect(screen.getByText('STAT')).toHaveClass('spl-priority--stat');
    expect(screen.getByText('REPRINT 1')).toBeInTheDocument();
    rerender(<SpecimenLabel label={{ ...label, priority: 'stat', copy: 3 }} paper="38x25" dpi={203} />);
    expect(screen.getByText('REPRINT 2')).toBeInTheDocument();
  });

  it('fits the barcode inside the label, quiet zones included, on both label sizes at both resolutions', () => {
    const specimen = formatSpecimenId('ABC', 9_999_999);
    for (const dpi of [203, 300] as const) {
      for (const [paper, widthMm] of [['50x25', 50], ['38x25', 38]] as const) {
        const { container, unmount } = render(<SpecimenLabel label={{ ...label, specimen }} paper={paper} dpi={dpi} />);
        const svg = container.querySelector('svg')!;
        const width = parseFloat(svg.getAttribute('width')!);
        expect(width).toBeLessThanOrEqual(widthMm - 1);
        expect(Number(svg.getAttribute('data-module-dots'))).toBeGreaterThanOrEqual(2);
        unmount();
      }
    }
  });

  it('carries the compact form in the barcode where the ID does not fit at 2 dots per module, the full ID as text', () => {
    const specimen = formatSpecimenId('K7', 1);
    render(<SpecimenLabel label={{ ...label, specimen }} paper="50x25" dpi={203} />);
    expect(screen.getByRole('img', { name: compactSpecimenId(specimen) })).toBeInTheDocument();
    expect(screen.getByText(specimen)).toHaveClass('spl-id');
  });
});

describe('RequisitionSlip', () => {
  it('lists the tests by container with each specimen barcode, and leaves room for signatures', () => {
    render(<RequisitionSlip slip={slip} dpi={203} />);
    expect(screen.getByText('LR-K7-0000001')).toBeInTheDocument();
    expect(screen.getAllByText('STAT')[0]).toHaveClass('rqs-priority--stat');
    expect(screen.getAllByRole('img').map((i) => i.getAttribute('aria-label'))).toEqual(['SP-K7-0000001-2', 'SP-K7-0000002-0']);
    const plain = screen.getByText('Plain/clot (red)').closest('td')!;
    expect(within(plain).getByText('LFT')).toBeInTheDocument();
    expect(within(plain).getByText('KFT')).toBeInTheDocument();
    expect(screen.getByText('Clinician signature')).toBeInTheDocument();
    expect(screen.getByText('Received in lab by, date, time')).toBeInTheDocument();
    expect(screen.getByText('fever 3 days')).toBeInTheDocument();
    // An OPD patient's slip has no location line.
    expect(screen.queryByText('Location')).toBeNull();
  });

  it('says where a ward or emergency patient is, for the report to find its way back', () => {
    render(<RequisitionSlip slip={{ ...slip, location: 'SURG bed ICU2' }} dpi={203} />);
    expect(screen.getByText('SURG bed ICU2')).toBeInTheDocument();
    expect(screen.getByText('Location')).toBeInTheDocument();
    expect(screen.getByText('स्थान')).toBeInTheDocument();
  });

  it('marks a reprint in both languages', () => {
    render(<RequisitionSlip slip={{ ...slip, copy: 2 }} dpi={203} />);
    expect(screen.getByText('REPRINT 1')).toBeInTheDocument();
    expect(screen.getByText('पुनर्मुद्रण 1')).toBeInTheDocument();
  });
});

describe('printing lab paper', () => {
  it('prints one label per page at the label size, and the slip on A5', async () => {
    const seen: Array<{ labels: string[]; css: string | null; text: string }> = [];
    vi.spyOn(window, 'print').mockImplementation(() => {
      const root = document.getElementById('print-root')!;
      seen.push({
        labels: [...root.querySelectorAll('.specimen-label')].map((l) => l.getAttribute('data-specimen')!),
        css: currentPageCss(),
        text: root.textContent ?? '',
      });
    });
    await printLabels([label, { ...label, specimen: 'SP-K7-0000002-0', container: 'PLAIN', tests: ['LFT'] }], '50x25');
    await printRequisition(slip);
    expect(seen[0]).toMatchObject({ labels: ['SP-K7-0000001-2', 'SP-K7-0000002-0'], css: '@page { size: 50mm 25mm; margin: 0 }' });
    expect(seen[1]?.css).toBe(LAB_PAGE_SIZE_CSS.A5);
    expect(seen[1]?.text).toContain('Laboratory requisition');
  });
});
