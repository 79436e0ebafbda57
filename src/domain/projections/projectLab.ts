import type { AnyEvent } from '../events/envelope';
import { parseSpecimenId } from '../ids/specimenId';
import { requestNumber } from '../lab/requestId';
import { statusOf } from '../lab/status';
import type { CatalogueRow, LabRequestRow, OpenBlockRow, OpenItem, SpecimenRow } from './labRows';
import type { AnalyteVersionRow } from '../lab/results/analyteVersions';
import type { DeviceRow, RowUpdate, TableName } from './rows';
import { projectResults } from './projectResults';
import { resultState, type ResultState } from '../lab/results/resultState';

const update = <T extends TableName>(u: RowUpdate<T>): RowUpdate => u as unknown as RowUpdate;

const onSpecimen = (specimen: string, fn: (s: SpecimenRow) => SpecimenRow) =>
  update({ table: 'specimens', key: specimen, update: (prev) => (prev ? withStatus(fn(prev)) : prev) });

const withStatus = (s: SpecimenRow): SpecimenRow => ({ ...s, status: statusOf(s) });

const specimenNumber = (id: string) => {
  const p = parseSpecimenId(id);
  return p.ok ? p.number : 0;
};

/** The earlier of two records of the same move wins, whatever order they were pulled in. */
const earlier = (prev: string | undefined, next: string) => prev === undefined || next < prev;

const OPEN_BLOCK = 1000;

/** The open-work block of a specimen (its device and the thousand its number falls in) and its slot there. */
const openSlotOf = (specimen: string) => {
  const p = parseSpecimenId(specimen);
  return p.ok
    ? { block: `${p.device}:${String(Math.floor(p.number / OPEN_BLOCK)).padStart(4, '0')}`, slot: p.number % OPEN_BLOCK }
    : { block: `?:${specimen}`, slot: 0 };
};

/** A block row holding these open items (each in its specimen's slot). */
export function openBlockRow(block: string, items: readonly OpenItem[]): OpenBlockRow {
  const slots = new Array<OpenItem | null>(OPEN_BLOCK).fill(null);
  for (const item of items) slots[openSlotOf(item.specimen).slot] = item;
  return { block, open: items.length, oldest: oldestOf(slots), items: slots };
}

/** Only closing the block's oldest item calls for a look through the block (a 3× slower projection if always). */
function oldestAfter(prev: OpenBlockRow | undefined, current: OpenItem | undefined, next: OpenItem | null, items: ReadonlyArray<OpenItem | null>): string {
  if (!prev) return next!.requestedAt;
  if (next) return next.requestedAt < prev.oldest ? next.requestedAt : prev.oldest;
  return current!.requestedAt === prev.oldest ? oldestOf(items) : prev.oldest;
}

function oldestOf(items: ReadonlyArray<OpenItem | null>): string {
  let oldest = '\uffff';
  for (const item of items) if (item && item.requestedAt < oldest) oldest = item.requestedAt;
  return oldest;
}

/**
 * Change one specimen's entry in its open block; `fn` returns the new entry, or null once the
 * specimen is closed. A block with nothing open left is removed. Moves of a specimen the block
 * does not hold (closed, or its request not seen yet) change nothing, as for the specimen rows.
 */
const onOpen = (specimen: string, fn: (item: OpenItem | undefined) => OpenItem | null | undefined) => {
  const { block, slot } = openSlotOf(specimen);
  return update({
    table: 'labOpen', key: block,
    update: (prev): OpenBlockRow | undefined => {
      const current = prev?.items[slot] ?? undefined;
      const next = fn(current);
      if (next === undefined || next === current) return prev;
      const items = prev ? prev.items.slice() : new Array<OpenItem | null>(OPEN_BLOCK).fill(null);
      items[slot] = next;
      const open = (prev?.open ?? 0) + (current ? 0 : 1) - (next ? 0 : 1);
      return open > 0 ? { block, open, oldest: oldestAfter(prev, current, next, items), items } : undefined;
    },
  });
};

