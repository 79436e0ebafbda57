import type { Collection } from 'dexie';
import * as z from 'zod/mini';
import { canonicalJson } from '../domain/canonicalJson';
import { RuleError, ValidationError } from '../domain/errors';
import { formatDowntimeId } from '../domain/ids/downtimeId';
import { ageYears, birthProblem } from '../domain/patients/age';
import { possibleDuplicates, type PossibleDuplicate } from '../domain/patients/duplicates';
import { patientFields, patientRecord, type PatientFields, type Sex } from '../domain/patients/fields';
import { MANY_WORDS, nameSounds, nameStem, stemPairs } from '../domain/patients/nameKeys';
import { soundOf } from '../domain/patients/soundKey';
import { stemOf, tailKey } from '../domain/atRest';
import { mobileTail } from '../domain/patients/mobileTail';
import { classifyQuery } from '../domain/patients/searchQuery';
import type { PatientRow, TokenRow } from '../domain/projections/rows';
import { localDay } from '../domain/tokens/day';
import type { Department } from '../domain/device';
import { departmentMisfit, misfitMessage, type Misfit } from '../domain/tokens/departmentFit';
import { todaysDepartment } from '../domain/tokens/todaysDepartment';
import { formatToken, tokenKey } from '../domain/tokens/tokenNumber';
import { text } from '../domain/text';
import { toIssues } from '../domain/validation';
import type { Desk, SessionUser } from './desk';
import type { IndexPage, StoredKeys } from './sealedIndexPage';

export interface SearchFilters {
  sex?: Sex | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
}

export type SearchResult =
  | { kind: 'empty' }
  | { kind: 'badId'; reason: 'idFormat' | 'idCheck' }
  | { kind: 'patients'; exact: boolean; patients: PatientRow[]; truncated: boolean };

const MAX_RESULTS = 50;
/** Name candidates under one index key; `first`: its first page, already read; `alsoRead`: other rows read that may match. */
interface PagedRange {
  index: 'stems' | 'pairs';
  key: string;
  first?: IndexPage<PatientRow>;
  alsoRead?: PatientRow[];
}
/** How a name search judges rows: `wanted` on their stored hashed keys, before opening; `matches` once opened. */
interface NameCandidates {
  matches: (p: PatientRow) => boolean;
  wanted: (keys: StoredKeys) => boolean;
  opened: Map<unknown, PatientRow>;
}
/** Candidates per pair key (newest first) for possible duplicates. */
const DUPLICATE_SCAN = 200;
/** Name candidates read first: enough for a full page of results when most match, few to decrypt. */
const FIRST_PAGE = 64;
/** Name candidates read at most per range (see readPages). */
const NAME_READ = 1024;
/** Patients read at most for the end of a mobile number: four digits match one number in 10,000. */
const TAIL_SCAN = 500;
export const DESK_ROLES: ReadonlySet<string> = new Set(['clerk', 'admin']);

/** The ward clerk's use-cases: registration, search and tokens (the queue's are in tokenQueue.ts). */
export class FrontDesk {
  constructor(private readonly desk: Desk) {}

  private get db() {
    return this.desk.db;
  }

  private today(): Promise<string> {
    return deskToday(this.desk);
  }

