import { RuleError, ValidationError } from '../domain/errors';
import { HIS_INDEX_SETTING, type HisIndexRow, type HisIndexSummary } from '../domain/hisIndex/row';
import type { HisRecord } from '../domain/hisIndex/record';
import { rankCandidates, type Candidate } from '../domain/hisIndex/score';
import { stemOf } from '../domain/atRest';
import { asDowntime, duplicateCandidates } from '../domain/reconcile/duplicates';
import { uhid as uhidSchema } from '../domain/patients/fields';
import { nameSounds } from '../domain/patients/nameKeys';
import type { PatientRow } from '../domain/projections/rows';
import { mergeRoots, mergedUnder } from '../domain/reconcile/merges';
import { reconcileOutcome, type ReconcileDecision, type ReconcileRow, type ReconcileStatus } from '../domain/reconcile/state';
import { text } from '../domain/text';
import type { Desk, SessionUser } from './desk';
import { exportFromDevice, type DeviceExport } from './deviceExport';
import { pullsEverything } from '../sync/gateSettings';
import { parseExportId } from '../domain/export/exportId';

/**
 * The setting that remembers the last FHIR download from this device the HIS has taken (device
 * heads, not patient values): the next "changes since" starts after it.
 */
const LAST_DOWNLOAD = 'hisDownload';
/**
 * Downloads not yet confirmed as taken by the HIS, oldest first. A file can be lost, or refused by
 * the HIS: were a download the marker when made, the next "changes since" would skip what that
 * file held. Only the administrator's confirmation of one file moves the marker, to that file;
 * every older pending file is then dropped (the device's heads only grow, so an older file holds
 * nothing the confirmed one does not), and the newer ones stay to be confirmed.
 */
const PENDING_DOWNLOADS = 'hisDownloadPending';
/** Pending downloads remembered; older ones are dropped first (each newer one holds them). */
const PENDING_KEPT = 20;

export interface LastDownload {
  /** The export id it covered up to, e.g. `AD-40.K7-120`: the next "changes since" starts after it. */
  exportId: string;
  /** The file the screen saved it as, which the administrator names when confirming it. */
  file: string;
  at: string;
  by: string;
  /** The export id it started after, for a download of changes. */
  since?: string;
  /** Who confirmed that the HIS took the file, and when (absent on a download not yet confirmed, and on one recorded before confirmations). */
  confirmedAt?: string;
  confirmedBy?: string;
}

/** The name a download is saved under: what it holds and the export id it covers up to. */
export function downloadFile(what: 'everything' | 'changes', exportId: string): string {
  return `downtime-fhir-${what === 'changes' ? 'changes-' : ''}${exportId}.ndjson`;
}

/** Index rows opened per patient at most: the ones sharing most with it (a common name shares one word with thousands). */
export const CANDIDATE_ROWS = 60;
/** Candidates shown per patient (keys 1–3 pick them). */
export const CANDIDATES_SHOWN = 3;

export type ReviewFilter = 'unreviewed' | 'conflicting' | 'all';

export interface ReviewQuery { show: ReviewFilter; device?: string | undefined; day?: string | undefined }

/** Patients on one page of the workbench's list; the list grows by a page as the clerk moves past its end. */
export const REVIEW_PAGE = 50;
/** Patients read at a time along the registration index while a page fills. */
const REVIEW_CHUNK = 500;

/** Registration order, as the `[registeredAt+patient]` index keeps it (code-unit order of both). */
const byRegistration = (a: PatientRow, b: PatientRow) =>
  (a.registeredAt < b.registeredAt ? -1 : a.registeredAt > b.registeredAt ? 1 : a.patient < b.patient ? -1 : a.patient > b.patient ? 1 : 0);

export interface ReviewPage {
  items: ReviewItem[];
  /** More patients match after the last one. */
  more: boolean;
}

