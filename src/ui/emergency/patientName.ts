import { aliasInHindi } from '../../domain/patients/alias';
import type { PatientRow } from '../../domain/projections/rows';

/** The patient's name, or their alias in the screen's language (`अज्ञात पुरुष K7-0007`). */
export function shownName(p: Pick<PatientRow, 'name' | 'unnamed'>, language: string): string {
  return p.unnamed && language === 'hi' ? aliasInHindi(p.name) : p.name;
}
