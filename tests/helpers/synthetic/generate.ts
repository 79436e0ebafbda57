import type { PatientFieldsInput, RELATIONS } from '../../../src/domain/patients/fields';
import {
  BEGUM, DEVI, FAMILY_NAMES, GIVEN_NAMES, KAUR, KHATOON, KUMAR, KUMARI, REMARKS, SINGH,
  type GivenName, type Surname, type Tradition,
} from './names';
import { LANDMARKS, PLACES, type Place } from './places';
import { between, chance, digits, mulberry32, pick, weighted, type Random } from './random';

/** The day the data describes: every date of birth lies before it. */
export const AS_OF = '2026-11-25';

type Sex = 'M' | 'F' | 'O';
type Relation = (typeof RELATIONS)[number];

interface Household {
  tradition: Tradition;
  family: Surname;
  place: Place;
  line: string | undefined;
  /** One phone for the whole family, or none. */
  mobile: string | undefined;
  /** Families tell their names in one script; the clerk types them in it. */
  deva: boolean;
}

interface Person {
  name: string;
  sex: Sex;
  years: number;
  months: number;
  days: number;
}

interface Visitor {
  person: Person;
  relative: { name: string; relation: Relation };
}

/**
 * Patients as a downtime registration desk in Delhi meets them: families sharing a phone and an
 * address, about one name in five written in Devanagari, ages told in round numbers, infants in
 * months and days, and now and then the same person registered twice. The same seed always
 * gives the same patients.
 */
export function generatePatients(seed: number, count: number): PatientFieldsInput[] {
  const random = mulberry32(seed);
  const patients: PatientFieldsInput[] = [];
  while (patients.length < count) {
    const earlier = patients.length > 0 && chance(random, 0.015) ? pick(random, patients) : undefined;
    if (earlier) {
      patients.push(registeredAgain(random, earlier));
      continue;
    }
    const home = household(random);
    for (const visitor of family(random, home)) patients.push(fields(random, visitor, home));
  }
  return patients.slice(0, count);
}

const DEPARTMENT_WEIGHTS: Readonly<Record<string, number>> = {
  MED: 30, PED: 12, OBG: 11, SUR: 10, ORT: 10, ENT: 6, OPH: 6, DER: 6, CAR: 4, DEN: 4, PSY: 2, EMR: 2,
};

/** The OPD each patient is sent to, by patient index; General Medicine sees the most. */
export function generateVisits(seed: number, patients: number, departments: readonly string[]): string[] {
  if (departments.length === 0) throw new RangeError('generateVisits needs at least one department');
  // A stream of its own, so that visits do not change when patient generation does.
  const random = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  const entries = departments.map((code) => [code, DEPARTMENT_WEIGHTS[code] ?? 3] as const);
  return Array.from({ length: patients }, () => weighted(random, entries));
}

function household(random: Random): Household {
  const tradition = weighted<Tradition>(random, [['hindi', 82], ['urdu', 14], ['punjabi', 4]]);
  return {
    tradition,
    family: pick(random, FAMILY_NAMES.filter((s) => s.traditions.includes(tradition))),
    place: weighted(random, PLACES.map((p) => [p, p.weight] as const)),
    line: chance(random, 0.75) ? houseLine(random) : undefined,
    mobile: chance(random, 0.85) ? indianMobile(random) : undefined,
    deva: chance(random, 0.2),
  };
}

/** Who of the household comes to the OPD today, each with the relative the clerk records. */
function family(random: Random, home: Household): Visitor[] {
  const scenario = weighted(random, [['alone', 76], ['motherAndChild', 10], ['couple', 8], ['elderWithChild', 6]] as const);
  switch (scenario) {
    case 'alone': {
      const person = somebody(random, home);
      return [{ person, relative: relativeOf(random, home, person) }];
    }
    case 'motherAndChild': {
      const father = person(random, home, 'M', between(random, 24, 45));
      const mother = person(random, home, 'F', between(random, 20, 40));
      const child = person(random, home, chance(random, 0.5) ? 'M' : 'F', ...childAge(random));
      return [
        { person: mother, relative: { name: father.name, relation: 'husband' } },
        { person: child, relative: chance(random, 0.6) ? { name: father.name, relation: 'father' } : { name: mother.name, relation: 'mother' } },
      ];
    }
    case 'couple': {
      const husband = person(random, home, 'M', between(random, 30, 75));
      const wife = person(random, home, 'F', Math.max(20, husband.years - between(random, 0, 8)));
      const husbandsRelative = husband.years >= 60 && chance(random, 0.5)
        ? { name: wife.name, relation: 'wife' as const }
        : { name: person(random, home, 'M', 0).name, relation: 'father' as const };
      return [
        { person: husband, relative: husbandsRelative },
        { person: wife, relative: { name: husband.name, relation: 'husband' } },
      ];
    }
    case 'elderWithChild': {
      const elder = person(random, home, chance(random, 0.5) ? 'M' : 'F', between(random, 60, 90));
      const grown = person(random, home, chance(random, 0.7) ? 'M' : 'F', between(random, 30, Math.min(60, elder.years - 18)));
      return [
        { person: elder, relative: { name: grown.name, relation: grown.sex === 'M' ? 'son' : 'daughter' } },
        { person: grown, relative: { name: elder.name, relation: elder.sex === 'M' ? 'father' : 'mother' } },
      ];
    }
  }
}

