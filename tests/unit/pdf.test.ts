import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf';

/**
 * The smallest PDF a reader accepts without repairing it: one page of 80 × 120 mm with one line
 * of Helvetica, and a cross-reference table whose byte offsets are counted here.
 */
function minimalPdf(text: string): Uint8Array {
  const stream = `BT /F1 12 Tf 20 300 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 226.77 340.16] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

describe('readPdf', () => {
  it('reads the page size in millimetres and the text of each page', async () => {
    expect(await readPdf(minimalPdf('MED-K7-017'))).toEqual([{ widthMm: 80, heightMm: 120, text: 'MED-K7-017' }]);
  });

  it('leaves the caller\'s bytes intact', async () => {
    const bytes = minimalPdf('MED-K7-017');
    const before = bytes.slice();
    await readPdf(bytes);
    expect(bytes).toEqual(before);
  });

  it('rejects bytes that are not a PDF', async () => {
    await expect(readPdf(new TextEncoder().encode('not a pdf'))).rejects.toThrow();
  });
});
