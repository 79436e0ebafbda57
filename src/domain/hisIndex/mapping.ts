import { foldKey } from '../fold';

/** What a column of the HIS's CSV can hold. */
export const HIS_FIELDS = ['uhid', 'name', 'sex', 'dob', 'age', 'mobile', 'address'] as const;
export type HisField = (typeof HIS_FIELDS)[number];

/** The column (0-based) each field is read from; null: the file has none. */
export type ColumnMapping = Record<HisField, number | null>;

/**
 * Header names HIS exports use, in English and Hindi, folded (lower case, no punctuation). An
 * exact match wins over a header that merely contains one ("patient mobile no").
 */
const NAMES: Record<HisField, readonly string[]> = {
  uhid: ['uhid', 'uhid no', 'mrn', 'mr no', 'mrd no', 'cr no', 'patient id', 'hospital no', 'registration no', 'reg no', 'यूएचआईडी', 'पंजीकरण संख्या', 'मरीज़ आईडी', 'रोगी आईडी'],
  name: ['name', 'patient name', 'full name', 'नाम', 'मरीज़ का नाम', 'मरीज का नाम', 'रोगी का नाम'],
  sex: ['sex', 'gender', 'लिंग'],
  dob: ['dob', 'date of birth', 'birth date', 'birthdate', 'जन्म तिथि', 'जन्मतिथि', 'जन्म दिनांक'],
  age: ['age', 'age years', 'age yrs', 'आयु', 'उम्र'],
  mobile: ['mobile', 'mobile no', 'mobile number', 'phone', 'phone no', 'contact', 'contact no', 'मोबाइल', 'मोबाइल नंबर', 'फ़ोन', 'फोन'],
  address: ['address', 'patient address', 'पता'],
};

const headerKey = (header: string): string => foldKey(header).replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();

/** The mapping a header row suggests; the administrator checks and corrects it before the import. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const keys = header.map(headerKey);
  const taken = new Set<number>();
  const mapping = Object.fromEntries(HIS_FIELDS.map((f) => [f, null])) as ColumnMapping;
  for (const exact of [true, false]) {
    for (const field of HIS_FIELDS) {
      if (mapping[field] !== null) continue;
      const names = NAMES[field].map(headerKey);
      const column = keys.findIndex((k, i) => !taken.has(i) && k !== '' && names.some((n) => (exact ? k === n : k.split(' ').includes(n) || k.includes(n) && n.length > 3)));
      if (column !== -1) { mapping[field] = column; taken.add(column); }
    }
  }
  return mapping;
}

/** What the mapping still lacks: a UHID and a name column are needed for an index at all. */
export function mappingProblems(mapping: ColumnMapping): Array<'uhidColumn' | 'nameColumn' | 'sameColumn'> {
  const problems: Array<'uhidColumn' | 'nameColumn' | 'sameColumn'> = [];
  if (mapping.uhid === null) problems.push('uhidColumn');
  if (mapping.name === null) problems.push('nameColumn');
  const used = Object.values(mapping).filter((c): c is number => c !== null);
  if (new Set(used).size !== used.length) problems.push('sameColumn');
  return problems;
}