function somebody(random: Random, home: Household): Person {
  const sex = weighted<Sex>(random, [['M', 50], ['F', 49], ['O', 1]]);
  const [years, months, days] = age(random);
  return person(random, home, sex, years, months, days);
}

/** Age as patients in an Indian OPD report it: a fifth children, many "about 40" or "about 55". */
function age(random: Random): [years: number, months: number, days: number] {
  const band = weighted(random, [
    [[0, 0], 3], [[1, 4], 6], [[5, 14], 10], [[15, 29], 20], [[30, 44], 22], [[45, 59], 21], [[60, 74], 14], [[75, 98], 4],
  ] as const);
  if (band[1] === 0) return infant(random);
  const years = between(random, band[0], band[1]);
  if (years <= 2 && chance(random, 0.3)) return [years, between(random, 1, 11), 0];
  // Age heaping: adults who do not know their age give a round number.
  if (years >= 25 && chance(random, 0.35)) return [Math.round(years / 5) * 5, 0, 0];
  return [years, 0, 0];
}

function infant(random: Random): [number, number, number] {
  return chance(random, 0.3) ? [0, 0, between(random, 1, 30)] : [0, between(random, 1, 11), between(random, 0, 30)];
}

function childAge(random: Random): [number, number, number] {
  return chance(random, 0.15) ? infant(random) : [between(random, 1, 12), 0, 0];
}

function person(random: Random, home: Household, sex: Sex, years: number, months = 0, days = 0): Person {
  return { name: nameFor(random, home, sex, years), sex, years, months, days };
}

function nameFor(random: Random, home: Household, sex: Sex, years: number): string {
  const given = givenName(random, home.tradition, sex);
  const parts = [given, ...surnamesFor(random, home, sex, years)];
  const written = (n: { latin: string; deva: string }) => (home.deva ? n.deva : n.latin);
  if (chance(random, 0.03)) return written(given); // people known by one name only
  if (!home.deva && parts.length > 1 && chance(random, 0.02)) {
    // "O. P. Sharma": initials for the given name, as on many old cards.
    const initials = given.latin.split(' ').map((w) => `${w[0]}.`).join(' ');
    return [initials, ...parts.slice(1).map(written)].join(' ');
  }
  return parts.map(written).join(' ');
}

function givenName(random: Random, tradition: Tradition, sex: Sex): GivenName {
  const wanted = sex === 'O' ? 'U' : sex;
  const own = GIVEN_NAMES.filter((g) => g.sex === wanted && g.tradition === tradition);
  return pick(random, own.length > 0 ? own : GIVEN_NAMES.filter((g) => g.sex === wanted));
}

/** How a person of this sex and age writes the family's name. */
function surnamesFor(random: Random, home: Household, sex: Sex, years: number): Surname[] {
  const family = home.family;
  if (sex === 'O') return [family];
  switch (home.tradition) {
    case 'hindi':
      if (sex === 'M') return [weighted(random, [[KUMAR, 15], [SINGH, 5], [family, 80]])];
      if (years >= 30 && chance(random, 0.25)) return [DEVI];
      if (years < 25 && chance(random, 0.15)) return [KUMARI];
      return [family];
    case 'urdu':
      if (sex === 'M' || years < 30) return [family];
      return [weighted(random, [[BEGUM, 15], [KHATOON, 10], [family, 75]])];
    case 'punjabi': {
      const own = sex === 'M' ? SINGH : KAUR;
      return weighted(random, [[[own], 50], [[own, family], 30], [[family], 20]]);
    }
  }
}

