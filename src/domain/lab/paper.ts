/** Label rolls the lab prints specimen labels on, and the A5 sheet for the requisition slip. */
export const LABEL_PAPERS = ['50x25', '38x25'] as const;
/** A5 for the requisition slip; A4 and A5 for the results report (issue 18). */
export const LAB_PAPERS = [...LABEL_PAPERS, 'A5', 'A4'] as const;
export const REPORT_PAPERS = ['A4', 'A5'] as const;
export type ReportPaper = (typeof REPORT_PAPERS)[number];
export type LabelPaper = (typeof LABEL_PAPERS)[number];
export type LabPaper = (typeof LAB_PAPERS)[number];
