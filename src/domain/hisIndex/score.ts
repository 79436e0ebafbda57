import { birthDay } from '../patients/age';
import type { Birth, Sex } from '../patients/fields';
import { nameSounds } from '../patients/nameKeys';
import type { HisRecord } from './record';

/** What the reconciliation knows of a downtime patient (a PatientRow has all of it). */
export interface DowntimePatient {
  /** The patient's name; none while only an alias is known (nothing to compare). */
  name?: string | undefined;
  sex: Sex;
  birth: Birth;
  /** The day the birth was told (an age counts from it). */
  registeredDay: string;
  mobile?: string | undefined;
  address?: { line?: string | undefined; locality?: string | undefined; district?: string | undefined; state?: string | undefined; pin?: string | undefined } | undefined;
  /** A UHID typed at registration: checked against the HIS, not trusted. */
  uhid?: string | undefined;
}

export type Verdict = 'match' | 'close' | 'unknown' | 'conflict';
export type EvidenceField = 'uhid' | 'name' | 'sex' | 'birth' | 'mobile' | 'address';

/** One field compared: what the reviewer is shown beside the score. */
export interface Evidence {
  field: EvidenceField;
  verdict: Verdict;
  points: number;
  /** name: the words that sound alike / of how many; birth: years apart; address: shared words. */
  detail?: { matched?: string[]; of?: number; years?: number };
}

export interface Candidate {
  uhid: string;
  score: number;
  evidence: Evidence[];
}

/**
 * Points per field, as rough log-odds: a shared mobile or an equal date of birth says much, a
 * shared sex little; a different sex or a UHID typed at registration that is another patient's
 * says much against. Families share mobiles and addresses, and ages told at a desk are guesses,
 * so their differences count less against than their equality counts for.
 */
const POINTS = {
  uhid: { match: 50, conflict: -40 },
  name: { all: 40, most: 20, none: -20 },
  sex: { match: 10, conflict: -30 },
  birth: { sameDay: 25, withinYear: 10, withinThree: 5, farApart: -15 },
  mobile: { match: 30, conflict: -5 },
  address: { pin: 10, pinDiffers: -5, word: 3, wordsMax: 9 },
} as const;

const DAY_MS = 86_400_000;

/** A downtime patient against one row of the HIS index, field by field. */
export function scoreCandidate(patient: DowntimePatient, his: HisRecord): Candidate {
  const evidence = [uhidEvidence(patient, his), nameEvidence(patient, his), sexEvidence(patient, his), birthEvidence(patient, his), mobileEvidence(patient, his), addressEvidence(patient, his)]
    .filter((e): e is Evidence => e !== null);
  return { uhid: his.uhid, score: evidence.reduce((sum, e) => sum + e.points, 0), evidence };
}

/** The best `limit` candidates, highest score first (ties by UHID, so the order is stable). */
export function rankCandidates(patient: DowntimePatient, rows: Iterable<HisRecord>, limit = 5): Candidate[] {
  const all = [...rows].map((r) => scoreCandidate(patient, r));
  return all.sort((a, b) => b.score - a.score || (a.uhid < b.uhid ? -1 : 1)).slice(0, limit);
}

function uhidEvidence(p: DowntimePatient, his: HisRecord): Evidence | null {
  if (!p.uhid) return null;
  return p.uhid.trim().toUpperCase() === his.uhid
    ? { field: 'uhid', verdict: 'match', points: POINTS.uhid.match }
    : { field: 'uhid', verdict: 'conflict', points: POINTS.uhid.conflict };
}

/**
 * Names compared word by word as they sound (soundOf, the desk's search key): सुनीता देवी and
 * Sunita Devi are the same two words. A word also matches its initial ("S. Devi") or a longer
 * spelling it starts ("Sunit" / "Sunita"), as HIS records abbreviate.
 */
