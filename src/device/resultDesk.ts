import { RuleError, ValidationError } from '../domain/errors';
import { validateData } from '../domain/events/envelope';
import type { ReportPaper } from '../domain/lab/paper';
import { catalogueVersionOf } from '../domain/lab/catalogue';
import { testAnalytes, type AnalyteCatalogue } from '../domain/lab/results/analytes';
import { editIssues, newestVersion, resolveAnalytes, type AnalyteVersionRow } from '../domain/lab/results/analyteVersions';
import type { ReleasedResults } from '../domain/lab/results/cumulative';
import { DEFAULT_ANALYTES } from '../domain/lab/results/defaultAnalytes';
import { changedAnalytes, missingCallOuts, resultState, type ResultState } from '../domain/lab/results/resultState';
import { buildSheet, criticalEntries, typedFrom, type ResultEntry, type Sheet, type SheetPatient } from '../domain/lab/results/sheet';
import { ageBand } from '../domain/lab/results/values';
import type { LabRequestRow, LabResultRow, SpecimenRow } from '../domain/projections/labRows';
import type { PatientRow } from '../domain/projections/rows';
import { foldKey } from '../domain/text';
import { toIssues } from '../domain/validation';
import type { Desk, SessionUser } from './desk';
import { LAB_ROLES } from './labDesk';

/** Who releases results: a second person, a pathologist. Entering is for every lab role. */
const VERIFY_ROLES: ReadonlySet<string> = new Set(['pathologist']);
const CLOCK_SLACK_MS = 2 * 60_000;

export interface ResultView {
  specimen: SpecimenRow;
  request: LabRequestRow | undefined;
  patient: PatientRow;
  /** Sex and age band on the day of collection: the ranges that apply. */
  subject: SheetPatient;
  /** The analyte version of what is stored (or the current one for a first entry). */
  analytes: AnalyteCatalogue;
  state: ResultState;
  row: LabResultRow | undefined;
  /** What the grid opens with: the draft, the entry waiting for verification, or the released values. */
  typed: Record<string, string>;
}

export interface CallOutInput {
  to: string;
  readBack: boolean;
  /** ISO instant; now when not given. */
  calledAt?: string | undefined;
}

/**
 * Result entry, call-outs, verification and amendment on a specimen (issue 18). Every write
 * checks the sheet and the rules again inside the append lock, after catching up: another tablet
 * may have entered or released the same specimen since the grid was drawn. Nothing is written
 * unless all of it is valid.
 */
export class ResultDesk {
  private readonly resolved = new Map<string, AnalyteCatalogue>();

  constructor(private readonly desk: Desk) {}

  private get db() {
    return this.desk.db;
  }

  /**
   * The analyte definitions of a version, as published: a report shows the ranges of the version
   * it was entered with, whatever was published since. Versions never change, so a resolved one
   * is kept for this desk's life.
   */
  async analyteCatalogue(version: string): Promise<AnalyteCatalogue | undefined> {
    if (version === DEFAULT_ANALYTES.version) return DEFAULT_ANALYTES;
    const known = this.resolved.get(version);
    if (known) return known;
    const rows = await this.db.analyteVersions.toArray();
    const found = resolveAnalytes(version, new Map(rows.map((r) => [r.version, r])));
    if (found) this.resolved.set(version, found);
    return found;
  }

  /** The version new results are entered with: the newest published, or the built-in one. */
  async currentAnalytes(): Promise<AnalyteCatalogue> {
    const newest = newestVersion(await this.db.analyteVersions.toArray());
    return (newest && await this.analyteCatalogue(newest.version)) ?? DEFAULT_ANALYTES;
  }