  /** Validate the form as the clerk filled it; throws a ValidationError with field paths. */
  async checkFields(input: unknown, today?: string): Promise<PatientFields> {
    const parsed = patientRecord.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'patient');
    const problem = birthProblem(parsed.data.birth, today ?? (await this.today()));
    if (problem) {
      throw new ValidationError([{ path: parsed.data.birth.kind === 'dob' ? 'birth.dob' : 'birth.years', code: problem }], input, 'patient');
    }
    return parsed.data;
  }

  async register(actor: SessionUser, input: unknown): Promise<PatientRow> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const { identity, projector } = await this.desk.context();
    const day = localDay(this.desk.now(), identity.timeZone);
    const fields = await this.checkFields(input, day);
    let patient = '';
    const recorded = await projector.record('patient.registered', async () => {
      // Inside the append lock, with every earlier event of this device projected: the next
      // number cannot have been handed out by another tab.
      const row = await this.db.devices.get(identity.code);
      patient = formatDowntimeId(identity.code, (row?.lastPatientNumber ?? 0) + 1);
      return { patient, fields, day };
    }, actor.name);
    return (await projector.rowAfter(recorded, 'patients', patient))!;
  }

  async correct(actor: SessionUser, patient: string, changes: unknown, reason: unknown): Promise<PatientRow> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const current = await this.db.patients.get(patient);
    if (!current) throw new RuleError('patientNotFound');
    const merged = await this.checkFields({ ...fieldsOf(current), ...(changes as object) });
    const changed = Object.fromEntries(Object.entries(merged).filter(([k, v]) =>
      differs(v, (current as unknown as Record<string, unknown>)[k])));
    if (Object.keys(changed).length === 0) throw new ValidationError([{ path: '', code: 'noChanges' }], changes, 'correction');
    const why = reason === undefined || reason === '' ? undefined : text(200).safeParse(reason);
    if (why && !why.success) throw new ValidationError(toIssues(why.error).map((i) => ({ ...i, path: 'reason' })), reason, 'correction');
    const { projector } = await this.desk.context();
    const recorded = await projector.record('patient.corrected', { patient, changes: changed, ...(why ? { reason: why.data } : {}) }, actor.name);
    return (await projector.rowAfter(recorded, 'patients', patient))!;
  }

  /**
   * A token for a department whose rules (sex, age range) the patient does not fit is refused
   * unless the clerk confirmed it (`confirmMisfit`): the desk asks first (misfit()).
   */
  async issueToken(actor: SessionUser, patient: string, dept: string, extra: { doctor?: string; room?: string; confirmMisfit?: boolean } = {}): Promise<TokenRow> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const { identity, projector } = await this.desk.context();
    const department = (await this.desk.departments()).find((d) => d.code === dept);
    if (!department) throw new ValidationError([{ path: 'dept', code: 'departmentUnknown' }], dept, 'token');
    const row = await this.db.patients.get(patient);
    if (!row) throw new RuleError('patientNotFound');
    const misfit = this.misfit(row, department, localDay(this.desk.now(), identity.timeZone));
    if (misfit && !extra.confirmMisfit) {
      const { code, params } = misfitMessage(misfit, dept);
      throw new RuleError(code, params);
    }
    const optional = (v?: string) => (v && v.trim() ? v : undefined);
    let token = '';
    const recorded = await projector.record('token.issued', async () => {
      const day = localDay(this.desk.now(), identity.timeZone);
      const last = await this.db.tokens.where('[device+dept+day+number]')
        .between([identity.code, dept, day, 0], [identity.code, dept, day, Infinity]).last();
      const number = (last?.number ?? 0) + 1;
      token = tokenKey(day, formatToken(dept, identity.code, number));
      return { token: formatToken(dept, identity.code, number), patient, dept, day, number, doctor: optional(extra.doctor), room: optional(extra.room) };
    }, actor.name);
    return (await projector.rowAfter(recorded, 'tokens', token))!;
  }

  /** Why this patient does not fit the department's rules today, or null. */
  misfit(patient: PatientRow, dept: Department, today: string): Misfit | null {
    return departmentMisfit(dept, { sex: patient.sex, ageYears: ageYears({ kind: 'dob', dob: patient.born }, patient.registeredDay, today) });
  }

  /** Every print is an event, so a reprint is visible as such on paper and in the log. */
  async recordPrint(actor: SessionUser, id: string, paper: '80mm' | 'A6'): Promise<number> {
    const row = await this.db.tokens.get(id);
    if (!row) throw new RuleError('tokenNotFound');
    const { projector } = await this.desk.context();
    let copy = 0;
    await projector.record('token.printed', async () => {
      copy = ((await this.db.tokens.get(id))?.prints ?? 0) + 1;
      return { token: row.token, day: row.day, copy, paper };
    }, actor.name);
    return copy;
  }

  async search(input: string, filters: SearchFilters = {}): Promise<SearchResult> {
    const q = classifyQuery(input);
    const today = await this.today();
    const keep = (p: PatientRow) => {
      if (filters.sex && p.sex !== filters.sex) return false;
      const age = ageYears({ kind: 'dob', dob: p.born }, p.registeredDay, today);
      return (filters.ageMin === undefined || age >= filters.ageMin) && (filters.ageMax === undefined || age <= filters.ageMax);
    };
    const done = (patients: PatientRow[], exact: boolean): SearchResult =>
      ({ kind: 'patients', exact, patients: patients.filter(keep).slice(0, MAX_RESULTS), truncated: false });
    switch (q.kind) {
      case 'empty':
      case 'badId':
        return q;
      case 'downtimeId':
        return done((await this.db.patients.where('patient').equals(q.id).toArray()), true);
      case 'token': {
        const token = await this.db.tokens.get(tokenKey(today, q.token));
        const patient = token ? await this.db.patients.get(token.patient) : undefined;
        return done(patient ? [patient] : [], true);
      }
      case 'mobile':
        return done(await this.byKey('mobile', q.mobile).toArray(), false);
      case 'abha':
        return done(await this.byKey('abha', q.abha).toArray(), true);
      case 'uhid':
        return done(await this.byKey('uhid', q.uhid).toArray(), true);
      case 'digits':
        return this.byDigits(q.digits, keep);
      case 'name':
        return this.byName(q.words.map(soundOf).filter(Boolean), keep, Boolean(filters.sex) || filters.ageMin !== undefined || filters.ageMax !== undefined);
    }
  }

  /** Patients whose hashed index `index` holds `value` (domain/atRest.ts). */
  private byKey(index: 'stems' | 'pairs' | 'tail' | 'mobile' | 'uhid' | 'abha', value: string): Collection<PatientRow, string> {
    return this.db.patients.where(index).equals(this.desk.searchKey(index, value));
  }

  /** A numeric UHID or the end of a mobile number: both are looked up, the UHID first. */
  private async byDigits(digits: string, keep: (p: PatientRow) => boolean): Promise<SearchResult> {
    const tail = mobileTail(digits);
    const [byUhid, byTail] = await Promise.all([
      this.byKey('uhid', digits).toArray(),
      // The index holds the last few digits only (atRest.tailKey): the rest are checked here.
      this.byKey('tail', tailKey(tail)).limit(TAIL_SCAN).toArray(),
    ]);
    const byMobile = byTail.filter((p) => p.mobileTail?.startsWith(tail))
      .sort((a, b) => a.name.localeCompare(b.name) || a.patient.localeCompare(b.patient));
    const found = [...new Map([...byUhid, ...byMobile].map((p) => [p.patient, p])).values()].filter(keep);
    return { kind: 'patients', exact: false, patients: found.slice(0, MAX_RESULTS), truncated: byTail.length === TAIL_SCAN || found.length > MAX_RESULTS };
  }

  /**
   * Patients with a name word sounding like the start of each typed word (`words`: their sounds,
   * soundOf), whichever script either was written in. One word reads its stem's index key, two
   * or more the pair key of two stems (namePairKeys; with three or more, the pair whose first
   * page matched best) and the names too long for pair keys; the other words are checked on the
   * rows read. Rows are read straight from the index in pages (see readPages): listing the keys
   * first costs IndexedDB as much as reading the rows, and most searches end on the first page.
   */
  private async byName(words: string[], keep: (p: PatientRow) => boolean, filtered: boolean): Promise<SearchResult> {
    if (words.length === 0) return { kind: 'patients', exact: false, patients: [], truncated: false };
    // Sex or age passes a fraction of the names: a first page twice as large mostly ends the search.
    const firstPage = filtered ? 2 * FIRST_PAGE : FIRST_PAGE;
    const longest = [...words].sort((a, b) => b.length - a.length);
    const stems = [...new Set(longest.map((w) => nameStem(w)))].slice(0, 4);
    const matches = (p: PatientRow) => words.every((w) => p.sounds.some((sound) => sound.startsWith(w))) && keep(p);
    // A row lacking the hashed prefix of a typed word cannot match: it is not opened at all.
    const prefixes = [...new Set(words.map((w) => this.desk.searchKey('stems', stemOf(w))))];
    const candidates: NameCandidates = { matches, wanted: (keys) => prefixes.every((k) => keys('stems').includes(k)), opened: new Map() };
    const range = (index: PagedRange['index'], value: string): PagedRange => ({ index, key: this.desk.searchKey(index, value) });
    const { hits, more } = stems.length === 1
      ? await this.readPages([range('stems', stemOf(longest[0]!))], candidates, firstPage)
      : await this.readPages([await this.bestPair(stemPairs(stems).map((pair) => range('pairs', pair)), candidates), range('pairs', MANY_WORDS)], candidates, firstPage);
    const shown = [...hits.values()].slice(0, MAX_RESULTS).sort((a, b) => a.name.localeCompare(b.name) || a.patient.localeCompare(b.patient));
    return { kind: 'patients', exact: false, patients: shown, truncated: more || hits.size > MAX_RESULTS };
  }

  /** A page of name candidates: the rows under the range's key, up to `limit`, opened only if they may match. */
  private namePage(range: PagedRange, limit: number, candidates: NameCandidates, enough?: (rows: readonly PatientRow[]) => boolean): Promise<IndexPage<PatientRow>> {
    return this.db.indexPage<PatientRow>({ table: 'patients', index: range.index, key: range.key, limit, wanted: candidates.wanted, opened: candidates.opened, enough });
  }

  /**
   * Of several pair keys (three or more words typed), the one to read: a common pair ("moh yus")
   * is held by thousands, and few of them have the third word. Each pair's first page is read;
   * the pair whose page held the most matches, or which ended within its page, is taken, and
   * the rows already read are handed on with it rather than read again.
   */
  private async bestPair(pairs: PagedRange[], candidates: NameCandidates): Promise<PagedRange> {
    if (pairs.length === 1) return pairs[0]!;
    const firsts = await Promise.all(pairs.map((pair) => this.namePage(pair, FIRST_PAGE, candidates)));
    const score = (page: IndexPage<PatientRow>) => (page.held < FIRST_PAGE ? Infinity : page.rows.filter(candidates.matches).length);
    const best = firsts.reduce((b, page, i) => (score(page) > score(firsts[b]!) ? i : b), 0);
    return { ...pairs[best]!, first: firsts[best]!, alsoRead: firsts.filter((_, i) => i !== best).flatMap((page) => page.rows) };
  }

  /**
   * Rows of each range, read from the index a page at a time, until more than a page of results
   * passes. The pages grow from FIRST_PAGE by what the rows so far promise (nextPage), up to
   * NAME_READ rows; past that the clerk is asked for more of the name. IndexedDB reads an index's
   * rows in one request only from its start, so a larger page reads the smaller one again (but
   * opens none of its rows twice); that costs less than a request per row. A page stops opening
   * rows once the results are enough: the rest could only add results past the fiftieth.
   */
  private async readPages(ranges: PagedRange[], candidates: NameCandidates, firstPage: number) {
    const hits = new Map<string, PatientRow>();
    const enough = (rows: readonly PatientRow[]) => {
      const found = new Set(hits.keys());
      for (const p of rows) if (candidates.matches(p)) found.add(p.patient);
      return found.size > MAX_RESULTS;
    };
    for (const range of ranges) {
      for (const p of range.alsoRead ?? []) if (candidates.matches(p)) hits.set(p.patient, p);
      for (let limit = range.first ? FIRST_PAGE : firstPage, first = range.first; ; first = undefined) {
        const page = first ?? await this.namePage(range, limit, candidates, enough);
        const matched = page.rows.filter(candidates.matches);
        for (const p of matched) hits.set(p.patient, p);
        if (hits.size > MAX_RESULTS) return { hits, more: true };
        if (page.held < limit) break;
        if (limit >= NAME_READ) return { hits, more: true };
        limit = nextPage(limit, matched.length, hits.size);
      }
    }
    return { hits, more: false };
  }

  /** Who might this new patient already be? Same mobile, or a similar name, same sex, similar age. */
  async duplicates(input: { name?: string; sex?: string; birth?: unknown; mobile?: string }): Promise<Array<PossibleDuplicate & { row: PatientRow }>> {
    const probe = z.pick(patientFields, { name: true, sex: true, birth: true, mobile: true })
      .safeParse({ name: input.name, sex: input.sex, birth: input.birth, mobile: input.mobile });
    if (!probe.success) return [];
    const today = await this.today();
    const { name, sex, birth, mobile } = probe.data;
    // Without a name (an unknown patient, known by an alias) only the mobile can match: aliases
    // such as "UNKNOWN MALE K7-0007" look alike and say nothing about who is who.
    if (name === undefined && mobile === undefined) return [];
    const words = name === undefined ? [] : nameSounds(name);
    const byMobile = mobile ? await this.byKey('mobile', mobile).toArray() : [];
    // Similar names rarely differ in their first letters: candidates share two word stems with
    // the new name (one of its pair keys), or for a one-word name its stem. The newest come
    // first, as a re-registration during the outage is likelier than one from its first days.
    const pairs = stemPairs([...new Set(words.map((w) => nameStem(w)))]);
    const ranges = pairs.length
      ? [...new Set([...pairs, MANY_WORDS])].map((pair) => this.byKey('pairs', pair))
      : words.length ? [this.byKey('stems', stemOf(words[0]!))] : [];
    const byName = (await Promise.all(ranges.map((r) => r.reverse().limit(DUPLICATE_SCAN).toArray())))
      .flat().filter((p) => p.sex === sex && !p.unnamed).sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
    const rows = new Map([...byMobile, ...byName].map((p) => [p.patient, p]));
    const age = ageYears(birth, today, today);
    const found = possibleDuplicates({ name, sex, ageYears: age, mobile }, [...rows.values()].map((p) => ({
      patient: p.patient, name: p.unnamed ? undefined : p.name, sex: p.sex, mobile: p.mobile, ageYears: ageYears({ kind: 'dob', dob: p.born }, p.registeredDay, today),
    })));
    return found.slice(0, 10).map((d) => ({ ...d, row: rows.get(d.patient)! }));
  }

  /** Registrations per day and tokens per day and department, from the index keys alone. */
  async dailyTotals(): Promise<Array<{ day: string; dept: string | null; registrations: number; tokens: number }>> {
    const totals = new Map<string, { day: string; dept: string | null; registrations: number; tokens: number }>();
    const at = (day: string, dept: string | null) => {
      const key = `${day}|${dept ?? ''}`;
      if (!totals.has(key)) totals.set(key, { day, dept, registrations: 0, tokens: 0 });
      return totals.get(key)!;
    };
    for (const day of await this.db.patients.orderBy('registeredDay').keys()) at(String(day), null).registrations += 1;
    for (const key of await this.db.tokens.orderBy('[dept+day]').keys()) {
      const [dept, day] = key as unknown as [string, string];
      at(day, dept).tokens += 1;
    }
    return [...totals.values()].sort((a, b) => b.day.localeCompare(a.day) || (a.dept ?? '').localeCompare(b.dept ?? ''));
  }

  patient(id: string): Promise<PatientRow | undefined> {
    return this.db.patients.get(id);
  }

  /** The department of the patient's token today (the latest not cancelled), or null: the lab's default ordering department. */
  async departmentToday(patient: string): Promise<string | null> {
    const today = await this.today();
    return todaysDepartment(await this.db.tokens.where('patient').equals(patient).toArray(), today);
  }

  tokensOf(patient: string): Promise<TokenRow[]> {
    return this.db.tokens.where('patient').equals(patient).reverse().sortBy('issuedAt');
  }

  todayDay(): Promise<string> {
    return this.today();
  }
}