/** Lab requests, specimens and catalogue versions (issue 4). Pure, like the other reducers. */
export function projectLab(event: AnyEvent): RowUpdate[] {
  switch (event.type) {
    case 'lab.requested': {
      const d = event.data;
      const own = (id: string) => (parseSpecimenId(id).ok && id.startsWith(`SP-${event.device}-`) ? specimenNumber(id) : 0);
      const req = requestNumber(d.request);
      const row: LabRequestRow = {
        request: d.request, patient: d.patient, device: event.device, number: req?.number ?? 0,
        catalogueVersion: d.catalogueVersion, tests: d.tests, priority: d.priority, dept: d.dept,
        clinician: d.clinician, notes: d.notes, location: d.location, specimens: d.specimens.map((s) => s.specimen),
        requestedAt: event.at, requestedBy: event.by, slipPrints: 0,
      };
      return [
        // The first request with an ID wins; a replayed or conflicting one changes nothing.
        update({ table: 'labRequests', key: d.request, update: (prev) => prev ?? row }),
        ...d.specimens.map((s) => update({
          table: 'specimens', key: s.specimen,
          update: (prev): SpecimenRow => prev ?? {
            specimen: s.specimen, request: d.request, patient: d.patient, device: event.device,
            number: specimenNumber(s.specimen),
            container: s.container, sample: s.sample, tests: s.tests, priority: d.priority, dept: d.dept,
            requestedAt: event.at, status: 'requested', labelPrints: 0,
          },
        })),
        // Specimen numbers are handed out once per device, so a specimen is in one request only.
        ...d.specimens.map((sp) => onOpen(sp.specimen, (item) => item ?? {
          specimen: sp.specimen, requestedAt: event.at, priority: d.priority, dept: d.dept, container: sp.container,
        })),
        update({
          table: 'devices', key: event.device,
          update: (prev): DeviceRow | undefined => prev && {
            ...prev,
            lastSpecimenNumber: Math.max(prev.lastSpecimenNumber ?? 0, ...d.specimens.map((s) => own(s.specimen))),
            lastRequestNumber: Math.max(prev.lastRequestNumber ?? 0, req?.device === event.device ? req.number : 0),
          },
        }),
      ];
    }
    case 'specimen.collected': {
      const { collectedAt, collectedBy } = event.data;
      return event.data.specimens.flatMap((id) => [
        onSpecimen(id, (s) => (earlier(s.collectedAt, collectedAt) ? { ...s, collectedAt, collectedBy } : s)),
        onOpen(id, (item) => item && { ...item, collected: true }),
      ]);
    }
    case 'specimen.received':
      return event.data.specimens.flatMap((id) => [
        onSpecimen(id, (s) => (earlier(s.receivedAt, event.at) ? { ...s, receivedAt: event.at, receivedBy: event.by } : s)),
        onOpen(id, (item) => item && { ...item, received: true }),
      ]);
    case 'specimen.reported': {
      const note = event.data.note;
      return event.data.specimens.flatMap((id) => reported(id, event.at, event.by, note));
    }
    case 'result.entered':
    case 'result.verified':
      return resultMoves(event.data.specimen, event);
    case 'specimen.rejected': {
      const { specimen, reason, note } = event.data;
      return [onSpecimen(specimen, (s) => (earlier(s.rejectedAt, event.at)
        ? { ...s, rejectedAt: event.at, rejectedBy: event.by, rejectReason: reason, ...(note ? { rejectNote: note } : {}) }
        : s)), onOpen(specimen, (item) => (item ? null : undefined))];
    }
    case 'lab.printed': {
      const { request, specimen, copy, what } = event.data;
      if (what === 'report' && specimen) return [onSpecimen(specimen, (s) => ({ ...s, reportPrints: Math.max(s.reportPrints ?? 0, copy) }))];
      if (specimen) return [onSpecimen(specimen, (s) => ({ ...s, labelPrints: Math.max(s.labelPrints, copy) }))];
      return [update({ table: 'labRequests', key: request, update: (prev) => prev && { ...prev, slipPrints: Math.max(prev.slipPrints, copy) } })];
    }
    case 'catalogue.updated': {
      const d = event.data;
      return [update({
        table: 'catalogues', key: d.version,
        update: (prev): CatalogueRow => prev ?? {
          version: d.version, basedOn: d.basedOn, device: event.device, tests: d.tests, publishedAt: event.at, publishedBy: event.by,
        },
      })];
    }
    case 'analytes.updated': {
      const d = event.data;
      // First arrival wins: a version is never changed once published.
      return [update({
        table: 'analyteVersions', key: d.version,
        update: (prev): AnalyteVersionRow => prev ?? {
          version: d.version, basedOn: d.basedOn, device: event.device, test: d.test, analytes: d.analytes, publishedAt: event.at, publishedBy: event.by,
        },
      })];
    }
    default:
      return projectResults(event);
  }
}

/**
 * An entry or a verification may release the report: the specimen is then reported and leaves open
 * work; an entry waiting for verification is marked for the pathologists' list. The results row
 * decides, as it does for the printed report: a verification it refuses (by the person who entered
 * the values, of an entry it does not know yet) releases nothing here either, whichever tablet it
 * came from, and the entry arriving later releases it then. The updates after the row's read the
 * state it left: the projector applies one event's updates in their order.
 */
function resultMoves(id: string, event: AnyEvent): RowUpdate[] {
  let state: ResultState | undefined;
  const rows = projectResults(event).map((u) => update({
    ...(u as RowUpdate<'labResults'>),
    update: (prev) => {
      const next = (u as RowUpdate<'labResults'>).update(prev);
      state = next && resultState(next.records);
      return next;
    },
  }));
  const first = () => state?.releases[0];
  return [
    ...rows,
    onSpecimen(id, (s) => {
      const r = first();
      return r?.verifiedAt && earlier(s.reportedAt, r.verifiedAt) ? { ...s, reportedAt: r.verifiedAt, reportedBy: r.verifiedBy ?? r.by } : s;
    }),
    onOpen(id, (item) => {
      if (!item) return undefined;
      if (first()) return null;
      return state?.status === 'entered' && !item.entered ? { ...item, entered: true } : item;
    }),
  ];
}

function reported(id: string, at: string, by: string, note?: string): RowUpdate[] {
  return [
    onSpecimen(id, (s) => (earlier(s.reportedAt, at) ? { ...s, reportedAt: at, reportedBy: by, ...(note ? { reportNote: note } : {}) } : s)),
    onOpen(id, (item) => (item ? null : undefined)),
  ];
}
