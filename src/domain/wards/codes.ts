/** What a bed is for: the ward clerk sets it up once per bed ("This device" → Wards). */
export const BED_TYPES = ['general', 'icu', 'hdu', 'isolation', 'cot'] as const;
export type BedType = (typeof BED_TYPES)[number];

/** Where an admitted patient came from. */
export const ADMIT_SOURCES = ['emergency', 'opd', 'direct'] as const;
export type AdmitSource = (typeof ADMIT_SOURCES)[number];

/** How an admission ends (lama: left against medical advice). A death carries its time. */
export const DISCHARGES = ['normal', 'lama', 'referred', 'absconded', 'death'] as const;
export type Discharge = (typeof DISCHARGES)[number];

/** What a clerk may mark an empty bed as; "occupied" follows from the admissions alone. */
export const BED_MARKS = ['free', 'reserved', 'cleaning'] as const;
export type BedMark = (typeof BED_MARKS)[number];