export interface ReviewItem {
  patient: PatientRow;
  row: ReconcileRow | undefined;
  /** The row's status, or `conflict` where merges run in a circle. */
  status: ReconcileStatus;
  /** A merged patient: whom it shows under at the end of a chain of merges. */
  under?: string | undefined;
  /** Patients merged into this one (directly or through others). */
  mergedIn: string[];
  /** Other patients linked to the same UHID: perhaps one person registered twice. */
  sameUhid: string[];
}

/** A candidate with the record it was scored against, to show beside the evidence. */
export interface ShownCandidate<R> extends Candidate {
  record: R;
}

export interface Candidates {
  /** The patient they are for: a screen never shows (or links) one patient's candidates beside another. */
  patient: string;
  candidates: ShownCandidate<HisRecord>[];
  /** The UHID typed at registration, and whether the HIS index has it (checked, not trusted). */
  typed?: { uhid: string; inIndex: boolean } | undefined;
  /** No index imported: nothing to compare with. */
  noIndex: boolean;
}

const reason = text(200);

function parseReason(input: unknown): string {
  const parsed = reason.safeParse(input);
  if (!parsed.success) throw new ValidationError([{ path: 'reason', code: parsed.error.issues[0]?.message ?? 'required' }], input, 'reconciliation');
  return parsed.data;
}


/**
 * The administrator's reconciliation with the HIS (issue 13, point 2): each downtime patient with
 * its best HIS candidates, and the decisions (link, new in HIS, merge, undo) as events. A patient
 * already decided is undone first: a second decision made here, knowing the first, is never a
 * silent replacement. Two administrators deciding offline cannot know; their decisions both stay
 * and the patient is listed as conflicting (reconcile/state.ts).
 */
export class ReconcileDesk {
  constructor(private readonly desk: Desk) {}

  private get db() {
    return this.desk.db;
  }

  private allow(actor: SessionUser) {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    if (!this.desk.isUnlocked) throw new RuleError('locked');
  }

  /** A decision is an event only the device that pulls everything may push (gateSettings.ts). */
  private async allowDecision(actor: SessionUser) {
    this.allow(actor);
    if (!(await this.decidesHere())) throw new RuleError('notReaderDevice');
  }

  /** Whether decisions can be made on this device: the administrator's device, after a pull. */
  decidesHere(): Promise<boolean> {
    return pullsEverything(this.db.settings);
  }

  private async index(): Promise<HisIndexSummary | null> {
    return ((await this.db.settings.get(HIS_INDEX_SETTING))?.value as HisIndexSummary | undefined) ?? null;
  }