  /** Published analyte versions, newest first (the catalogue screen's history). */
  async analyteHistory(): Promise<AnalyteVersionRow[]> {
    return (await this.db.analyteVersions.toArray()).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.version.localeCompare(a.version));
  }

  /**
   * Publish an administrator's edit of one test's analytes as a new version based on the
   * current one. Results already entered keep their version; new entries use this one.
   * Everything is checked before anything is written: a bad range publishes nothing.
   */
  async publishAnalytes(actor: SessionUser, test: string, input: unknown): Promise<AnalyteCatalogue> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const parsed = testAnalytes.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `analytes.${i.path}` : 'analytes' })), input, 'analytes');
    const analytes = parsed.data;
    const check = (current: AnalyteCatalogue) => {
      const issues = editIssues(test, current.tests[test], analytes);
      if (issues.length) throw new ValidationError(issues, input, 'analytes');
    };
    check(await this.currentAnalytes()); // refuse before taking the lock, with the same message
    const { identity, projector } = await this.desk.context();
    let version = '';
    await projector.record('analytes.updated', async () => {
      const current = await this.currentAnalytes();
      check(current);
      const mine = await this.db.analyteVersions.where('device').equals(identity.code).count();
      version = catalogueVersionOf(identity.code, mine + 1);
      return { version, basedOn: current.version, test, analytes };
    }, actor.name);
    return (await this.analyteCatalogue(version))!;
  }

  async view(id: string): Promise<ResultView | undefined> {
    const specimen = await this.db.specimens.get(id);
    if (!specimen) return undefined;
    const [request, patient, row] = await Promise.all([
      this.db.labRequests.get(specimen.request), this.db.patients.get(specimen.patient), this.db.labResults.get(id),
    ]);
    if (!patient) throw new RuleError('patientNotFound');
    const state = resultState(row?.records ?? []);
    const shown = state.draft ?? state.pending ?? state.released;
    // A result is only ever shown with its own version's ranges: one entered on a tablet that
    // had a version this one has not pulled yet waits for it rather than borrowing another's.
    const analytes = shown ? await this.analyteCatalogue(shown.analyteVersion) : await this.currentAnalytes();
    if (!analytes) throw new RuleError('analyteVersionMissing', { version: shown!.analyteVersion });
    const day = (specimen.collectedAt ?? specimen.requestedAt).slice(0, 10);
    return {
      specimen, request, patient, subject: { sex: patient.sex, band: ageBand(patient.born, day) }, analytes, state, row,
      typed: shown ? typedFrom(analytes, shown.values) : {},
    };
  }

  /** The grid as typed: checks, flags and calculated values (pure; the screen calls it per keystroke). */
  sheet(view: ResultView, typed: Readonly<Record<string, string>>): Sheet {
    return buildSheet(view.analytes, view.specimen.tests, view.subject, typed);
  }

  /** Partial entry, to finish later here or on another lab tablet holding the events. */
  saveDraft(actor: SessionUser, specimen: string, typed: Readonly<Record<string, string>>): Promise<ResultView> {
    return this.write(actor, specimen, 'result.drafted', (view) => {
      this.openForEntry(view);
      const sheet = this.checked(view, typed);
      if (!sheet.entries.length) throw new ValidationError([{ path: '', code: 'noResults' }], typed, 'results');
      return { specimen, analyteVersion: view.analytes.version, values: sheet.entries };
    });
  }

  /** A complete entry, for a second person to verify. */
  enter(actor: SessionUser, specimen: string, typed: Readonly<Record<string, string>>): Promise<ResultView> {
    return this.write(actor, specimen, 'result.entered', (view) => {
      this.openForEntry(view);
      const sheet = this.checked(view, typed);
      const missing = sheet.lines.filter((l) => !l.calculated && !l.analyte.optional && l.value === undefined);
      if (missing.length) throw new ValidationError(missing.map((l) => ({ path: l.key, code: 'resultRequired' })), typed, 'results');
      return { specimen, analyteVersion: view.analytes.version, values: sheet.entries };
    });
  }

  /**
   * Record that the critical values were told to someone who read them back: those of the entry
   * waiting for verification, or, when amending, those of the values typed.
   */
  async callOut(actor: SessionUser, specimen: string, input: CallOutInput, typed?: Readonly<Record<string, string>>): Promise<ResultView> {
    const calledAt = input.calledAt ?? this.desk.now().toISOString();
    const at = Date.parse(calledAt);
    if (Number.isNaN(at)) throw new ValidationError([{ path: 'calledAt', code: 'timestamp' }], input, 'call-out');
    if (at > this.desk.now().getTime() + CLOCK_SLACK_MS) throw new ValidationError([{ path: 'calledAt', code: 'timeFuture' }], input, 'call-out');
    return this.write(actor, specimen, 'result.calledOut', (view) => {
      const entries = typed ? this.checked(view, typed).entries : view.state.pending?.values ?? [];
      const criticals = missingCallOuts(criticalEntries(view.analytes, view.subject, entries), view.state.callOuts);
      if (!criticals.length) throw new RuleError('resultNoCritical');
      const data = {
        specimen, values: criticals.map(({ test, analyte, value }) => ({ test, analyte, value })),
        to: input.to, readBack: input.readBack, calledAt: new Date(at).toISOString(),
      };
      validateData('result.calledOut', data); // who and read-back first: the questions to answer
      return data;
    });
  }

  /** Release the entry waiting for verification: a pathologist, never the one who entered it. */
  async verify(actor: SessionUser, specimen: string): Promise<ResultView> {
    if (!VERIFY_ROLES.has(actor.role)) throw new RuleError('resultVerifyRole');
    return this.write(actor, specimen, 'result.verified', (view) => {
      const pending = view.state.pending;
      if (!pending) throw new RuleError(view.state.released ? 'resultAlreadyReleased' : 'resultNothingToVerify');
      if (foldKey(pending.by) === foldKey(actor.name)) throw new RuleError('resultOwnEntry');
      this.requireCallOuts(view, pending.values);
      return { specimen, version: pending.id };
    });
  }

  /** Change a released result, with a reason: a new version; the earlier one stays in the history. */
  async amend(actor: SessionUser, specimen: string, typed: Readonly<Record<string, string>>, reason: string): Promise<ResultView> {
    if (!VERIFY_ROLES.has(actor.role)) throw new RuleError('resultVerifyRole');
    return this.write(actor, specimen, 'result.amended', (view) => {
      const released = view.state.released;
      if (!released) throw new RuleError('resultNotReleased');
      const sheet = this.checked(view, typed);
      if (!sheet.complete) throw new ValidationError(sheet.lines.filter((l) => !l.calculated && !l.analyte.optional && l.value === undefined).map((l) => ({ path: l.key, code: 'resultRequired' })), typed, 'results');
      if (!changedAnalytes(released.values, sheet.entries).length) throw new ValidationError([{ path: '', code: 'noChanges' }], typed, 'results');
      this.requireCallOuts(view, sheet.entries);
      const data = { specimen, analyteVersion: view.analytes.version, values: sheet.entries, amends: released.id, reason };
      validateData('result.amended', data);
      return data;
    });
  }

  /** The patient's other released results (for the cumulative view), from this device's rows. */
  async earlier(view: ResultView): Promise<ReleasedResults[]> {
    const requests = await this.db.labRequests.where('patient').equals(view.patient.patient).toArray();
    const ids = requests.flatMap((r) => r.specimens).filter((id) => id !== view.specimen.specimen);
    const [specimens, rows] = await Promise.all([this.db.specimens.bulkGet(ids), this.db.labResults.bulkGet(ids)]);
    const out: ReleasedResults[] = [];
    rows.forEach((row, i) => {
      const released = row ? resultState(row.records).released : undefined;
      if (released) out.push({ specimen: ids[i]!, at: specimens[i]?.collectedAt ?? released.at, values: released.values });
    });
    return out;
  }

  /** Record a report print before printing it; returns the copy number (2 and more is a reprint). */
  async recordReportPrint(actor: SessionUser, specimen: string, paper: ReportPaper): Promise<number> {
    if (!LAB_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const view = await this.view(specimen);
    if (!view) throw new RuleError('specimenNotFound', { specimen });
    if (!view.state.released) throw new RuleError('resultNotReleased');
    const { projector } = await this.desk.context();
    let copy = 0;
    await projector.record('lab.printed', async () => {
      copy = ((await this.db.specimens.get(specimen))?.reportPrints ?? 0) + 1;
      return { request: view.specimen.request, what: 'report', paper, copy, specimen };
    }, actor.name);
    return copy;
  }

  private openForEntry(view: ResultView) {
    const { specimen: s, state } = view;
    if (state.released) throw new RuleError('resultAlreadyReleased');
    if (s.status === 'rejected') throw new RuleError('specimenRejected', { specimen: s.specimen });
    if (s.status === 'requested' || s.status === 'collected') throw new RuleError('reportBeforeReceive', { specimen: s.specimen });
  }

  private checked(view: ResultView, typed: Readonly<Record<string, string>>): Sheet {
    const sheet = this.sheet(view, typed);
    if (sheet.issues.length) throw new ValidationError(sheet.issues, typed, 'results');
    return sheet;
  }

  private requireCallOuts(view: ResultView, entries: readonly ResultEntry[]) {
    const missing = missingCallOuts(criticalEntries(view.analytes, view.subject, entries), view.state.callOuts);
    if (missing.length) throw new RuleError('resultCallOutMissing', { analytes: missing.map((m) => `${m.analyte} ${m.value}`).join(', ') });
  }

  /**
   * Check, record, and hand back the view as the event left it. The view read for the early
   * refusal is read with the projection's checkpoint; inside the append lock, when the checkpoint
   * has not moved, no row has either, and the same view decides (one read instead of four).
   * The view returned is built from the rows projecting the event wrote, not read back.
   */
  private async write(actor: SessionUser, specimen: string, type: 'result.drafted' | 'result.entered' | 'result.calledOut' | 'result.verified' | 'result.amended',
    dataFor: (view: ResultView) => unknown): Promise<ResultView> {
    if (!LAB_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const { projector } = await this.desk.context();
    const found = (view: ResultView | undefined) => {
      if (!view) throw new RuleError('specimenNotFound', { specimen });
      return view;
    };
    const [seen, seenAt] = await this.db.transaction('r', this.db.tables, () => Promise.all([this.view(specimen), projector.checkpoint()]));
    dataFor(found(seen)); // refuse before taking the lock, with the same message
    let decided = seen!;
    const recorded = await projector.record(type, async () => {
      decided = (await projector.checkpoint()) === seenAt ? seen! : found(await this.view(specimen));
      return dataFor(decided);
    }, actor.name);
    // Projected through the feed (another tab wrote between): read the view as it now is.
    const row = recorded.rows?.get('labResults')?.get(specimen) as LabResultRow | undefined;
    if (!row) return found(await this.view(specimen));
    // The specimen row changes only when the event releases the report; else it is as decided.
    const specimenRow = recorded.rows?.get('specimens')?.get(specimen) as SpecimenRow | undefined;
    return this.viewWith(decided, specimenRow ?? decided.specimen, row);
  }

  /** A view with its specimen and results rows replaced: state, analyte version and grid follow. */
  private async viewWith(view: ResultView, specimen: SpecimenRow, row: LabResultRow): Promise<ResultView> {
    const state = resultState(row.records);
    const shown = state.draft ?? state.pending ?? state.released;
    const analytes = (shown && await this.analyteCatalogue(shown.analyteVersion)) ?? view.analytes;
    return { ...view, specimen, row, state, analytes, typed: shown ? typedFrom(analytes, shown.values) : {} };
  }
}
