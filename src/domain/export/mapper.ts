import type { AnyEvent } from '../events/envelope';
import type { PatientFields } from '../patients/fields';
import type { AnalyteCatalogue } from '../lab/results/analytes';
import { newestVersion, resolveAnalytes, type AnalyteVersionRow } from '../lab/results/analyteVersions';
import { DEFAULT_ANALYTES } from '../lab/results/defaultAnalytes';
import { flagEntries, type ResultEntry, type SheetPatient } from '../lab/results/sheet';
import { ageBand } from '../lab/results/values';
import { birthDay } from '../patients/age';
import { foldKey } from '../text';
import { tokenKey } from '../tokens/tokenNumber';
import { isAfter, type Heads } from './exportId';
import {
  diagnosticReportResource, emergencyEncounterResource, encounterResource, observationResource, patientResource, provenanceResource, ref,
  serviceRequestResource, specimenResource, type LogicalRef, type Resource, type SpecimenState, type TokenState, type RequestInfo, type EmergencyVisitState,
} from './resources';
import type { ExportSystems } from './systems';
import { reconciledPatient } from './reconciled';
import { reconcileChange, type ReconcileRow } from '../reconcile/state';
import { inpatientEncounterResource, type AdmissionState } from './inpatient';

/**
 * One resource as the export writes it. `create` when the record first appears in this export
 * (a conditional create on its identifier), otherwise an update of a record an earlier export or
 * an earlier batch already handed over.
 */
export interface Change {
  resourceType: string;
  /** The identifier the HIS finds the record by (conditional create and update). */
  identifier: { system: string; value: string };
  create: boolean;
  resource: Resource;
}

export interface ExportProblem {
  event: string;
  type: string;
  reason: string;
}

/**
 * What the mapper keeps between events, all keyed by our own IDs; nothing else of the store:
 * - per patient: the current fields (registration with corrections applied) as JSON text, about
 *   0.4 KB, and the sex and birth date a result's reference range needs, kept apart so a result
 *   never parses the fields;
 * - per OPD token: patient, department and times while it is open, about 0.3 KB; its key alone once closed;
 * - per specimen: its request, patient, container and moves, about 0.3 KB;
 * - per result entry not yet verified: its values (released ones are dropped);
 * - events that name a record not seen yet (replayed at the end, then reported).
 * - per patient an administrator reconciled: the decisions and undos (reconcile/state.ts), and
 *   the merges in force both ways (merged → kept, kept → merged), so a patient's resource finds
 *   the patients merged into it without walking every merge; they come out through
 *   reconciledPatient as identifiers.
 */
interface PatientState {
  /** As JSON text: a third of the heap of the object, and read back only for a correction or a Patient resource. */
  fields: string;
  day: string;
  /** What a result's reference range needs (sex, and the birth date for the age band), kept current by corrections. */
  sex: PatientFields['sex'];
  born: string;
}

const patientState = (fields: PatientFields, day: string): PatientState =>
  ({ fields: JSON.stringify(fields), day, sex: fields.sex, born: birthDay(fields.birth, day) });

interface PendingEntry { specimen: string; analyteVersion: string; values: ResultEntry[]; by: string; at: string }

type Lookup = 'patient' | 'specimen' | 'token' | 'entry' | 'visit' | 'analytes' | 'admission';