  /**
   * The first `limit` patients to review in registration order (time, then downtime ID), with
   * their reconciliation so far, and whether more follow. Patients are read a chunk at a time
   * along the `[registeredAt+patient]` index, each chunk after the last one's key (keyset), until
   * the page is full: a refresh reads the patients shown, and those it skipped on the way, never
   * every patient. A day reads that day's patients; conflicts are found from the reconciliation
   * rows in conflict or merged (by the status index), so only their patients are read.
   */
  async reviewPage(filter: ReviewQuery, limit: number = REVIEW_PAGE): Promise<ReviewPage> {
    // "Conflicting" reads by the readable status index: the rows in conflict, and the merges (a
    // circle of merges is a conflict no single row shows; chains give "under" and "merged in").
    // Links and "new in HIS", most of the decided rows, are not read. A conflict row is never
    // `linked`, so the items are those a read of every row gives.
    const rows = filter.show === 'conflicting'
      ? await this.db.reconciliation.where('status').anyOf(['conflict', 'merged']).toArray()
      : await this.db.reconciliation.toArray();
    const byPatient = new Map(rows.map((r) => [r.patient, r]));
    const roots = mergeRoots(rows);
    const under = mergedUnder(roots);
    const linkedTo = new Map<string, string[]>();
    for (const r of rows) if (r.status === 'linked' && r.uhid) linkedTo.set(r.uhid, [...(linkedTo.get(r.uhid) ?? []), r.patient]);
    const item = (p: PatientRow): ReviewItem => {
      const row = byPatient.get(p.patient);
      const root = roots.get(p.patient);
      const status: ReconcileStatus = root && 'cycle' in root ? 'conflict' : row?.status ?? 'unreviewed';
      return {
        patient: p, row, status,
        under: root && 'root' in root ? root.root : undefined,
        mergedIn: under.get(p.patient) ?? [],
        sameUhid: row?.status === 'linked' && row.uhid ? (linkedTo.get(row.uhid) ?? []).filter((x) => x !== p.patient) : [],
      };
    };
    const wanted = (p: PatientRow): ReviewItem | null => {
      if (filter.device && p.device !== filter.device) return null;
      if (filter.day && p.registeredDay !== filter.day) return null;
      const i = item(p);
      return filter.show === 'all' || (filter.show === 'unreviewed' ? i.status === 'unreviewed' : i.status === 'conflict') ? i : null;
    };
    const bounded = (patients: PatientRow[]): ReviewPage => {
      const items = patients.sort(byRegistration).map(wanted).filter((i): i is ReviewItem => i !== null);
      return { items: items.slice(0, limit), more: items.length > limit };
    };
    if (filter.show === 'conflicting') {
      const ids = rows.filter((r) => r.status === 'conflict' || 'cycle' in (roots.get(r.patient) ?? {})).map((r) => r.patient);
      return bounded((await this.db.patients.bulkGet(ids)).filter((p): p is PatientRow => p !== undefined));
    }
    if (filter.day) return bounded(await this.db.patients.where('registeredDay').equals(filter.day).toArray());
    const items: ReviewItem[] = [];
    const chunk = Math.min(REVIEW_CHUNK, Math.max(limit + 1, REVIEW_PAGE));
    for (let after: [string, string] | null = null; items.length <= limit;) {
      const page: PatientRow[] = await (after
        ? this.db.patients.where('[registeredAt+patient]').above(after).limit(chunk).toArray()
        : this.db.patients.orderBy('[registeredAt+patient]').limit(chunk).toArray());
      for (const p of page) {
        const i = wanted(p);
        if (i) items.push(i);
      }
      if (page.length < chunk) break;
      const last = page[page.length - 1]!;
      after = [last.registeredAt, last.patient];
    }
    return { items: items.slice(0, limit), more: items.length > limit };
  }

