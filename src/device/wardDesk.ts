import * as z from 'zod/mini';
import { berthKey, placeKey } from '../domain/atRest';
import { RuleError, ValidationError } from '../domain/errors';
import { recentInstant } from '../domain/lab/wallClock';
import type { EmergencyVisitRow } from '../domain/projections/emergencyRows';
import type { PatientRow } from '../domain/projections/rows';
import type { AdmissionRow, WardRow } from '../domain/projections/wardRows';
import { formatAdmissionId } from '../domain/wards/admissionId';
import { admittedTwice, bedBoard, wardSummary, type BoardBed, type OtherBed, type WardSummary } from '../domain/wards/bedBoard';
import { parseBedList } from '../domain/wards/bedList';
import { censusRows, type CensusRow } from '../domain/wards/census';
import { localDay } from '../domain/tokens/day';
import type { BedMark } from '../domain/wards/codes';
import { admitFields, dischargeFields, enteredInErrorFields, wardFields } from '../domain/wards/events';
import { parseWith, toIssues } from '../domain/validation';
import { AfterRead } from './afterRead';
import { UNHASHED_BEDS } from './db';
import type { Desk, SessionUser } from './desk';

const CLERK_ROLES = new Set(['clerk', 'admin']);

export interface PlacedPatient extends AdmissionRow {
  person: PatientRow | undefined;
  /** The patient's other open admissions (two tablets offline admitted them twice); empty as a rule. */
  elsewhere: OtherBed[];
}

export interface WardCensusData {
  ward: WardRow;
  /** The device printing it. */
  device: string;
  hospital: string;
  timeZone: string;
  asOf: string;
  /** The hospital's day as of then, for ages. */
  today: string;
  rows: CensusRow<PlacedPatient>[];
}

export interface WardBoard {
  ward: WardRow;
  beds: BoardBed<PlacedPatient>[];
}

function allow(actor: SessionUser, roles: ReadonlySet<string> = CLERK_ROLES): void {
  if (!roles.has(actor.role)) throw new RuleError('roleNotAllowed');
}

/**
 * The wards' use-cases (issue 14, point 3): set-up, admission, transfer, discharge, bed marks and
 * each ward's bed board. This device refuses a bed it knows to be taken; two devices offline
 * cannot know, and their patients then share the bed on the board as a conflict (bedBoard).
 */
export class WardDesk {
  constructor(private readonly desk: Desk) {}

  private get db() {
    return this.desk.db;
  }