export class ExportMapper {
  private readonly patients = new Map<string, PatientState>();
  /** null once the visit is closed: later moves of a closed token change nothing. */
  private readonly tokens = new Map<string, TokenState | null>();
  private readonly specimens = new Map<string, SpecimenState>();
  /** Emergency visits, like tokens: null once disposed of. */
  private readonly visits = new Map<string, EmergencyVisitState | null>();
  /** In-patient admissions, like tokens: null once discharged. */
  private readonly admissions = new Map<string, AdmissionState | null>();
  /** Admissions entered in error (closed like a discharge): later events on them are reported as such. */
  private readonly inError = new Set<string>();
  /** Admissions ended by a discharge: an "entered in error" after it still wins, as on the tablets. */
  private readonly discharged = new Map<string, AdmissionState>();
  /** Each patient's open admission and open emergency visit: the encounter a lab order is made in. */
  private readonly openAdmissionOf = new Map<string, string>();
  private readonly openVisitOf = new Map<string, string>();
  /** Each ward's name as last set up (by time), for the locations' words. */
  private readonly wardNames = new Map<string, string>();
  private readonly pendingResults = new Map<string, PendingEntry>();
  /** Entry and amendment ids released per specimen: a verification releases only once. */
  private readonly released = new Map<string, string[]>();
  /** The reconciliation of each patient decided about, folded as the devices fold it. */
  private readonly reconciled = new Map<string, ReconcileRow>();
  /** Merges in force: merged patient → the one kept. */
  private readonly mergedTo = new Map<string, string>();
  /** The same merges the other way: kept patient → those merged straight into it. */
  private readonly mergedFrom = new Map<string, Set<string>>();
  /**
   * Published analyte versions (one test's analytes each, a few dozen at most) and the versions
   * resolved from them: a result's units, LOINC codes and ranges are those of its own version.
   */
  private readonly analyteRows = new Map<string, AnalyteVersionRow>();
  private readonly catalogues = new Map<string, AnalyteCatalogue>();
  /** The newest version seen so far: what a test ordered now is coded by. */
  private inForce: AnalyteCatalogue = DEFAULT_ANALYTES;
  private deferred: AnyEvent[] = [];
  readonly problems: ExportProblem[] = [];
  eventsRead = 0;

  constructor(private readonly s: ExportSystems, private readonly since: Heads | null = null) {}

  /** Map one event (in time order); answers the resources it changes, if the export covers it. */
  take(event: AnyEvent): Change[] {
    this.eventsRead += 1;
    const missing = this.missing(event);
    if (missing) {
      this.deferred.push(event);
      return [];
    }
    return this.apply(event);
  }

  /**
   * The end of the stream: events that named a record the stream had not reached yet (a clock
   * running behind on one tablet) are tried again; the rest are reported, never dropped.
   */
  finish(): Change[] {
    const out: Change[] = [];
    let left = this.deferred;
    this.deferred = [];
    for (let progress = true; progress && left.length > 0;) {
      progress = false;
      const still: AnyEvent[] = [];
      for (const e of left) {
        if (this.missing(e)) still.push(e);
        else { out.push(...this.apply(e)); progress = true; }
      }
      left = still;
    }
    for (const e of left) this.problem(e, this.missingReason(e));
    return out;
  }

  /** How many records the mapper holds, for the export report. */
  stateSize() {
    return {
      patients: this.patients.size, tokens: this.tokens.size, visits: this.visits.size, specimens: this.specimens.size,
      pendingResults: this.pendingResults.size, analyteVersions: this.analyteRows.size, deferred: this.deferred.length,
    };
  }

  private problem(e: AnyEvent, reason: string) {
    this.problems.push({ event: e._id, type: e.type, reason });
  }

  private need(e: AnyEvent): Array<[Lookup, string]> {
    switch (e.type) {
      case 'patient.corrected': return [['patient', e.data.patient]];
      case 'token.issued': return [['patient', e.data.patient]];
      case 'token.called': case 'token.skipped': case 'token.done': case 'token.cancelled':
        return [['token', tokenKey(e.data.day, e.data.token)]];
      case 'lab.requested': return [['patient', e.data.patient]];
      case 'emergency.arrived': return [['patient', e.data.patient]];
      case 'emergency.triaged': case 'emergency.disposed': return [['visit', e.data.visit]];
      case 'ward.admitted': return [['patient', e.data.patient]];
      case 'ward.transferred': case 'ward.discharged': case 'ward.enteredInError': return [['admission', e.data.admission]];
      case 'specimen.collected': case 'specimen.received': case 'specimen.reported':
        return e.data.specimens.map((sp) => ['specimen', sp] as [Lookup, string]);
      case 'specimen.rejected': return [['specimen', e.data.specimen]];
      // A result waits for its analyte version: never exported with another version's units.
      case 'result.entered': return [['specimen', e.data.specimen], ['analytes', e.data.analyteVersion]];
      // A verification or amendment from a tablet whose clock runs behind waits for its entry.
      case 'result.verified': return [['specimen', e.data.specimen], ['entry', `${e.data.specimen} ${e.data.version}`]];
      case 'result.amended': return [['specimen', e.data.specimen], ['entry', `${e.data.specimen} ${e.data.amends}`], ['analytes', e.data.analyteVersion]];
      case 'patient.linked': case 'patient.markedNew': case 'reconcile.undone': return [['patient', e.data.patient]];
      case 'patient.merged': return [['patient', e.data.kept], ['patient', e.data.merged]];
      default: return [];
    }
  }

