import type { WardRow } from '../../domain/projections/wardRows';

/** The ward's name in the screen's language, when it has one in Hindi. */
export const wardName = (w: Pick<WardRow, 'name' | 'nameHi'>, language: string): string =>
  (language === 'hi' && w.nameHi ? w.nameHi : w.name);
