import type { TFunction } from 'i18next';

/** "Father: Mohan Lal", or whichever half was given. */
export function relativeText(r: { name?: string | undefined; relation?: string | undefined }, t: TFunction): string {
  return [r.relation ? t(`patient.rel_${r.relation}`) : null, r.name].filter(Boolean).join(': ');
}
