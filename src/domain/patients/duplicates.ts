import type { Sex } from './fields';
import { nameWords } from './nameKeys';

export interface DuplicateCandidate {
  /** Absent for a patient known only by an alias: then only the mobile can match. */
  name?: string | undefined;
  sex: Sex;
  ageYears: number;
  mobile?: string | undefined;
}

export interface KnownPatient extends DuplicateCandidate {
  patient: string;
}

export type DuplicateReason = 'mobile' | 'name';
export interface PossibleDuplicate {
  patient: string;
  reasons: DuplicateReason[];
  score: number;
}

export const NAME_SIMILARITY = 0.86;
export const AGE_TOLERANCE_YEARS = 3;

/**
 * Patients the clerk should look at before registering someone new: the same mobile number, or
 * a similar name with the same sex and an age within a few years. Best matches first.
 */
export function possibleDuplicates(candidate: DuplicateCandidate, known: readonly KnownPatient[]): PossibleDuplicate[] {
  const mine = candidate.name === undefined ? '' : nameWords(candidate.name).join(' ');
  const found: PossibleDuplicate[] = [];
  for (const other of known) {
    const reasons: DuplicateReason[] = [];
    let score = 0;
    if (candidate.mobile && other.mobile === candidate.mobile) {
      reasons.push('mobile');
      score += 1;
    }
    if (mine && other.name !== undefined && other.sex === candidate.sex && Math.abs(other.ageYears - candidate.ageYears) <= AGE_TOLERANCE_YEARS) {
      const similarity = nameSimilarity(mine, nameWords(other.name).join(' '));
      if (similarity >= NAME_SIMILARITY) {
        reasons.push('name');
        score += similarity;
      }
    }
    if (reasons.length) found.push({ patient: other.patient, reasons, score });
  }
  // Equal scores keep the candidates' order: the caller lists the likeliest (the newest) first.
  return found.sort((a, b) => b.score - a.score);
}

/**
 * Jaro–Winkler over the folded names, also tried with the words sorted so that
 * "Kumar Ravi" and "Ravi Kumar" match. 1 is identical.
 */
export function nameSimilarity(a: string, b: string): number {
  const sorted = (s: string) => s.split(' ').sort().join(' ');
  return Math.max(jaroWinkler(a, b), jaroWinkler(sorted(a), sorted(b)));
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const s = [...a];
  const t = [...b];
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatch = new Array<boolean>(s.length).fill(false);
  const tMatch = new Array<boolean>(t.length).fill(false);
  let matches = 0;
  for (let i = 0; i < s.length; i += 1) {
    for (let j = Math.max(0, i - window); j < Math.min(t.length, i + window + 1); j += 1) {
      if (!tMatch[j] && s[i] === t[j]) {
        sMatch[i] = tMatch[j] = true;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < s.length; i += 1) {
    if (!sMatch[i]) continue;
    while (!tMatch[k]) k += 1;
    if (s[i] !== t[k]) transpositions += 1;
    k += 1;
  }
  const jaro = (matches / s.length + matches / t.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && s[prefix] !== undefined && s[prefix] === t[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}