  private has(kind: Lookup, id: string) {
    if (kind === 'entry') {
      const [specimen, entry] = id.split(' ') as [string, string];
      return this.pendingResults.get(entry)?.specimen === specimen || Boolean(this.released.get(specimen)?.includes(entry));
    }
    if (kind === 'visit') return this.visits.has(id);
    if (kind === 'admission') return this.admissions.has(id);
    if (kind === 'analytes') return this.catalogueOf(id) !== undefined;
    return kind === 'patient' ? this.patients.has(id) : kind === 'token' ? this.tokens.has(id) : this.specimens.has(id);
  }

  private missing(e: AnyEvent): boolean {
    return this.need(e).some(([k, id]) => !this.has(k, id));
  }

  private missingReason(e: AnyEvent): string {
    const [kind, id] = this.need(e).find(([k, i]) => !this.has(k, i))!;
    if (kind === 'entry') return `names result ${id.split(' ')[1]} of specimen ${id.split(' ')[0]}, which was never entered (or never released) in the store`;
    if (kind === 'analytes') return `entered with analyte version ${id}, which (or a version it is based on) never arrived in the store: not exported with another version's units and ranges`;
    const what = { patient: 'patient', token: 'OPD token', specimen: 'specimen', visit: 'emergency visit', admission: 'admission' }[kind];
    const whose = kind === 'specimen' ? ' (its lab request never arrived)' : kind === 'patient' ? ' (never registered in the store)'
      : kind === 'visit' ? ' (its arrival never arrived in the store)' : kind === 'admission' ? ' (never admitted in the store)' : ' (never issued in the store)';
    return `unknown ${what} ${id}${whose}`;
  }

  /** A version in full, once every version of its chain has been read; cached, as versions never change. */
  private catalogueOf(version: string): AnalyteCatalogue | undefined {
    const known = this.catalogues.get(version);
    if (known) return known;
    const resolved = resolveAnalytes(version, this.analyteRows);
    if (resolved) this.catalogues.set(version, resolved);
    return resolved;
  }

  private apply(e: AnyEvent): Change[] {
    const emit = isAfter(this.since, e.device, e.seq);
    const changes = this.changesOf(e, emit);
    if (!emit || changes.length === 0) return [];
    const targets: LogicalRef[] = changes.map((c) => ref(c.resourceType, c.identifier.system, c.identifier.value));
    const prov = provenanceResource(this.s, e, targets);
    return [...changes, { resourceType: 'Provenance', identifier: { system: `${this.s.device}:event`, value: e._id }, create: true, resource: prov }];
  }

  private change(resource: Resource, system: string, value: string, create: boolean): Change {
    return { resourceType: resource.resourceType, identifier: { system, value }, create, resource };
  }

