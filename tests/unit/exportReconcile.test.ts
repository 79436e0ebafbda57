import { describe, expect, it, vi } from 'vitest';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import { Batch, transactionBundle } from '../../src/domain/export/bundle';
import { csvChunk } from '../../src/domain/export/csv';
import { ExportMapper, type Change } from '../../src/domain/export/mapper';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { fhirErrors } from '../helpers/fhirSchema';

const A = formatDowntimeId('K7', 1);
const B = formatDowntimeId('M2', 1);
const FIELDS = { name: 'Ravi Kumar', sex: 'M', birth: { kind: 'age', years: 45, months: 0, days: 0 }, uhid: 'UH-000009' };

/** A device's chain, a minute apart from `minute0`. */
function chain(device: string, items: Array<[string, unknown]>, minute0: number) {
  let head: ChainHead | null = null;
  return items.map(([type, data], i) => {
    const e = buildEvent({ type: type as never, data, device, head, at: `2026-12-02T10:${String(minute0 + i).padStart(2, '0')}:00.000Z`, by: device === 'AD' ? 'Asha Verma' : 'Kavita Joshi' });
    head = { seq: e.seq, hash: e.hash };
    return e as AnyEvent;
  });
}

const k7 = chain('K7', [['patient.registered', { patient: A, fields: FIELDS, day: '2026-12-02' }]], 0);
const m2 = chain('M2', [
  ['patient.registered', { patient: B, fields: { ...FIELDS, uhid: undefined, mobile: '9811012345' }, day: '2026-12-02' }],
  ['token.issued', { token: 'MED-M2-001', patient: B, dept: 'MED', day: '2026-12-02', number: 1 }],
], 1);
const ad = chain('AD', [
  ['patient.linked', { patient: A, uhid: 'UH-100003', reason: 'Same name, age and mobile' }],
  ['patient.merged', { kept: A, merged: B, reason: 'Registered on two tablets' }],
  ['reconcile.undone', { undoes: 'ev:AD:0000000002', patient: B, reason: 'Brothers, not one man' }],
], 10);
/** A device's chain, a second apart from `start`: for chains longer than an hour of minutes. */
function timedChain(device: string, items: Array<[string, unknown]>, start: string) {
  let head: ChainHead | null = null;
  return items.map(([type, data], i) => {
    const e = buildEvent({ type: type as never, data, device, head, at: new Date(Date.parse(start) + i * 1000).toISOString(), by: 'Asha Verma' });
    head = { seq: e.seq, hash: e.hash };
    return e as AnyEvent;
  });
}
const byTime = (events: AnyEvent[]) => [...events].sort((x, y) => x.at.localeCompare(y.at));

function exportAll(events: readonly AnyEvent[], since: Record<string, number> | null = null) {
  const mapper = new ExportMapper(DEFAULT_SYSTEMS, since);
  const batch = new Batch();
  for (const e of events) batch.add(mapper.take(e));
  batch.add(mapper.finish());
  return { mapper, changes: batch.drain() };
}
const patient = (changes: Change[], id: string) => changes.find((c) => c.resourceType === 'Patient' && c.identifier.value === id)?.resource;
const ids = (r: Record<string, unknown> | undefined) => (r?.identifier as Array<{ use?: string; system: string; value: string }> | undefined)?.map((i) => `${i.use ?? ''} ${i.system.replace('urn:downtime-desk:', '')} ${i.value}`);

