import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, loadLanguage } from '../../../src/ui/i18n';
import { TokenSlip, type SlipData } from '../../../src/print/TokenSlip';

const slip: SlipData = {
  hospital: 'AIIMS New Delhi',
  token: 'MED-K7-017',
  deptName: 'General Medicine',
  deptNameHi: 'सामान्य चिकित्सा',
  doctor: 'Dr. Meena Iyer',
  room: '12',
  patientName: 'Ramesh Kumar',
  ageSex: '45 y / M',
  patient: 'DT-K7-000123-4',
  issuedAt: '26/11/2026 10:42',
  device: 'K7',
  copy: 1,
};

// The screen in English; Hindi's dictionary loaded as printDocument loads it before every printout.
beforeAll(async () => {
  initI18n('en');
  await loadLanguage('hi');
});

describe('TokenSlip', () => {
  it('shows the token, the department in both languages and the patient', () => {
    render(<TokenSlip slip={slip} paper="80mm" dpi={203} />);
    expect(screen.getByText('MED-K7-017')).toHaveClass('slip-token');
    expect(screen.getByText('General Medicine')).toBeInTheDocument();
    expect(screen.getByText('सामान्य चिकित्सा')).toBeInTheDocument();
    expect(screen.getByText('Ramesh Kumar')).toBeInTheDocument();
    expect(screen.getByText('45 y / M')).toBeInTheDocument();
    expect(screen.getByText('Dr. Meena Iyer')).toBeInTheDocument();
    expect(screen.getByText('26/11/2026 10:42')).toBeInTheDocument();
    expect(screen.getByText('टोकन')).toBeInTheDocument();
  });

  it('prints the downtime ID as text and as a Code 128 barcode with crisp bars', () => {
    const { container } = render(<TokenSlip slip={slip} paper="80mm" dpi={203} />);
    expect(screen.getByText('DT-K7-000123-4')).toHaveClass('slip-id');
    const svg = screen.getByRole('img', { name: 'DT-K7-000123-4' });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg).toHaveAttribute('shape-rendering', 'crispEdges');
    expect(svg.querySelectorAll('rect').length).toBeGreaterThan(20);
    expect(container.querySelectorAll('svg')).toHaveLength(1);
  });

  it('marks a reprint in English and Hindi, and only a reprint', () => {
    const { rerender } = render(<TokenSlip slip={slip} paper="80mm" dpi={203} />);
    expect(screen.queryByText(/REPRINT/)).not.toBeInTheDocument();
    // The second copy is the first reprint.
    rerender(<TokenSlip slip={{ ...slip, copy: 2 }} paper="80mm" dpi={203} />);
    expect(screen.getByText('REPRINT 1')).toBeInTheDocument();
    expect(screen.getByText('पुनर्मुद्रण 1')).toBeInTheDocument();
  });

  it('prints labels in both languages even when the screen is in Hindi', async () => {
    const i18n = initI18n('en');
    await i18n.changeLanguage('hi');
    try {
      render(<TokenSlip slip={slip} paper="80mm" dpi={203} />);
      expect(screen.getByText('Patient')).toBeInTheDocument();
      expect(screen.getByText('मरीज़')).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('leaves out doctor, room and UHID when not given, and shows a UHID when given', () => {
    const { rerender } = render(<TokenSlip slip={{ ...slip, doctor: undefined, room: undefined }} paper="80mm" dpi={203} />);
    expect(screen.queryByText('Doctor')).not.toBeInTheDocument();
    expect(screen.queryByText('Room')).not.toBeInTheDocument();
    expect(screen.queryByText('UHID')).not.toBeInTheDocument();
    rerender(<TokenSlip slip={{ ...slip, uhid: '107612345678' }} paper="80mm" dpi={203} />);
    expect(screen.getByText('107612345678')).toBeInTheDocument();
  });

  it('shows text that looks like HTML as text', () => {
    const { container } = render(<TokenSlip slip={{ ...slip, patientName: '<b>x</b>', hospital: '<img src=x onerror=alert(1)>' }} paper="80mm" dpi={203} />);
    expect(screen.getByText('<b>x</b>')).toBeInTheDocument();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
  });

  it('is laid out for the paper it is printed on', () => {
    const { container, rerender } = render(<TokenSlip slip={slip} paper="80mm" dpi={203} />);
    expect(container.querySelector('.token-slip')).toHaveAttribute('data-paper', '80mm');
    rerender(<TokenSlip slip={slip} paper="A6" dpi={203} />);
    expect(container.querySelector('.token-slip')).toHaveAttribute('data-paper', 'A6');
  });
});