  /** Updates state; builds the resources only when the event is exported (`emit`). */
  private changesOf(e: AnyEvent, emit: boolean): Change[] {
    const s = this.s;
    switch (e.type) {
      case 'patient.registered': {
        if (this.patients.has(e.data.patient)) {
          this.problem(e, `patient ${e.data.patient} registered twice: the first registration is kept`);
          return [];
        }
        this.patients.set(e.data.patient, patientState(e.data.fields, e.data.day));
        return emit ? [this.patientChange(e.data.patient, true, e.data.fields)] : [];
      }
      case 'patient.corrected': {
        const p = this.patients.get(e.data.patient)!;
        const fields = { ...(JSON.parse(p.fields) as PatientFields), ...e.data.changes } as PatientFields;
        this.patients.set(e.data.patient, patientState(fields, p.day));
        return emit ? [this.patientChange(e.data.patient, false, fields)] : [];
      }
      case 'patient.linked': case 'patient.markedNew': case 'patient.merged': case 'reconcile.undone':
        return this.reconcile(e, emit);
      case 'token.issued': {
        const key = tokenKey(e.data.day, e.data.token);
        const t: TokenState = {
          patient: e.data.patient, dept: e.data.dept, day: e.data.day, issuedAt: e.at, status: 'arrived',
          ...(e.data.doctor ? { doctor: e.data.doctor } : {}), ...(e.data.room ? { room: e.data.room } : {}),
        };
        this.tokens.set(key, t);
        return emit ? [this.change(encounterResource(s, key, t), s.token, key, true)] : [];
      }
      case 'token.called': case 'token.skipped': case 'token.done': case 'token.cancelled': {
        const key = tokenKey(e.data.day, e.data.token);
        const t = this.tokens.get(key);
        if (!t) return [];
        if (e.type === 'token.called') t.status = 'in-progress';
        else if (e.type === 'token.skipped') t.status = 'arrived';
        else {
          t.status = e.type === 'token.done' ? 'finished' : 'cancelled';
          t.endAt = e.at;
          this.tokens.set(key, null);
        }
        return emit ? [this.change(encounterResource(s, key, t), s.token, key, false)] : [];
      }
      case 'emergency.arrived': {
        const d = e.data;
        const v: EmergencyVisitState = {
          patient: d.patient, arrivedAt: e.at, arrival: d.arrival, status: 'arrived', mlc: Boolean(d.mlc),
          ...(d.complaint ? { complaint: d.complaint } : {}),
        };
        this.visits.set(d.visit, v);
        this.openVisitOf.set(d.patient, d.visit);
        return emit ? [this.change(emergencyEncounterResource(s, d.visit, v), s.emergencyVisit, d.visit, true)] : [];
      }
      case 'emergency.triaged': case 'emergency.disposed': {
        const v = this.visits.get(e.data.visit);
        if (!v) return [];
        if (e.type === 'emergency.triaged') {
          v.status = 'triaged';
          v.triage = e.data.category;
          if (e.data.area) v.area = e.data.area;
          if (e.data.complaint) v.complaint = e.data.complaint;
        } else {
          v.status = 'finished';
          v.disposition = e.data.disposition;
          v.endAt = e.at;
          this.visits.set(e.data.visit, null);
          if (this.openVisitOf.get(v.patient) === e.data.visit) this.openVisitOf.delete(v.patient);
        }
        return emit ? [this.change(emergencyEncounterResource(s, e.data.visit, v), s.emergencyVisit, e.data.visit, false)] : [];
      }
      case 'ward.defined':
        this.wardNames.set(e.data.ward, e.data.name);
        return [];
      case 'ward.admitted': {
        const d = e.data;
        if (this.admissions.has(d.admission)) {
          this.problem(e, `admission ${d.admission} recorded twice: the first is kept`);
          return [];
        }
        const a: AdmissionState = {
          patient: d.patient, admittedAt: e.at, places: [{ ward: d.ward, bed: d.bed, at: e.at }], source: d.source,
          dept: d.dept, consultant: d.consultant, diagnosis: d.diagnosis, mlc: Boolean(d.mlc), ...(d.visit ? { visit: d.visit } : {}),
        };
        this.admissions.set(d.admission, a);
        this.openAdmissionOf.set(d.patient, d.admission);
        return emit ? [this.admissionChange(d.admission, a, true)] : [];
      }
      case 'ward.transferred': case 'ward.discharged': case 'ward.enteredInError': {
        const d = e.data;
        const ended = e.type === 'ward.enteredInError' ? this.discharged.get(d.admission) : undefined;
        const a = this.admissions.get(d.admission) ?? ended;
        // As on the devices, the first discharge ends the admission: what comes after it is listed,
        // but an "entered in error" wins over a discharge whichever came first.
        if (!a) {
          const what = e.type === 'ward.discharged' ? 'the first discharge is kept' : 'a transfer after it is not exported';
          this.problem(e, this.inError.has(d.admission)
            ? `admission ${d.admission} was already entered in error: ${e.type === 'ward.enteredInError' ? 'the first is kept' : 'not exported'}`
            : `admission ${d.admission} was already discharged: ${what}`);
          return [];
        }
        if (ended) this.discharged.delete(d.admission);
        if (e.type !== 'ward.transferred' && this.openAdmissionOf.get(a.patient) === d.admission) this.openAdmissionOf.delete(a.patient);
        if (e.type === 'ward.transferred') a.places.push({ ...e.data.to, at: e.at });
        else if (e.type === 'ward.enteredInError') {
          a.enteredInErrorAt = e.at;
          a.errorReason = e.data.reason;
          this.admissions.set(d.admission, null);
          this.inError.add(d.admission);
        } else {
          a.outcome = e.data.outcome;
          a.dischargedAt = e.at;
          if (e.data.diedAt) a.diedAt = e.data.diedAt;
          this.admissions.set(d.admission, null);
          this.discharged.set(d.admission, a);
        }
        return emit ? [this.admissionChange(d.admission, a, false)] : [];
      }
      case 'lab.requested': {
        const d = e.data;
        const info: RequestInfo = {
          request: d.request, patient: d.patient, priority: d.priority, dept: d.dept, clinician: d.clinician, at: e.at,
          specimens: d.specimens.map((x) => x.specimen), ...(d.notes ? { notes: d.notes } : {}),
          ...this.orderedIn(d.patient), ...(d.location ? { location: d.location } : {}),
        };
        const out: Change[] = [];
        for (const x of d.specimens) {
          if (this.specimens.has(x.specimen)) {
            this.problem(e, `specimen ${x.specimen} was already requested: its first request is kept`);
            continue;
          }
          const sp: SpecimenState = { request: d.request, patient: d.patient, container: x.container, sample: x.sample, tests: x.tests, requestedAt: e.at };
          this.specimens.set(x.specimen, sp);
          if (emit) out.push(this.change(specimenResource(s, x.specimen, sp), s.specimen, x.specimen, true));
        }
        if (!emit) return [];
        return [...d.tests.map((t) => this.change(serviceRequestResource(s, info, t, 'active', this.inForce), s.labRequest, `${d.request}.${t}`, true)), ...out];
      }
      case 'specimen.collected': case 'specimen.received': case 'specimen.reported': {
        const out: Change[] = [];
        for (const id of e.data.specimens) {
          const sp = this.specimens.get(id)!;
          if (e.type === 'specimen.collected') { sp.collectedAt = e.data.collectedAt; sp.collectedBy = e.data.collectedBy; }
          else if (e.type === 'specimen.received') { sp.receivedAt = e.at; sp.receivedBy = e.by; }
          else { sp.reportedAt = e.at; continue; } // the report itself travels as DiagnosticReport
          if (emit) out.push(this.change(specimenResource(s, id, sp), s.specimen, id, false));
        }
        return out;
      }
      case 'specimen.rejected': {
        const sp = this.specimens.get(e.data.specimen)!;
        Object.assign(sp, { rejectedAt: e.at, rejectedBy: e.by, reason: e.data.reason, ...(e.data.note ? { note: e.data.note } : {}) });
        return emit ? [this.change(specimenResource(s, e.data.specimen, sp), s.specimen, e.data.specimen, false)] : [];
      }
      case 'analytes.updated': {
        // As on the devices: the first arrival of a version is the version; it never changes.
        if (!this.analyteRows.has(e.data.version)) {
          this.analyteRows.set(e.data.version, {
            version: e.data.version, basedOn: e.data.basedOn, device: e.device, test: e.data.test, analytes: e.data.analytes, publishedAt: e.at, publishedBy: e.by,
          });
        }
        const newest = newestVersion([...this.analyteRows.values()]);
        this.inForce = (newest && this.catalogueOf(newest.version)) ?? this.inForce;
        return [];
      }
      case 'result.entered': {
        const d = e.data;
        this.pendingResults.set(e._id, { specimen: d.specimen, analyteVersion: d.analyteVersion, values: d.values, by: e.by, at: e.at });
        return emit ? this.report(d.specimen, d.analyteVersion, d.values, 'preliminary', e.at, e.by) : [];
      }
      case 'result.verified': {
        const entry = this.pendingResults.get(e.data.version);
        if (!entry) {
          this.problem(e, `verifies ${e.data.version}, which specimen ${e.data.specimen}'s report already released`);
          return [];
        }
        if (foldKey(entry.by) === foldKey(e.by)) {
          this.problem(e, `verified by ${e.by}, who entered it: not released`);
          return [];
        }
        if (this.released.has(e.data.specimen)) {
          this.problem(e, `specimen ${e.data.specimen} already has a released report: amend it instead`);
          return [];
        }
        this.pendingResults.delete(e.data.version);
        this.released.set(e.data.specimen, [e.data.version]);
        return emit ? this.report(e.data.specimen, entry.analyteVersion, entry.values, 'final', e.at, entry.by, e.by) : [];
      }
      case 'result.amended': {
        this.released.get(e.data.specimen)!.push(e._id);
        return emit ? this.report(e.data.specimen, e.data.analyteVersion, e.data.values, 'amended', e.at, e.by, e.by) : [];
      }
      default:
        // Prints, queue displays, users, departments, drafts and call-outs change nothing the HIS holds.
        return [];
    }
  }

