import { canonicalJson } from '../domain/canonicalJson';
import type * as z from 'zod/mini';
import { locationOf } from '../domain/lab/orderingLocation';
import { RuleError, ValidationError, type Issue } from '../domain/errors';
import { validateData } from '../domain/events/envelope';
import { loadEventFamilies } from '../domain/events/families';
import { formatSpecimenId } from '../domain/ids/specimenId';
import { parseSpecimenScan } from '../domain/ids/specimenScan';
import { catalogueVersionOf, labTestList, type Catalogue } from '../domain/lab/catalogue';
import { DEFAULT_CATALOGUE } from '../domain/lab/defaultCatalogue';
import { groupSpecimens } from '../domain/lab/grouping';
import type { LabelPaper } from '../domain/lab/paper';
import { formatRequestId } from '../domain/lab/requestId';
import { requisitionInput, resolveTests } from '../domain/lab/requisition';
import { ACTION_EVENT, moveProblem, PENDING_STATUSES, type SpecimenAction, type SpecimenStatus } from '../domain/lab/status';
import { byAge, type WorklistFilters } from '../domain/lab/worklist';
import type { CatalogueRow, LabRequestRow, OpenItem, SpecimenRow } from '../domain/projections/labRows';
import type { PatientRow } from '../domain/projections/rows';
import { personName } from '../domain/text';
import { toIssues } from '../domain/validation';
import type { Desk, SessionUser } from './desk';

export type { WorklistFilters };

export interface WorklistRow extends SpecimenRow {
  patientName: string;
}

export interface Worklist {
  rows: WorklistRow[];
  /** More specimens match than were read: the list shows the oldest `limit`. */
  more: boolean;
}

export type SpecimenLookup =
  | { kind: 'empty' }
  | { kind: 'badId'; reason: 'idFormat' | 'idCheck' }
  | { kind: 'notFound'; id: string }
  | { kind: 'found'; specimen: SpecimenRow };

export interface RequestView {
  request: LabRequestRow;
  specimens: SpecimenRow[];
  patient: PatientRow | undefined;
  /** The catalogue version the request was made with; undefined if it has not reached this device yet. */
  catalogue: Catalogue | undefined;
}

export interface CollectDetails {
  collectedBy?: string | undefined;
  /** ISO instant; now when not given. */
  collectedAt?: string | undefined;
}

export const LAB_ROLES: ReadonlySet<string> = new Set(['lab', 'pathologist', 'admin']);
export const WORKLIST_PAGE = 100;
/** Open-work blocks read at a time (see openWork). */
const OPEN_BLOCKS_PAGE = 4;
/** A collection time a little ahead of this tablet's clock is a clock difference, more is a typo. */
const CLOCK_SLACK_MS = 2 * 60_000;

/** The lab technician's use-cases: requisitions, labels and slips, sample moves, the worklist. */
export class LabDesk {
  constructor(private readonly desk: Desk) {}

  private get db() {
    return this.desk.db;
  }