  /** Set up (or change) a ward: code, names and its beds typed as a list ("1-20", "ICU1-ICU4 icu"). */
  async defineWard(actor: SessionUser, input: { ward?: unknown; name?: unknown; nameHi?: unknown; beds?: unknown }): Promise<WardRow> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const list = parseBedList(typeof input.beds === 'string' ? input.beds : '');
    const parsed = wardFields.safeParse({ ...input, beds: list.beds.length ? list.beds : [] });
    const issues = [...(parsed.success ? [] : toIssues(parsed.error).filter((i) => !i.path.startsWith('beds') || !list.issues.length)), ...list.issues];
    if (!parsed.success || issues.length) throw new ValidationError(issues, input, 'ward');
    const { projector } = await this.desk.context();
    const recorded = await projector.record('ward.defined', parsed.data, actor.name);
    return (await projector.rowAfter(recorded, 'wards', parsed.data.ward))!;
  }

  async wards(): Promise<WardRow[]> {
    return (await this.db.wards.toArray()).sort((a, b) => a.ward.localeCompare(b.ward));
  }

  /** Mark an empty bed free, reserved or being cleaned. */
  async markBed(actor: SessionUser, ward: string, bed: string, status: BedMark): Promise<void> {
    allow(actor);
    await this.bedOf(ward, bed);
    if ((await this.inBed(ward, bed)).length) throw new RuleError('bedOccupied', { bed });
    const { projector } = await this.desk.context();
    await projector.record('bed.marked', { ward, bed, status }, actor.name);
  }

  /**
   * Admit a patient to a free bed. The checks run inside the append lock, in the one read the
   * lock takes anyway (the checkpoint and the device row, for the IP number): no round trip of
   * their own, and no other tab's admission can fill the bed or admit the patient between check
   * and write (a transfer checks before the lock: such a race shows as a conflict on the board).
   * The bed's admitted rows are read as stored (by `berth`: none, as a rule) and opened once that
   * read is over (AfterRead): opened inside it, one by one, they cost portable AES each.
   */
  async admit(actor: SessionUser, input: unknown): Promise<AdmissionRow> {
    allow(actor);
    const fields = parseWith(admitFields, input, 'admit');
    const { identity, projector } = await this.desk.context();
    let admission = '';
    const recorded = await projector.record('ward.admitted', async () => {
      // The reads go together (one transaction: afterCatchUp's); their verdicts in a fixed order.
      const [person, visit, ward, stored, current, device] = await Promise.all([
        this.db.patients.get(fields.patient),
        fields.visit ? this.db.emergencyVisits.get(fields.visit) : undefined,
        this.db.wards.get(fields.ward),
        this.storedInBed(fields.ward, fields.bed),
        this.currentAdmission(fields.patient),
        this.db.devices.get(identity.code),
      ]);
      return new AfterRead(async () => {
        const occupants = await this.openInBed(stored, fields.ward, fields.bed);
        if (!person) throw new RuleError('patientNotFound');
        if (fields.visit && !visit) throw new RuleError('visitNotFound');
        bedIn(ward, fields.ward, fields.bed);
        if (occupants.length) throw new RuleError('bedOccupied', { bed: fields.bed });
        if (current) throw new RuleError('alreadyAdmitted', { admission: current.admission });
        admission = formatAdmissionId(identity.code, (device?.lastAdmissionNumber ?? 0) + 1);
        return { admission, ...fields };
      });
    }, actor.name);
    return (await projector.rowAfter(recorded, 'admissions', admission))!;
  }

  /** Move an admitted patient to another bed, in this ward or another. */
  async transfer(actor: SessionUser, admission: string, input: { ward?: unknown; bed?: unknown }): Promise<AdmissionRow> {
    allow(actor);
    const row = await this.admitted(admission);
    const to = parseWith(z.pick(admitFields, { ward: true, bed: true }), input, 'transfer');
    if (to.ward === row.ward && to.bed === row.bed) throw new ValidationError([{ path: 'bed', code: 'sameBed' }], input, 'transfer');
    await this.bedOf(to.ward, to.bed);
    if ((await this.inBed(to.ward, to.bed)).length) throw new RuleError('bedOccupied', { bed: to.bed });
    const { projector } = await this.desk.context();
    const recorded = await projector.record('ward.transferred', { admission, from: { ward: row.ward, bed: row.bed }, to }, actor.name);
    return (await projector.rowAfter(recorded, 'admissions', admission))!;
  }

  /**
   * Discharge: normal, LAMA, referred, absconded, or death with its time ("HH:MM" in the
   * hospital's time zone, within the last day).
   */
  async discharge(actor: SessionUser, admission: string, input: { outcome?: unknown; diedTime?: unknown; note?: unknown }): Promise<AdmissionRow> {
    allow(actor);
    const row = await this.admitted(admission);
    const { identity, projector } = await this.desk.context();
    const time = typeof input.diedTime === 'string' ? input.diedTime.trim() : '';
    const diedAt = input.outcome === 'death' && time ? recentInstant(time, this.desk.now(), identity.timeZone) : undefined;
    if (input.outcome === 'death' && diedAt === null) throw new ValidationError([{ path: 'diedTime', code: 'time' }], input, 'discharge');
    const fields = parseWith(dischargeFields, { outcome: input.outcome, note: input.note, ...(diedAt ? { diedAt } : {}) }, 'discharge');
    if (fields.outcome === 'death' && !fields.diedAt) throw new ValidationError([{ path: 'diedTime', code: 'required' }], input, 'discharge');
    const recorded = await projector.record('ward.discharged', { admission, from: { ward: row.ward, bed: row.bed }, ...fields }, actor.name);
    return (await projector.rowAfter(recorded, 'admissions', admission))!;
  }

  /**
   * The admission should never have been recorded (the wrong patient, or a patient two tablets
   * admitted twice): with a reason, on an open admission. The bed is free again; the admission
   * stays in the history, off the census, and goes to the HIS as entered in error.
   */
  async enteredInError(actor: SessionUser, admission: string, input: { reason?: unknown }): Promise<AdmissionRow> {
    allow(actor);
    const row = await this.admitted(admission);
    const fields = parseWith(enteredInErrorFields, { reason: input.reason }, 'enteredInError');
    const { projector } = await this.desk.context();
    const recorded = await projector.record('ward.enteredInError', { admission, from: { ward: row.ward, bed: row.bed }, ...fields }, actor.name);
    return (await projector.rowAfter(recorded, 'admissions', admission))!;
  }

  /** Record a wristband's print first, so a reprint is numbered and says so; returns the copy. */
  async recordWristbandPrint(actor: SessionUser, admission: string): Promise<number> {
    allow(actor);
    if (!arrived(await this.db.admissions.get(admission))) throw new RuleError('admissionNotFound');
    const { projector } = await this.desk.context();
    let copy = 0;
    await projector.record('ward.wristbandPrinted', async () => {
      copy = ((await this.db.admissions.get(admission))?.wristbands ?? 0) + 1;
      return { admission, copy };
    }, actor.name);
    return copy;
  }

  /** Every bed of the ward with its state and patients (conflicts included), as bedBoard says. */
  async board(ward: string): Promise<WardBoard | null> {
    const def = await this.db.wards.get(ward);
    if (!def) return null;
    const [marks, admitted] = await Promise.all([
      this.db.beds.where('ward').equals(ward).toArray(),
      this.admittedIn(ward),
    ]);
    const ids = [...new Set(admitted.map((a) => a.patient))];
    const [people, twice] = await Promise.all([
      this.db.storedRows('patients', { keys: ids }).then((stored) => this.db.openRows<PatientRow>('patients', stored)),
      this.admittedTwice(ids),
    ]);
    const byId = new Map(people.map((p) => [p.patient, p]));
    const placed = admitted.map((a) => ({ ...a, person: byId.get(a.patient), elsewhere: twice.get(a.admission) ?? [] }));
    return { ward: def, beds: bedBoard(ward, def.beds, new Map(marks.map((m) => [m.bed, m.status])), placed) };
  }

  /**
   * Every ward with its beds counted by state and its patients admitted to two beds, for the ward
   * list. No patient row is read (the board opens each of its patients to show names; a list of
   * counts needs none), and no cursor walk: one read of the bed marks and one per ward of its
   * admitted patients by `place`, all at once. Every open admission of the listed wards is then
   * in hand, so a patient in two beds is one listed twice among them (an admission to a ward this
   * device has no set-up of shows on the board, not here).
   */
  async summaries(): Promise<Array<WardSummary & { ward: WardRow }>> {
    const wards = await this.wards();
    if (wards.length === 0) return [];
    const [marks, ...admitted] = await Promise.all([this.db.beds.toArray(), ...wards.map((w) => this.admittedIn(w.ward))]);
    const twice = admittedTwice(admitted.flat());
    return wards.map((w, i) => ({
      ward: w,
      ...wardSummary(w.ward, w.beds, new Map(marks.filter((m) => m.ward === w.ward).map((m) => [m.bed, m.status])), admitted[i]!, twice),
    }));
  }

  /**
   * The ward census as of now: every patient in the ward in bed order (a conflicting bed's
   * patients each on a line, marked), with the hospital, its time zone and the instant it is "as of".
   */
  async census(ward: string): Promise<WardCensusData | null> {
    const board = await this.board(ward);
    if (!board) return null;
    const { identity } = await this.desk.context();
    const asOf = this.desk.now();
    return { ward: board.ward, device: identity.code, hospital: identity.hospital, timeZone: identity.timeZone, asOf: asOf.toISOString(), today: localDay(asOf, identity.timeZone), rows: censusRows(board.beds) };
  }

  async admission(id: string): Promise<{ admission: AdmissionRow; patient: PatientRow | undefined; visit: EmergencyVisitRow | undefined } | null> {
    const admission = await this.db.admissions.get(id);
    if (!arrived(admission)) return null;
    const [patient, visit] = await Promise.all([
      this.db.patients.get(admission.patient),
      admission.visit ? this.db.emergencyVisits.get(admission.visit) : undefined,
    ]);
    return { admission, patient, visit };
  }

  patient(id: string): Promise<PatientRow | undefined> {
    return this.db.patients.get(id);
  }

  visit(id: string): Promise<EmergencyVisitRow | undefined> {
    return this.db.emergencyVisits.get(id);
  }

  /** The patient's admission still open on this device, if any. */
  async currentAdmission(patient: string): Promise<AdmissionRow | undefined> {
    return (await this.db.admissions.where('patient').equals(patient).toArray()).find((a) => a.status === 'admitted');
  }

  /**
   * Of these patients, those admitted to two beds at once (admittedTwice). The index keys alone
   * say who has more than one admission at all (a readmission, as a rule); only their rows are read.
   */
  private async admittedTwice(patients: readonly string[]): Promise<Map<string, OtherBed[]>> {
    if (patients.length === 0) return new Map();
    const keys = await this.db.admissions.where('patient').anyOf(patients).keys();
    const seen = new Set<string>();
    const again = new Set<string>();
    for (const k of keys) {
      const p = String(k);
      if (seen.has(p)) again.add(p); else seen.add(p);
    }
    if (again.size === 0) return new Map();
    return admittedTwice(await this.db.admissions.where('patient').anyOf([...again]).toArray());
  }

  /** The ward's admitted patients' rows, opened together (sealedRows.ts). */
  private async admittedIn(ward: string): Promise<AdmissionRow[]> {
    return this.db.openRows<AdmissionRow>('admissions', await this.db.storedRows('admissions', this.placeOf(ward)));
  }

  private placeOf(ward: string) {
    return { index: 'place', key: this.desk.searchKey('place', placeKey(ward, 'admitted')) };
  }

  private async inBed(ward: string, bed: string): Promise<AdmissionRow[]> {
    return this.openInBed(await this.storedInBed(ward, bed), ward, bed);
  }

  /**
   * The stored rows that may be admitted to this bed: those under its `berth`, or the ward's
   * admitted ones while rows from before that key are kept (UNHASHED_BEDS). The bed's rows and
   * the mark are read at once (in the transaction in progress, if any); the ward's only then.
   */
  private async storedInBed(ward: string, bed: string): Promise<Array<Record<string, unknown>>> {
    const [inBerth, unhashed] = await Promise.all([
      this.db.storedRows('admissions', { index: 'berth', key: this.desk.searchKey('berth', berthKey(ward, bed)) }),
      this.db.projectionMeta.get(UNHASHED_BEDS),
    ]);
    return unhashed ? this.db.storedRows('admissions', this.placeOf(ward)) : inBerth;
  }

  private async openInBed(stored: ReadonlyArray<Record<string, unknown>>, ward: string, bed: string): Promise<AdmissionRow[]> {
    return (await this.db.openRows<AdmissionRow>('admissions', stored)).filter((a) => a.status === 'admitted' && a.ward === ward && a.bed === bed);
  }

  private async bedOf(ward: string, bed: string) {
    return bedIn(await this.db.wards.get(ward), ward, bed);
  }

  private async admitted(admission: string): Promise<AdmissionRow> {
    const row = await this.db.admissions.get(admission);
    if (!arrived(row)) throw new RuleError('admissionNotFound');
    if (row.status === 'enteredInError') throw new RuleError('admissionInError');
    if (row.status !== 'admitted') throw new RuleError('admissionClosed');
    return row;
  }

}

/** The bed of the ward's set-up, or the field error a form shows. */
function bedIn(def: WardRow | undefined, ward: string, bed: string) {
  if (!def) throw new ValidationError([{ path: 'ward', code: 'wardNotFound' }], { ward, bed }, 'bed');
  const found = def.beds.find((b) => b.label === bed);
  if (!found) throw new ValidationError([{ path: 'bed', code: 'bedNotFound' }], { ward, bed }, 'bed');
  return found;
}

/** An admission this device holds, not only another tablet's later events about it (`pending`). */
function arrived(row: AdmissionRow | undefined): row is AdmissionRow {
  return row !== undefined && row.status !== 'pending';
}