  /**
   * A decision or an undo: the Patient resources it changes, with their identifiers as the
   * reconciliation now has them (reconciled.ts): the patient merged away first, then the one it
   * is now part of, so a reader of the bundle in order never sees the kept patient claim a
   * patient still shown as active. A conflict is reported and exports no UHID until an
   * administrator undoes one side.
   */
  private reconcile(e: AnyEvent, emit: boolean): Change[] {
    const { patient, apply } = reconcileChange(e)!;
    const rootBefore = this.rootOf(patient);
    const row = apply(this.reconciled.get(patient));
    this.reconciled.set(patient, row);
    this.setMerge(patient, row.status === 'merged' && row.kept ? row.kept : undefined);
    if (row.status === 'conflict') this.problem(e, `patient ${patient}: administrators decided differently (${row.decisions.map((d) => `${d.kind} in ${d.id}`).join(', ')}); exported without a link until one is undone`);
    if (!emit) return [];
    const others = [...new Set([rootBefore, this.rootOf(patient)])].filter((id) => id !== patient);
    const order = this.mergedTo.has(patient) ? [patient, ...others] : [...others, patient];
    return order.map((id) => this.patientChange(id, false));
  }

  /** Records (or, with no `kept`, ends) the merge of `patient` in both maps. */
  private setMerge(patient: string, kept: string | undefined) {
    const before = this.mergedTo.get(patient);
    if (before === kept) return;
    if (before !== undefined) {
      const into = this.mergedFrom.get(before)!;
      into.delete(patient);
      if (into.size === 0) this.mergedFrom.delete(before);
    }
    if (kept === undefined) {
      this.mergedTo.delete(patient);
      return;
    }
    this.mergedTo.set(patient, kept);
    const into = this.mergedFrom.get(kept);
    if (into) into.add(patient); else this.mergedFrom.set(kept, new Set([patient]));
  }