  /** The catalogue new requests are made with: the latest published version, or the built-in one. */
  async currentCatalogue(): Promise<Catalogue> {
    const rows = await this.db.catalogues.toArray();
    const latest = rows.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.version.localeCompare(a.version))[0];
    return latest ? { version: latest.version, tests: latest.tests } : DEFAULT_CATALOGUE;
  }

  async catalogue(version: string): Promise<Catalogue | undefined> {
    if (version === DEFAULT_CATALOGUE.version) return DEFAULT_CATALOGUE;
    const row = await this.db.catalogues.get(version);
    return row ? { version: row.version, tests: row.tests } : undefined;
  }

  async catalogueHistory(): Promise<CatalogueRow[]> {
    return (await this.db.catalogues.toArray()).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  }

  /**
   * Publish an edited catalogue as a new version. Requests already made keep theirs, so removing
   * or changing a test never changes what an old request shows.
   */
  async publishCatalogue(actor: SessionUser, input: unknown): Promise<Catalogue> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const parsed = labTestList.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `tests.${i.path}` : 'tests' })), input, 'catalogue');
    const tests = parsed.data;
    const { identity, projector } = await this.desk.context();
    let version = '';
    await projector.record('catalogue.updated', async () => {
      const current = await this.currentCatalogue();
      if (canonicalJson(current.tests) === canonicalJson(tests)) throw new ValidationError([{ path: '', code: 'noChanges' }], input, 'catalogue');
      const mine = await this.db.catalogues.where('device').equals(identity.code).count();
      version = catalogueVersionOf(identity.code, mine + 1);
      return { version, basedOn: current.version, tests };
    }, actor.name);
    return (await this.catalogue(version))!;
  }

  /** Check a requisition as the form sent it; throws with field paths, stores nothing. */
  async checkRequest(input: unknown) {
    const parsed = requisitionInput.safeParse(input);
    const issues: Issue[] = parsed.success ? [] : toIssues(parsed.error);
    const catalogue = await this.currentCatalogue();
    const departments = await this.desk.departments();
    if (parsed.success) {
      const resolved = resolveTests(parsed.data.tests, catalogue);
      if (!resolved.ok) issues.push({ path: 'tests', code: 'unknownTest', params: { codes: resolved.unknown.join(', ') } });
      if (!departments.some((d) => d.code === parsed.data.dept)) issues.push({ path: 'dept', code: 'departmentUnknown' });
      if (!issues.length && resolved.ok) return { input: parsed.data, catalogue, tests: resolved.tests };
    }
    throw new ValidationError(issues, input, 'lab request');
  }

  /**
   * Where a requisition for the patient comes from, to prefill its ordering location: the bed
   * of their open admission, else the area of their open emergency visit, else nothing (OPD).
   */
  async orderingLocation(patient: string): Promise<string> {
    const [admissions, visits] = await Promise.all([
      this.db.admissions.where('patient').equals(patient).toArray(),
      this.db.emergencyVisits.where('patient').equals(patient).toArray(),
    ]);
    return locationOf(admissions.find((a) => a.status === 'admitted'), visits.find((v) => v.status === 'open')) ?? '';
  }

  async request(actor: SessionUser, input: unknown): Promise<RequestView> {
    if (!LAB_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const { input: req, catalogue, tests } = await this.checkRequest(input);
    if (!(await this.db.patients.get(req.patient))) throw new RuleError('patientNotFound');
    const groups = groupSpecimens(tests);
    const { identity, projector } = await this.desk.context();
    let request = '';
    await projector.record('lab.requested', async () => {
      // Inside the append lock with every earlier event projected: no other tab can hand out
      // the same request or specimen numbers.
      const device = await this.db.devices.get(identity.code);
      const first = (device?.lastSpecimenNumber ?? 0) + 1;
      request = formatRequestId(identity.code, (device?.lastRequestNumber ?? 0) + 1);
      return {
        request, patient: req.patient, catalogueVersion: catalogue.version, tests: req.tests, priority: req.priority,
        dept: req.dept, clinician: req.clinician, notes: req.notes, location: req.location,
        specimens: groups.map((g, i) => ({ specimen: formatSpecimenId(identity.code, first + i), ...g })),
      };
    }, actor.name);
    return (await this.requestView(request))!;
  }

  async collect(actor: SessionUser, specimens: readonly string[], details: CollectDetails = {}): Promise<SpecimenRow[]> {
    const collectedBy = parseOr(personName(60), details.collectedBy?.trim() || actor.name, 'collectedBy');
    const collectedAt = details.collectedAt ?? this.desk.now().toISOString();
    const at = Date.parse(collectedAt);
    if (Number.isNaN(at)) throw new ValidationError([{ path: 'collectedAt', code: 'timestamp' }], details, 'collection');
    if (at > this.desk.now().getTime() + CLOCK_SLACK_MS) throw new ValidationError([{ path: 'collectedAt', code: 'timeFuture' }], details, 'collection');
    return this.move(actor, 'collect', specimens, (rows) => {
      const early = rows.find((s) => Date.parse(s.requestedAt) > at + CLOCK_SLACK_MS);
      if (early) throw new ValidationError([{ path: 'collectedAt', code: 'collectedBeforeRequest', params: { specimen: early.specimen } }], details, 'collection');
      return { specimens: rows.map((s) => s.specimen), collectedAt: new Date(at).toISOString(), collectedBy };
    });
  }

  receive(actor: SessionUser, specimens: readonly string[]): Promise<SpecimenRow[]> {
    return this.move(actor, 'receive', specimens, (rows) => ({ specimens: rows.map((s) => s.specimen) }));
  }

  report(actor: SessionUser, specimens: readonly string[], note?: string): Promise<SpecimenRow[]> {
    const clean = note?.trim() ? note : undefined;
    return this.move(actor, 'report', specimens, (rows) => ({ specimens: rows.map((s) => s.specimen), note: clean }));
  }

  async reject(actor: SessionUser, specimen: string, reason: unknown, note?: string): Promise<SpecimenRow> {
    const data = { specimen, reason: reason === '' ? undefined : reason, note: note?.trim() ? note : undefined };
    await loadEventFamilies(['specimen.rejected']);
    validateData('specimen.rejected', data); // the reason first: "why?" is the question to answer
    const [row] = await this.move(actor, 'reject', [specimen], () => data);
    return row!;
  }

  /**
   * Every move re-checks the specimens inside the append lock, after catching up: another tab
   * (or a pulled event) may have moved them since the screen was drawn.
   */
  private async move(actor: SessionUser, action: SpecimenAction, ids: readonly string[], dataFor: (rows: SpecimenRow[]) => unknown): Promise<SpecimenRow[]> {
    if (!LAB_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    if (ids.length === 0) throw new ValidationError([{ path: 'specimens', code: 'noSpecimens' }], ids, 'specimens');
    const unique = [...new Set(ids)];
    const check = async () => {
      const rows = await this.db.specimens.bulkGet(unique);
      rows.forEach((row, i) => {
        if (!row) throw new RuleError('specimenNotFound', { specimen: unique[i]! });
        const problem = moveProblem(row.status, action);
        if (problem) throw new RuleError(problem, { specimen: row.specimen });
      });
      return rows as SpecimenRow[];
    };
    dataFor(await check()); // refuse before taking the lock, with the same message
    const { projector } = await this.desk.context();
    await projector.record(ACTION_EVENT[action], async () => dataFor(await check()), actor.name);
    return (await this.db.specimens.bulkGet(unique)) as SpecimenRow[];
  }

  /** Record a label print before printing it; returns the copy number (2 and more is a reprint). */
  async recordLabelPrint(actor: SessionUser, specimen: string, paper: LabelPaper): Promise<number> {
    if (!LAB_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    const row = await this.db.specimens.get(specimen);
    if (!row) throw new RuleError('specimenNotFound', { specimen });
    const { projector } = await this.desk.context();
    let copy = 0;
    await projector.record('lab.printed', async () => {
      copy = ((await this.db.specimens.get(specimen))?.labelPrints ?? 0) + 1;
      return { request: row.request, what: 'labels', paper, copy, specimen };
    }, actor.name);
    return copy;
  }

  async recordSlipPrint(actor: SessionUser, request: string): Promise<number> {
    if (!LAB_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    if (!(await this.db.labRequests.get(request))) throw new RuleError('labRequestNotFound');
    const { projector } = await this.desk.context();
    let copy = 0;
    await projector.record('lab.printed', async () => {
      copy = ((await this.db.labRequests.get(request))?.slipPrints ?? 0) + 1;
      return { request, what: 'slip', paper: 'A5', copy };
    }, actor.name);
    return copy;
  }

  /**
   * Specimens by status (default: everything not yet reported or rejected), priority, ordering
   * department and container, oldest first. Open work comes from the open blocks (a few rows,
   * see OpenBlockRow); reported and rejected ones, which never move again, from the index led by
   * the most selective filter given, already in order.
   */
  async worklist(filters: WorklistFilters = {}, limit = WORKLIST_PAGE): Promise<Worklist> {
    const status = filters.status ?? 'pending';
    const open = status === 'pending' || status === 'toVerify' || (PENDING_STATUSES as readonly string[]).includes(status);
    const found = open ? await this.openWork(filters, limit + 1) : await this.oldest(status as SpecimenStatus, filters, limit + 1);
    const rows = found.slice(0, limit);
    const patients = await this.db.patients.bulkGet([...new Set(rows.map((r) => r.patient))]);
    const names = new Map(patients.filter((p): p is PatientRow => Boolean(p)).map((p) => [p.patient, p.name]));
    return { rows: rows.map((r) => ({ ...r, patientName: names.get(r.patient) ?? r.patient })), more: found.length > limit };
  }

  private async openWork(f: WorklistFilters, n: number): Promise<SpecimenRow[]> {
    const byStatus = (item: OpenItem) => (f.status === undefined || f.status === 'pending' ? true
      : f.status === 'toVerify' ? item.entered === true : openStatus(item) === f.status);
    const wanted = (item: OpenItem) => byStatus(item)
      && (!f.priority || item.priority === f.priority) && (!f.dept || item.dept === f.dept) && (!f.container || item.container === f.container);
    // Blocks come oldest first; once the n-th oldest match is older than the next block's oldest
    // item, no later block can change the page. Usually the first few blocks are enough.
    let matches: OpenItem[] = [];
    for (let offset = 0; ; offset += OPEN_BLOCKS_PAGE) {
      const blocks = await this.db.labOpen.orderBy('oldest').offset(offset).limit(OPEN_BLOCKS_PAGE).toArray();
      for (const block of blocks) for (const item of block.items) if (item && wanted(item)) matches.push(item);
      matches = matches.sort(byAge).slice(0, n);
      const after = blocks[blocks.length - 1]?.oldest;
      if (blocks.length < OPEN_BLOCKS_PAGE || (matches.length === n && matches[n - 1]!.requestedAt < after!)) break;
    }
    const oldest = matches.map((m) => m.specimen);
    return (await this.db.specimens.bulkGet(oldest)).filter((s): s is SpecimenRow => Boolean(s));
  }

  private oldest(status: SpecimenStatus, f: WorklistFilters, n: number): Promise<SpecimenRow[]> {
    const lead: [string, string, string | undefined] = f.priority ? ['[status+priority+requestedAt]', 'priority', f.priority]
      : f.container ? ['[status+container+requestedAt]', 'container', f.container]
        : f.dept ? ['[status+dept+requestedAt]', 'dept', f.dept]
          : ['[status+requestedAt]', '', undefined];
    const [index, field, value] = lead;
    const prefix = value === undefined ? [status] : [status, value];
    let rows = this.db.specimens.where(index).between([...prefix, ''], [...prefix, '\uffff']);
    const rest = (['priority', 'container', 'dept'] as const).filter((k) => k !== field && f[k] !== undefined);
    if (rest.length) rows = rows.filter((s) => rest.every((k) => s[k] === f[k]));
    return rows.limit(n).toArray();
  }

  /**
   * What a scanner or a person typed: a specimen, a mistyped ID (check character) or an unknown
   * one. A narrow label's barcode carries the compact form, which stands for the same specimen.
   */
  async lookup(text: string): Promise<SpecimenLookup> {
    if (!text.trim()) return { kind: 'empty' };
    const parsed = parseSpecimenScan(text);
    if (!parsed.ok) return { kind: 'badId', reason: parsed.reason };
    const specimen = await this.db.specimens.get(parsed.id);
    return specimen ? { kind: 'found', specimen } : { kind: 'notFound', id: parsed.id };
  }

  specimen(id: string): Promise<SpecimenRow | undefined> {
    return this.db.specimens.get(id);
  }

  async requestView(id: string): Promise<RequestView | undefined> {
    const request = await this.db.labRequests.get(id);
    if (!request) return undefined;
    const [specimens, patient, catalogue] = await Promise.all([
      this.db.specimens.bulkGet(request.specimens),
      this.db.patients.get(request.patient),
      this.catalogue(request.catalogueVersion),
    ]);
    return { request, specimens: specimens.filter((s): s is SpecimenRow => Boolean(s)), patient, catalogue };
  }

  async requestsOf(patient: string): Promise<LabRequestRow[]> {
    return (await this.db.labRequests.where('patient').equals(patient).toArray()).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }
}

function parseOr<S extends z.ZodMiniType>(schema: S, value: unknown, path: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(toIssues(r.error).map((i) => ({ ...i, path })), value, path);
  return r.data;
}

const openStatus = (item: OpenItem): SpecimenStatus => (item.received ? 'received' : item.collected ? 'collected' : 'requested');
