import type { LabPaper } from '../domain/lab/paper';

/** The two slip sizes the desk prints on; stored in 'token.printed' events. */
export type Paper = '80mm' | 'A6';

/**
 * The page each paper is printed as. An 80 mm receipt roll has no margins of its own (the
 * printer's head is narrower than the paper), and 120 mm holds the longest slip on one page.
 * A6 goes through ordinary printers, which cannot print to the edge. A6 is given in millimetres
 * because Chromium does not know the keyword `A6` and silently falls back to Letter.
 */
export const PAGE_SIZE_CSS: Readonly<Record<Paper, string>> = {
  '80mm': '@page { size: 80mm 120mm; margin: 0 }',
  // No margin left and right: Chromium rounds page margins to whole CSS pixels, which would move
  // barcodes off the printer's dots; the slip is centred instead (CONTENT_LEFT_MM).
  A6: '@page { size: 105mm 148mm; margin: 5mm 0 }',
};

/** Printable width in millimetres: an 80 mm head prints about 72 mm; A6 is 105 mm less its margins. */
export const CONTENT_WIDTH_MM: Readonly<Record<Paper, number>> = { '80mm': 72, A6: 95 };

/**
 * Where the slip's content starts, in millimetres from the paper's left edge: the 72 mm slip is
 * centred on the 80 mm roll, A6 starts at its margin. Barcodes count their whole dots from there.
 */
export const CONTENT_LEFT_MM: Readonly<Record<Paper, number>> = { '80mm': 4, A6: 5 };


/**
 * Lab paper: specimen labels on a label roll, one label per page with no margin (the roll's gap
 * is the margin), and the requisition slip on A5. In millimetres: Chromium may not know size
 * keywords and silently falls back to Letter.
 */
export const LAB_PAGE_SIZE_CSS: Readonly<Record<LabPaper, string>> = {
  '50x25': '@page { size: 50mm 25mm; margin: 0 }',
  '38x25': '@page { size: 38mm 25mm; margin: 0 }',
  // Side margins are the slip's own (requisitionSlip.css): see A6 above.
  A5: '@page { size: 148mm 210mm; margin: 8mm 0 }',
  A4: '@page { size: 210mm 297mm; margin: 15mm 0 }',
};

/**
 * The results report (ResultReport.tsx): numbered pages in both languages, in the bottom margin
 * (Chromium draws @page margin boxes since version 131).
 */
export const REPORT_PAGE_CSS: Readonly<Record<'A4' | 'A5', string>> = {
  A4: '@page { size: 210mm 297mm; margin: 12mm 0 16mm; @bottom-center { content: "Page " counter(page) " of " counter(pages) " / पृष्ठ " counter(page) " / " counter(pages); font-size: 8pt; } }',
  A5: '@page { size: 148mm 210mm; margin: 8mm 0 12mm; @bottom-center { content: "Page " counter(page) " of " counter(pages) " / पृष्ठ " counter(page) " / " counter(pages); font-size: 7pt; } }',
};

/** The A5 slip's left margin (requisitionSlip.css), from which its barcodes count their whole dots. */
export const A5_MARGIN_MM = 8;

/**
 * The recovery sheet (RecoverySheet.tsx), on an office printer's A4. In millimetres, like A6, and
 * with no side margins, like the other sheets: the sheet keeps its own (recoverySheet.css).
 */
export const A4_PAGE_CSS = '@page { size: 210mm 297mm; margin: 15mm 0 }';