/** The device's day. Only Dexie reads before the queries: live queries lose track of tables after other awaits. */
export async function deskToday(desk: Desk): Promise<string> {
  const identity = await desk.identity();
  if (!identity) throw new RuleError('notEnrolled');
  return localDay(desk.now(), identity.timeZone);
}

/** Whether a corrected field's value differs, whatever order its keys came in (events store theirs in canonical order); absent is a value too. */
const differs = (a: unknown, b: unknown): boolean => (a === undefined || b === undefined ? a !== b : canonicalJson(a) !== canonicalJson(b));

/**
 * The size of a range's next page of name candidates: after `limit` rows held `matched` results
 * (and the search has `found` in all), enough rows for the results still wanted at that rate,
 * half again for luck; at least twice the last page, at most four times, and NAME_READ. A filter
 * on age or sex passes a fraction of the names: reading four times the rows every time read and
 * opened hundreds that were never shown.
 */
export function nextPage(limit: number, matched: number, found: number): number {
  const wanted = MAX_RESULTS + 1 - found;
  const promised = matched === 0 ? limit * 4 : limit + Math.ceil((1.5 * wanted * limit) / matched);
  return Math.min(NAME_READ, Math.max(limit * 2, Math.min(limit * 4, promised)));
}

/** The patient's recorded fields (the row's `name` is the alias while the real one is not known). */
export function fieldsOf(row: PatientRow): PatientFields {
  const { sex, birth, alias, mobile, address, relative, uhid, abha, remarks } = row;
  const name = row.unnamed ? undefined : row.name;
  return Object.fromEntries(Object.entries({ name, alias, sex, birth, mobile, address, relative, uhid, abha, remarks })
    .filter(([, v]) => v !== undefined)) as PatientFields;
}