  /**
   * Every patient whose records show under `id` (rootOf(x) = id): those merged into it, and into
   * them, found through the reverse map. None unless `id` is the end of its chain; a circle of
   * merges ends nowhere, so none of its patients is under another.
   */
  private mergedInto(id: string): string[] {
    if (this.mergedTo.has(id) || !this.mergedFrom.has(id)) return [];
    const out: string[] = [];
    const seen = new Set<string>([id]);
    const todo = [id];
    for (let at = todo.pop(); at !== undefined; at = todo.pop()) {
      for (const x of this.mergedFrom.get(at) ?? []) {
        if (seen.has(x)) continue;
        seen.add(x);
        out.push(x);
        todo.push(x);
      }
    }
    return out.sort();
  }

  /** The encounter a lab order for the patient is made in now: the open admission, else the open emergency visit (as the devices pick the location). */
  private orderedIn(patient: string): Pick<RequestInfo, 'encounter'> {
    const admission = this.openAdmissionOf.get(patient);
    if (admission) return { encounter: { system: this.s.admission, value: admission } };
    const visit = this.openVisitOf.get(patient);
    return visit ? { encounter: { system: this.s.emergencyVisit, value: visit } } : {};
  }

  /** Where a patient's records show: the end of its chain of merges (itself when none, or in a circle). */
  private rootOf(patient: string): string {
    const seen = new Set<string>([patient]);
    let at = patient;
    for (let next = this.mergedTo.get(at); next !== undefined; next = this.mergedTo.get(at)) {
      if (seen.has(next)) return patient;
      seen.add(next);
      at = next;
    }
    return at;
  }