  /**
   * The best HIS candidates for a patient, found through the index's keyed hashes: the UHID typed
   * at registration, the mobile and each word of the name as it sounds. Only the rows sharing the
   * most with the patient are opened and scored (score.ts).
   */
  async candidates(patient: PatientRow, limit = CANDIDATES_SHOWN): Promise<Candidates> {
    const current = await this.index();
    if (!current) return { patient: patient.patient, candidates: [], noIndex: true, typed: patient.uhid ? { uhid: patient.uhid, inIndex: false } : undefined };
    const hits = new Map<string, number>();
    const add = (ids: readonly unknown[], weight: number) => { for (const id of ids) hits.set(String(id), (hits.get(String(id)) ?? 0) + weight); };
    const keyed = (kind: 'uhid' | 'mobile' | 'sounds', value: string) =>
      this.db.hisIndex.where(kind).equals(this.desk.searchKey(kind, value)).primaryKeys();
    const typedIds = patient.uhid ? await keyed('uhid', patient.uhid) : [];
    add(typedIds, 10);
    if (patient.mobile) add(await keyed('mobile', patient.mobile), 3);
    if (!patient.unnamed) for (const sound of new Set(nameSounds(patient.name))) add(await keyed('sounds', sound), 1);
    const prefix = `${current.import}:`;
    const best = [...hits].filter(([id]) => id.startsWith(prefix))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CANDIDATE_ROWS).map(([id]) => id);
    const rows = (await this.db.hisIndex.bulkGet(best)).filter((r): r is HisIndexRow => r !== undefined);
    const byUhid = new Map(rows.map((r) => [r.uhid, r]));
    return {
      patient: patient.patient,
      candidates: rankCandidates(asDowntime(patient), rows, limit).map((c) => ({ ...c, record: byUhid.get(c.uhid)! })),
      typed: patient.uhid ? { uhid: patient.uhid, inIndex: typedIds.some((id) => String(id).startsWith(prefix)) } : undefined,
      noIndex: false,
    };
  }

  /**
   * Downtime patients likely to be this one (to merge): found by the desk's keyed name-prefix
   * index, the rows sharing most of the name's words opened and scored like HIS candidates.
   */
  async duplicates(patient: PatientRow, limit = CANDIDATES_SHOWN): Promise<ShownCandidate<PatientRow>[]> {
    if (patient.unnamed) return [];
    const hits = new Map<string, number>();
    for (const sound of new Set(nameSounds(patient.name))) {
      for (const id of await this.db.patients.where('stems').equals(this.desk.searchKey('stems', stemOf(sound))).primaryKeys()) hits.set(String(id), (hits.get(String(id)) ?? 0) + 1);
    }
    hits.delete(patient.patient);
    const best = [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CANDIDATE_ROWS).map(([id]) => id);
    const rows = (await this.db.patients.bulkGet(best)).filter((r): r is PatientRow => r !== undefined);
    const byId = new Map(rows.map((r) => [r.patient, r]));
    return duplicateCandidates(patient, rows, limit).map((c) => ({ ...c, record: byId.get(c.uhid)! }));
  }

  async hasIndex(): Promise<boolean> {
    return (await this.index()) !== null;
  }

  /** The devices whose patients this device holds, for the filter. */
  async devices(): Promise<string[]> {
    return (await this.db.devices.toCollection().primaryKeys()).map(String).sort();
  }

  /**
   * The FHIR export from this device, reconciliation included (deviceExport.ts): `everything`, or
   * the `changes` since the last download the HIS has taken (as the CLI's `--since`). The
   * download is remembered as pending: it becomes the marker only once `confirmTaken` says the
   * HIS took it. Once a download has been confirmed, "everything" is a copy that never moves the
   * marker: the HIS skips a record it already has when it is sent as new, so a link made since
   * would not reach it, and "changes" after such a file would skip that link.
   */
  async exportFhir(actor: SessionUser, what: 'everything' | 'changes' = 'everything'): Promise<DeviceExport> {
    this.allow(actor);
    const last = await this.lastDownload();
    if (what === 'changes' && !last) throw new RuleError('noEarlierDownload');
    const at = this.desk.now().toISOString();
    const out = await exportFromDevice(this.desk, actor, at, what === 'changes' ? parseExportId(last!.exportId) : null);
    if (what === 'everything' && last) return out;
    const record: LastDownload = { exportId: out.exportId, file: downloadFile(what, out.exportId), at, by: actor.name, ...(what === 'changes' ? { since: last!.exportId } : {}) };
    await this.db.transaction('rw', this.db.settings, async () => {
      // The same file made again holds the same events: it stays one entry, the newest.
      const pending = (await this.pendingDownloads()).filter((d) => d.file !== record.file);
      await this.db.settings.put({ key: PENDING_DOWNLOADS, value: [...pending, record].slice(-PENDING_KEPT) });
    });
    return out;
  }

  /**
   * The administrator says the HIS has taken the download saved as `file`: the next "changes
   * since" starts after it. A file not pending (unknown, already confirmed, or older than one
   * confirmed since) is refused, so the marker never moves to a file the HIS has not had.
   */
  async confirmTaken(actor: SessionUser, file: string): Promise<LastDownload> {
    this.allow(actor);
    return this.db.transaction('rw', this.db.settings, async () => {
      const pending = await this.pendingDownloads();
      const at = pending.findIndex((d) => d.file === file);
      if (at < 0) throw new RuleError('notPendingDownload');
      const taken: LastDownload = { ...pending[at]!, confirmedAt: this.desk.now().toISOString(), confirmedBy: actor.name };
      await this.db.settings.put({ key: LAST_DOWNLOAD, value: taken });
      await this.db.settings.put({ key: PENDING_DOWNLOADS, value: pending.slice(at + 1) });
      return taken;
    });
  }

  /** The last FHIR download from this device the HIS has taken: what it covered (an export id), when and by whom. */
  async lastDownload(): Promise<LastDownload | null> {
    return ((await this.db.settings.get(LAST_DOWNLOAD))?.value as LastDownload | undefined) ?? null;
  }

  /** Downloads not yet confirmed as taken by the HIS, oldest first. */
  async pendingDownloads(): Promise<LastDownload[]> {
    const value = (await this.db.settings.get(PENDING_DOWNLOADS))?.value;
    return Array.isArray(value) ? (value as LastDownload[]) : [];
  }

  /** Link the patient to a UHID of the HIS index in use. */
  async link(actor: SessionUser, patient: string, uhidInput: unknown, reasonInput: unknown): Promise<ReconcileRow> {
    await this.allowDecision(actor);
    const parsed = uhidSchema.safeParse(uhidInput);
    const why = parseReason(reasonInput);
    if (!parsed.success) throw new ValidationError([{ path: 'uhid', code: 'uhid' }], uhidInput, 'reconciliation');
    const uhid = parsed.data;
    const current = await this.index();
    const inIndex = current ? (await this.db.hisIndex.where('uhid').equals(this.desk.searchKey('uhid', uhid)).primaryKeys()).some((id) => String(id).startsWith(`${current.import}:`)) : false;
    if (!inIndex) throw new ValidationError([{ path: 'uhid', code: 'uhidNotInIndex' }], uhidInput, 'reconciliation');
    return this.decide(actor, 'patient.linked', patient, { patient, uhid, reason: why });
  }

  /** The HIS does not know the patient: to be created there. */
  async markNew(actor: SessionUser, patient: string, reasonInput: unknown): Promise<ReconcileRow> {
    await this.allowDecision(actor);
    return this.decide(actor, 'patient.markedNew', patient, { patient, reason: parseReason(reasonInput) });
  }

  /** `merged` is the same person as `kept`: it shows, and exports, under `kept`. */
  async merge(actor: SessionUser, kept: string, merged: string, reasonInput: unknown): Promise<ReconcileRow> {
    await this.allowDecision(actor);
    const why = parseReason(reasonInput);
    if (kept === merged) throw new RuleError('mergeItself');
    if (!(await this.db.patients.get(kept))) throw new RuleError('patientNotFound', { patient: kept });
    // Merging into a patient that is (through others) merged into this one would make a circle.
    const roots = mergeRoots(await this.db.reconciliation.toArray());
    const keptRoot = roots.get(kept);
    if (keptRoot && 'root' in keptRoot && keptRoot.root === merged) throw new RuleError('mergeCycle');
    return this.decide(actor, 'patient.merged', merged, { kept, merged, reason: why });
  }

  /** Take back one decision in force (a conflict is resolved by undoing all but one). */
  async undo(actor: SessionUser, patient: string, decision: string, reasonInput: unknown): Promise<ReconcileRow | undefined> {
    await this.allowDecision(actor);
    const why = parseReason(reasonInput);
    const { projector } = await this.desk.context();
    const recorded = await projector.record('reconcile.undone', async () => {
      const row = await this.db.reconciliation.get(patient);
      const active = row ? reconcileOutcome(row.decisions, row.undos).active : [];
      if (!active.some((d: ReconcileDecision) => d.id === decision)) throw new RuleError('nothingToUndo');
      return { undoes: decision, patient, reason: why };
    }, actor.name);
    return projector.rowAfter(recorded, 'reconciliation', patient);
  }

  private async decide(actor: SessionUser, type: 'patient.linked' | 'patient.markedNew' | 'patient.merged', patient: string, data: object): Promise<ReconcileRow> {
    const { projector } = await this.desk.context();
    // Checked inside the append lock, on rows caught up with the log: no decision over another.
    const recorded = await projector.record(type, async () => {
      if (!(await this.db.patients.get(patient))) throw new RuleError('patientNotFound', { patient });
      const row = await this.db.reconciliation.get(patient);
      if (row && row.status !== 'unreviewed') throw new RuleError('alreadyDecided');
      return data;
    }, actor.name);
    return (await projector.rowAfter(recorded, 'reconciliation', patient))!;
  }
}