describe('export for the HIS: the reconciliation', () => {
  it('gives a linked patient its checked UHID, and merged patients as one Patient carrying both downtime IDs', () => {
    const { changes, mapper } = exportAll(byTime([...k7, ...m2, ...ad.slice(0, 2)]));
    expect(mapper.problems).toEqual([]);
    // The UHID typed at the desk was not the patient's: the linked one replaces it.
    expect(ids(patient(changes, A))).toEqual(['secondary downtime-id ' + A, 'old merged-downtime-id ' + B, 'official uhid UH-100003']);
    // The patient merged away is inactive, replaced by the one kept, and keeps its own downtime ID: an update
    // addressed to it (identifier=downtime-id|B) can only find it, never the patient kept.
    expect(patient(changes, B)).toMatchObject({ active: false, link: [{ type: 'replaced-by', other: { identifier: { value: A } } }] });
    expect(ids(patient(changes, B))).toEqual(['secondary downtime-id ' + B]);
    for (const c of changes) expect(fhirErrors(c.resource), `${c.resourceType} ${c.identifier.value}`).toEqual([]);
    const bundle = transactionBundle(changes, 'b0', '2026-12-02T11:00:00.000Z');
    expect(fhirErrors(bundle)).toEqual([]);
    // The back-entry CSV says the same: one row keeps both IDs and the UHID, the other names where it went.
    const rows = csvChunk('Patient', changes.filter((c) => c.resourceType === 'Patient'), DEFAULT_SYSTEMS, false).trimEnd().split('\r\n');
    expect(rows.map((r) => [r.split(',')[1], r.split(',')[2], ...r.split(',').slice(-2)])).toEqual([[B, '', '', A], [A, 'UH-100003', B, '']]);
    // New to the HIS, both are conditional creates: loaded twice, the kept one (carrying both IDs) is found for either.
    const requests = (bundle.entry as Array<{ resource: { resourceType: string }; request: { method: string; ifNoneExist?: string } }>).filter((x) => x.resource.resourceType === 'Patient').map((x) => x.request);
    expect(requests).toEqual([{ method: 'POST', url: 'Patient', ifNoneExist: expect.stringContaining(B) }, { method: 'POST', url: 'Patient', ifNoneExist: expect.stringContaining(A) }]);
  });

  it('exports with --since the links, merges and undos made after an earlier export, and only those', () => {
    const before = { K7: 1, M2: 2, AD: 0 };
    const { changes } = exportAll(byTime([...k7, ...m2, ...ad.slice(0, 1)]), before);
    expect(changes.map((c) => `${c.resourceType} ${c.create}`)).toEqual(['Patient false', 'Provenance true']);
    expect(ids(patient(changes, A))).toContain('official uhid UH-100003');

    // A merge after the export: the patient merged away, then the one kept (updates, in this order), each addressed by its own ID.
    const merged = exportAll(byTime([...k7, ...m2, ...ad.slice(0, 2)]), { ...before, AD: 1 }).changes;
    expect(merged.filter((c) => c.resourceType === 'Patient').map((c) => `${c.identifier.value} ${c.create}`)).toEqual([`${B} false`, `${A} false`]);
    const entries = transactionBundle(merged, 'b1', '2026-12-02T11:00:00.000Z').entry as Array<{ request: { method: string; url: string } }>;
    expect(entries.slice(0, 2).map((x) => x.request.method)).toEqual(['PUT', 'PUT']);
    expect(entries.slice(0, 2).map((x) => decodeURIComponent(x.request.url))).toEqual([`Patient?identifier=${DEFAULT_SYSTEMS.downtimeId}|${B}`, `Patient?identifier=${DEFAULT_SYSTEMS.downtimeId}|${A}`]);

    // The merge undone: the kept patient drops the merged ID first, then the other is itself again.
    const undone = exportAll(byTime([...k7, ...m2, ...ad]), { ...before, AD: 2 }).changes;
    expect(undone.filter((c) => c.resourceType === 'Patient').map((c) => c.identifier.value)).toEqual([A, B]);
    expect(ids(patient(undone, A))).toEqual(['secondary downtime-id ' + A, 'official uhid UH-100003']);
    expect(patient(undone, B)).toMatchObject({ active: true, identifier: [{ value: B }] });
    expect(patient(undone, B)!.link).toBeUndefined();
  });

  it('reports two administrators\' different links as a problem and exports neither UHID until one is undone', () => {
    const other = chain('A2', [['patient.linked', { patient: A, uhid: 'UH-100004', reason: 'Same mobile' }]], 20);
    const { changes, mapper } = exportAll(byTime([...k7, ...ad.slice(0, 1), ...other]));
    expect(mapper.problems).toEqual([expect.objectContaining({ event: other[0]!._id, reason: expect.stringMatching(/decided differently \(linked in ev:AD:\d+, linked in ev:A2:\d+\)/) })]);
    // The report is printed and kept as a file: it names downtime IDs, never the HIS's UHIDs.
    expect(JSON.stringify(mapper.problems)).not.toMatch(/UH-10000[34]/);
    expect(ids(patient(changes, A))).toEqual(['secondary downtime-id ' + A, 'usual uhid UH-000009']);
  });

  it('waits for a decision about a patient whose registration comes later (a clock behind), and reports one never registered', () => {
    const early = chain('AD', [['patient.linked', { patient: A, uhid: 'UH-100003', reason: 'x' }]], 0).map((e) => ({ ...e, at: '2026-12-02T09:00:00.000Z' }) as AnyEvent);
    expect(ids(patient(exportAll([...early, ...k7]).changes, A))).toContain('official uhid UH-100003');
    const { mapper } = exportAll(early);
    expect(mapper.problems).toEqual([expect.objectContaining({ type: 'patient.linked', reason: expect.stringMatching(/unknown patient/) })]);
  });

  it('finds the patients merged into one from the merges kept both ways: a change walks no other merge, and undos and re-merges keep both ways true', () => {
    const P = Array.from({ length: 400 }, (_, i) => formatDowntimeId('K7', i + 1));
    const registered = timedChain('K7', P.map((patient) => ['patient.registered', { patient, fields: { ...FIELDS, uhid: undefined }, day: '2026-12-02' }]), '2026-12-02T09:00:00.000Z');
    // P1 ← P2 ← P3 (a chain), and 198 unrelated pairs merged elsewhere.
    const ad1 = timedChain('AD', [
      ['patient.merged', { kept: P[0], merged: P[1], reason: 'One man' }],
      ['patient.merged', { kept: P[1], merged: P[2], reason: 'One man' }],
      ...Array.from({ length: 198 }, (_, i): [string, unknown] => ['patient.merged', { kept: P[4 + 2 * i], merged: P[5 + 2 * i], reason: 'One person' }]),
    ], '2026-12-02T10:00:00.000Z');
    const mapper = new ExportMapper(DEFAULT_SYSTEMS);
    for (const e of [...registered, ...ad1]) mapper.take(e);
    const correct = (patient: string, minute: number, name: string) => chain(`C${minute}`, [['patient.corrected', { patient, changes: { name }, reason: 'Spelling' }]], minute)[0]!;
    const keys = vi.spyOn(Map.prototype, 'keys');
    let changes: Change[];
    try {
      changes = mapper.take(correct(P[0]!, 50, 'Ravi Kumar Sharma'));
      expect(keys).not.toHaveBeenCalled();
    } finally {
      keys.mockRestore();
    }
    expect(ids(patient(changes, P[0]!))).toEqual(['secondary downtime-id ' + P[0], 'old merged-downtime-id ' + P[1], 'old merged-downtime-id ' + P[2]]);
    // Another administrator's device undoes P3's merge and merges it into P5 instead: P1 keeps P2 alone, P5 has P6 and P3.
    for (const e of chain('AE', [
      ['reconcile.undone', { undoes: ad1[1]!._id, patient: P[2], reason: 'Not the same man' }],
      ['patient.merged', { kept: P[4], merged: P[2], reason: 'The same man' }],
    ], 40)) mapper.take(e);
    const after = [...mapper.take(correct(P[0]!, 51, 'Ravi K Sharma')), ...mapper.take(correct(P[4]!, 52, 'Ravi Kumar'))];
    expect(ids(patient(after, P[0]!))).toEqual(['secondary downtime-id ' + P[0], 'old merged-downtime-id ' + P[1]]);
    expect(ids(patient(after, P[4]!))).toEqual(['secondary downtime-id ' + P[4], 'old merged-downtime-id ' + P[2], 'old merged-downtime-id ' + P[5]]);
    expect(mapper.problems).toEqual([]);
  });
});