function nameEvidence(p: DowntimePatient, his: HisRecord): Evidence | null {
  if (!p.name) return null;
  const ours = nameSounds(p.name);
  const theirs = nameSounds(his.name);
  if (ours.length === 0 || theirs.length === 0) return null;
  const left = [...theirs];
  const matched: string[] = [];
  for (const word of ours) {
    const at = left.findIndex((w) => sameWord(word, w));
    if (at !== -1) { matched.push(word); left.splice(at, 1); }
  }
  const of = Math.max(ours.length, theirs.length);
  const detail = { matched, of };
  if (matched.length === of) return { field: 'name', verdict: 'match', points: POINTS.name.all, detail };
  if (matched.length * 2 >= of && matched.length > 0) return { field: 'name', verdict: 'close', points: POINTS.name.most, detail };
  return { field: 'name', verdict: 'conflict', points: POINTS.name.none, detail };
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return (short.length === 1 || short.length >= 4) && long.startsWith(short);
}

function sexEvidence(p: DowntimePatient, his: HisRecord): Evidence {
  if (p.sex === 'U' || his.sex === 'U') return { field: 'sex', verdict: 'unknown', points: 0 };
  return p.sex === his.sex ? { field: 'sex', verdict: 'match', points: POINTS.sex.match } : { field: 'sex', verdict: 'conflict', points: POINTS.sex.conflict };
}

function birthEvidence(p: DowntimePatient, his: HisRecord): Evidence | null {
  if (!his.birth) return null;
  const ours = birthDay(p.birth, p.registeredDay);
  const theirs = birthDay(his.birth, his.ageDay ?? p.registeredDay);
  const exact = p.birth.kind === 'dob' && his.birth.kind === 'dob' && !his.birthApprox;
  const years = Math.round((Math.abs(Date.parse(ours) - Date.parse(theirs)) / DAY_MS / 365.25) * 10) / 10;
  if (exact && ours === theirs) return { field: 'birth', verdict: 'match', points: POINTS.birth.sameDay, detail: { years: 0 } };
  if (years <= 1) return { field: 'birth', verdict: 'close', points: POINTS.birth.withinYear, detail: { years } };
  if (years <= 3) return { field: 'birth', verdict: 'close', points: POINTS.birth.withinThree, detail: { years } };
  if (years > 5) return { field: 'birth', verdict: 'conflict', points: POINTS.birth.farApart, detail: { years } };
  return { field: 'birth', verdict: 'unknown', points: 0, detail: { years } };
}

function mobileEvidence(p: DowntimePatient, his: HisRecord): Evidence | null {
  if (!p.mobile || !his.mobile) return null;
  return p.mobile === his.mobile ? { field: 'mobile', verdict: 'match', points: POINTS.mobile.match } : { field: 'mobile', verdict: 'conflict', points: POINTS.mobile.conflict };
}

/** The PIN code where both have one; else the address words (as they sound) both share. */
function addressEvidence(p: DowntimePatient, his: HisRecord): Evidence | null {
  if (!p.address || !his.address) return null;
  const theirPin = /\b[1-9]\d{5}\b/.exec(his.address)?.[0];
  if (p.address.pin && theirPin) {
    return p.address.pin === theirPin
      ? { field: 'address', verdict: 'match', points: POINTS.address.pin, detail: { matched: [theirPin] } }
      : { field: 'address', verdict: 'conflict', points: POINTS.address.pinDiffers };
  }
  const ours = new Set(nameSounds([p.address.line, p.address.locality, p.address.district, p.address.state].filter(Boolean).join(' ')).filter((w) => w.length >= 3 && !/^\d+$/.test(w)));
  const shared = nameSounds(his.address).filter((w) => ours.has(w));
  if (shared.length === 0) return { field: 'address', verdict: 'unknown', points: 0 };
  return { field: 'address', verdict: 'close', points: Math.min(POINTS.address.wordsMax, shared.length * POINTS.address.word), detail: { matched: shared } };
}
