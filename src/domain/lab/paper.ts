/** Label rolls the lab prints specimen labels on, and the A5 sheet for the requisition slip. */
export const LABEL_PAPERS = ['50x25', '38x25'] as const;
export const LAB_PAPERS = [...LABEL_PAPERS, 'A5'] as const;
export type LabelPaper = (typeof LABEL_PAPERS)[number];
export type LabPaper = (typeof LAB_PAPERS)[number];