  /** A patient's resource with the reconciliation's identifiers (reconciled.ts). */
  private patientChange(id: string, create: boolean, known?: PatientFields): Change {
    const p = this.patients.get(id)!;
    const fields = known ?? JSON.parse(p.fields) as PatientFields;
    const root = this.rootOf(id);
    const row = this.reconciled.get(id);
    const mergedIn = this.mergedInto(id);
    const resource = reconciledPatient(this.s, patientResource(this.s, id, fields, p.day), {
      uhid: row?.status === 'linked' ? row.uhid : undefined, mergedIn, replacedBy: root !== id ? root : undefined,
    });
    return this.change(resource, this.s.downtimeId, id, create);
  }

  private admissionChange(admission: string, a: AdmissionState, create: boolean): Change {
    const r = inpatientEncounterResource(this.s, admission, a, this.wardNames, a.visit !== undefined && this.visits.has(a.visit));
    return this.change(r, this.s.admission, admission, create);
  }

  /**
   * Observations per analyte and the report of a specimen, all with the report's status, read
   * with the analyte version the values were entered with (units, LOINC, the patient's range and
   * flag on the day of collection, as the device's report does).
   */
  private report(specimen: string, version: string, values: readonly ResultEntry[], status: 'preliminary' | 'final' | 'amended', at: string, by: string, verifiedBy?: string): Change[] {
    const s = this.s;
    const sp = this.specimens.get(specimen)!;
    const analytes = this.catalogueOf(version)!;
    // Only the first entry of a specimen is a create: a re-entry or a release updates it.
    const first = status === 'preliminary' && !sp.resultsEntered;
    sp.resultsEntered = true;
    const flagged = flagEntries(analytes, this.subject(sp), values);
    const obs = flagged.map((v) => {
      const r = observationResource(s, specimen, sp, v, status, at, by);
      return this.change(r, s.observation, `${specimen}.${v.test}.${v.analyte}`, first);
    });
    return [...obs, this.change(diagnosticReportResource(s, specimen, sp, values, status, at, by, analytes, verifiedBy), s.report, specimen, first)];
  }

  /** Sex and age band on the day of collection (or of the request), as the device reads ranges. */
  private subject(sp: SpecimenState): SheetPatient {
    const p = this.patients.get(sp.patient);
    if (!p) return { sex: 'U', band: 'adult' };
    const day = (sp.collectedAt ?? sp.requestedAt).slice(0, 10);
    return { sex: p.sex, band: ageBand(p.born, day) };
  }
}
