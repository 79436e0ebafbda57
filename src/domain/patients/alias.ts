import type { Sex } from './fields';

/**
 * The alias of a patient registered without a name: `UNKNOWN MALE K7-0007`, counted per device
 * (the device code makes it unique in the hospital, as in downtime IDs). It is stored in English,
 * as printed on slips and labels; Hindi screens show `अज्ञात पुरुष K7-0007` (aliasInHindi), and
 * search finds it typed either way.
 */
const WORDS: Record<Sex, { en: string; hi: string }> = {
  M: { en: 'UNKNOWN MALE', hi: 'अज्ञात पुरुष' },
  F: { en: 'UNKNOWN FEMALE', hi: 'अज्ञात महिला' },
  O: { en: 'UNKNOWN PERSON', hi: 'अज्ञात व्यक्ति' },
  U: { en: 'UNKNOWN PERSON', hi: 'अज्ञात व्यक्ति' },
};

const ALIAS = /^UNKNOWN (MALE|FEMALE|PERSON) ([A-Z0-9]{2,3})-(\d{4,6})$/;
export const MAX_ALIAS_NUMBER = 999_999;

export function unknownAlias(sex: Sex, device: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ALIAS_NUMBER) throw new RangeError(`alias number ${n} out of range`);
  return `${WORDS[sex].en} ${device}-${String(n).padStart(4, '0')}`;
}

/** The number in an alias this device made, or 0 (a clerk's own alias, or another device's). */
export function aliasNumber(alias: string | undefined, device: string): number {
  const m = alias ? ALIAS.exec(alias) : null;
  return m && m[2] === device ? Number(m[3]) : 0;
}

/** The alias as a Hindi screen shows it; an alias a clerk typed stays as typed. */
export function aliasInHindi(alias: string): string {
  const m = ALIAS.exec(alias);
  if (!m) return alias;
  const words = Object.values(WORDS).find((w) => w.en === `UNKNOWN ${m[1]}`)!;
  return `${words.hi} ${m[2]}-${m[3]}`;
}

/** Every form an alias is searched by: as stored and, for ours, in Hindi. */
export const aliasForms = (alias: string | undefined): string[] =>
  (alias ? [...new Set([alias, aliasInHindi(alias)])] : []);