function relativeOf(random: Random, home: Household, p: Person): Visitor['relative'] {
  const named = (sex: Sex, relation: Relation) => ({ name: person(random, home, sex, 40).name, relation });
  if (p.sex === 'O') return chance(random, 0.5) ? named('F', 'guardian') : named('M', 'other');
  if (p.years < 18) return weighted(random, [[() => named('M', 'father'), 65], [() => named('F', 'mother'), 30], [() => named('M', 'guardian'), 5]])();
  if (p.years >= 60) {
    const spouse = p.sex === 'M' ? named('F', 'wife') : named('M', 'husband');
    return weighted(random, [[() => named('M', 'son'), 40], [() => named('F', 'daughter'), 15], [() => spouse, 30], [() => named('M', 'father'), 15]])();
  }
  if (p.sex === 'F' && p.years >= 22 && chance(random, 0.65)) return named('M', 'husband');
  return named('M', 'father');
}

function fields(random: Random, { person: p, relative }: Visitor, home: Household): PatientFieldsInput {
  const input: PatientFieldsInput = {
    name: p.name,
    sex: p.sex,
    birth: birth(random, p),
    address: {
      ...(home.line ? { line: home.line } : {}),
      locality: home.place.locality,
      district: home.place.district,
      state: home.place.state,
      pin: home.place.pin,
    },
    relative,
  };
  if (home.mobile) input.mobile = asTyped(random, home.mobile);
  if (chance(random, 0.1)) input.uhid = `1076${digits(random, 8)}`;
  if (chance(random, 0.05)) input.abha = abhaNumber(random);
  if (chance(random, 0.04)) input.remarks = pick(random, REMARKS);
  return input;
}

function birth(random: Random, p: Person): PatientFieldsInput['birth'] {
  const knowsDate = p.years === 0 ? chance(random, 0.4) : chance(random, 0.15);
  if (knowsDate) return { kind: 'dob', dob: dateOfBirth(random, p) };
  return { kind: 'age', years: p.years, months: p.months, days: p.days };
}

const DAY_MS = 86_400_000;

function dateOfBirth(random: Random, p: Person): string {
  const asOf = new Date(`${AS_OF}T00:00:00Z`);
  if (p.years === 0) return new Date(asOf.getTime() - (p.months * 30 + p.days) * DAY_MS).toISOString().slice(0, 10);
  // Somewhere in the year before their last birthday, so that they are `years` old on AS_OF.
  asOf.setUTCFullYear(asOf.getUTCFullYear() - p.years);
  return new Date(asOf.getTime() - between(random, 0, 364) * DAY_MS).toISOString().slice(0, 10);
}

/** The same patient at the desk again (another tablet, another day): the duplicate check's case. */
function registeredAgain(random: Random, earlier: PatientFieldsInput): PatientFieldsInput {
  const again: PatientFieldsInput = { ...earlier, relative: { ...(earlier.relative as object) }, address: { ...(earlier.address as object) } };
  delete again.uhid;
  delete again.remarks;
  const b = earlier.birth;
  if (b.kind === 'age' && typeof b.years === 'number' && b.years >= 5) {
    again.birth = { kind: 'age', years: b.years + between(random, -1, 1), months: 0, days: 0 };
  }
  return again;
}

/** Indian mobile: 10 digits from 6–9; numbers starting 9 are the oldest and most common. */
function indianMobile(random: Random): string {
  const first = weighted(random, [['9', 45], ['8', 25], ['7', 20], ['6', 10]]);
  return first + digits(random, 9);
}

/** Clerks type numbers as people say them: with +91, a leading 0, or a space in the middle. */
function asTyped(random: Random, mobile: string): string {
  return weighted(random, [
    [mobile, 80],
    [`+91 ${mobile}`, 8],
    [`0${mobile}`, 5],
    [`${mobile.slice(0, 5)} ${mobile.slice(5)}`, 7],
  ]);
}

function abhaNumber(random: Random): string {
  const d = digits(random, 14);
  return chance(random, 0.5) ? `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6, 10)}-${d.slice(10)}` : d;
}

function houseLine(random: Random): string {
  const block = pick(random, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K']);
  return weighted(random, [
    [`H.No. ${between(random, 1, 999)}, Gali No. ${between(random, 1, 20)}`, 35],
    [`${block}-${between(random, 1, 450)}`, 25],
    [`Flat ${between(random, 1, 12)}0${between(random, 1, 8)}, Block ${block}`, 15],
    [`Jhuggi No. ${between(random, 1, 600)}, Camp ${between(random, 1, 9)}`, 10],
    [`H.No. ${between(random, 1, 300)}, near ${pick(random, LANDMARKS)}`, 15],
  ]);
}
