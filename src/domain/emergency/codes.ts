/** Triage categories, most urgent first; black is "brought dead". */
export const TRIAGE = ['red', 'yellow', 'green', 'black'] as const;
export type Triage = (typeof TRIAGE)[number];

/** How a patient came to the emergency department. */
export const ARRIVALS = ['ambulance', 'police', 'relatives', 'self'] as const;
export type Arrival = (typeof ARRIVALS)[number];

/** How an emergency visit ends (lama: left against medical advice). */
export const DISPOSITIONS = ['admitted', 'opd', 'referred', 'discharged', 'lama', 'died'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
