import { describe, expect, it } from 'vitest';
import { buildEvent, type AnyEvent } from '../../src/domain/events/envelope';
import { Batch, transactionBundle } from '../../src/domain/export/bundle';
import { ExportMapper, type Change } from '../../src/domain/export/mapper';
import { DEFAULT_SYSTEMS, systemsFrom } from '../../src/domain/export/systems';
import { formatExportId, parseExportId } from '../../src/domain/export/exportId';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { allSyntheticEvents } from '../helpers/synthetic/events';
import { fhirErrors } from '../helpers/fhirSchema';

const data = allSyntheticEvents({ seed: 13, patients: 150, desks: ['K7', 'K8'], lab: 'L1' });

/** Map events as the CLI does: in batches, one record per batch. */
function exportAll(events: readonly AnyEvent[], since: Record<string, number> | null = null, batchEvents = 200) {
  const mapper = new ExportMapper(DEFAULT_SYSTEMS, since);
  const batches: Change[][] = [];
  const batch = new Batch();
  events.forEach((e, i) => {
    batch.add(mapper.take(e));
    if ((i + 1) % batchEvents === 0) batches.push(batch.drain());
  });
  batch.add(mapper.finish());
  batches.push(batch.drain());
  return { mapper, batches: batches.filter((b) => b.length > 0) };
}

const created = (batches: Change[][], type: string) => batches.flat().filter((c) => c.resourceType === type && c.create).length;

describe('export for the HIS: FHIR R4', () => {
  const { mapper, batches } = exportAll(data.events);
  const bundles = batches.map((b, i) => transactionBundle(b, `b${i}`, '2026-11-26T10:00:00.000Z'));

  it('writes every resource and every transaction bundle valid against the official R4 JSON Schema', () => {
    const resources = batches.flat().map((c) => c.resource);
    expect(new Set(resources.map((r) => r.resourceType))).toEqual(new Set(['Patient', 'Encounter', 'ServiceRequest', 'Specimen', 'Observation', 'DiagnosticReport', 'Provenance']));
    const invalid = resources.map((r) => ({ r: `${r.resourceType}/${r.id}`, errors: fhirErrors(r) })).filter((x) => x.errors.length > 0);
    expect(invalid.slice(0, 3)).toEqual([]);
    for (const b of bundles) expect(fhirErrors(b)).toEqual([]);
  });

  it('the schema check itself refuses a broken resource', () => {
    expect(fhirErrors({ resourceType: 'Patient', gender: 'man' }).length).toBeGreaterThan(0);
    expect(fhirErrors({ resourceType: 'Specimen', receivedTime: 'yesterday' }).length).toBeGreaterThan(0);
  });

  it('creates exactly the records the tablets made, and reports no problem', () => {
    const c = data.counts;
    expect(mapper.problems).toEqual([]);
    expect(created(batches, 'Patient')).toBe(c.patients);
    expect(created(batches, 'Encounter')).toBe(c.tokens);
    expect(created(batches, 'ServiceRequest')).toBe(c.orderedTests);
    expect(created(batches, 'Specimen')).toBe(c.specimens);
    expect(created(batches, 'DiagnosticReport')).toBe(c.reports);
    expect(created(batches, 'Observation')).toBe(c.observations);
  });

  it('uses conditional creates on identifiers, so a second import creates nothing', () => {
    for (const b of bundles) {
      for (const entry of b.entry as Array<{ resource: { resourceType: string }; request: { method: string; url: string; ifNoneExist?: string } }>) {
        if (entry.resource.resourceType === 'Provenance') expect(entry.request).toEqual({ method: 'PUT', url: expect.stringMatching(/^Provenance\/ev-/) });
        else if (entry.request.method === 'POST') expect(entry.request.ifNoneExist).toMatch(/^identifier=urn%3Adowntime-desk%3A[a-z-]+\|/);
        else expect(entry.request).toEqual({ method: 'PUT', url: expect.stringMatching(/^[A-Za-z]+\?identifier=/) });
      }
    }
    // The same events give the same bundles, byte for byte: nothing random (fullUrls included).
    const again = exportAll(data.events).batches.map((b, i) => transactionBundle(b, `b${i}`, '2026-11-26T10:00:00.000Z'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundles));
  });

  it('maps a registration with UHID and ABHA to one Patient with the ABDM system for ABHA', () => {
    const reg = data.events.find((e) => e.type === 'patient.registered' && e.data.fields.abha && e.data.fields.uhid)
      ?? data.events.find((e) => e.type === 'patient.registered' && e.data.fields.abha)!;
    const patient = batches.flat().find((c) => c.resourceType === 'Patient' && c.identifier.value === (reg.data as { patient: string }).patient)!.resource;
    expect(patient.identifier).toEqual(expect.arrayContaining([
      expect.objectContaining({ system: 'urn:downtime-desk:downtime-id', value: (reg.data as { patient: string }).patient }),
      expect.objectContaining({ system: 'https://healthid.ndhm.gov.in', value: expect.stringMatching(/^\d{2}-\d{4}-\d{4}-\d{4}$/) }),
    ]));
  });

  it('exports an unknown emergency patient under the alias as an anonymous name, and the visit as an emergency encounter', () => {
    const at = (m: number) => `2026-11-26T03:${String(10 + m).padStart(2, '0')}:00.000Z`;
    const steps = [
      { type: 'patient.registered', data: {
        patient: formatDowntimeId('E1', 1), day: '2026-11-26',
        fields: { alias: 'UNKNOWN MALE E1-0001', sex: 'U', birth: { kind: 'age', years: 40, months: 0, days: 0, estimated: true } },
      } },
      { type: 'emergency.arrived', data: { visit: 'ER-E1-000001', patient: formatDowntimeId('E1', 1), arrival: 'police', broughtBy: 'Constable Meena', mlc: { station: 'Hauz Khas', entry: 'DD 14A' } } },
      { type: 'emergency.triaged', data: { visit: 'ER-E1-000001', category: 'red', complaint: 'Head injury', area: 'Resus 2' } },
      { type: 'emergency.disposed', data: { visit: 'ER-E1-000001', disposition: 'admitted' } },
    ];
    const events: AnyEvent[] = [];
    steps.forEach((step, i) => {
      const prev = events[i - 1];
      events.push(buildEvent({ ...step, device: 'E1', head: prev ? { seq: prev.seq, hash: prev.hash } : null, at: at(i), by: 'clerk-asha' } as never) as AnyEvent);
    });
    const { mapper: m, batches: out } = exportAll(events, null, 1);
    expect(m.problems).toEqual([]);
    const changes = out.flat();
    const patient = changes.find((c) => c.resourceType === 'Patient')?.resource;
    expect(patient).toMatchObject({ name: [{ use: 'anonymous', text: 'UNKNOWN MALE E1-0001' }], gender: 'unknown' });
    expect(patient).not.toHaveProperty('address');
    expect(patient).not.toHaveProperty('contact');
    const visit = changes.filter((c) => c.resourceType === 'Encounter' && c.identifier.value === 'ER-E1-000001');
    expect(visit.map((c) => c.create)).toEqual([true, false, false]);
    expect(visit.at(-1)?.resource).toMatchObject({
      status: 'finished', class: { code: 'EMER' }, type: [{ text: 'Medico-legal case' }], priority: { text: 'Triage red' },
      period: { start: at(1), end: at(3) }, hospitalization: { admitSource: { text: 'police' }, dischargeDisposition: { text: 'admitted' } },
    });
    // The police details are not handed over.
    expect(JSON.stringify(changes)).not.toMatch(/Meena|DD 14A|Hauz Khas/);
    for (const c of changes) expect(fhirErrors(c.resource)).toEqual([]);
  });

  it('gives an age told at the desk as a partial birth date: the year, the month for a baby', () => {
    const reg = data.events.find((e) => e.type === 'patient.registered')!;
    if (reg.type !== 'patient.registered') throw new Error('registration expected');
    const birthOf = (birth: unknown) => {
      const e = buildEvent({ type: 'patient.registered', data: { ...reg.data, day: '2026-11-25', fields: { ...reg.data.fields, birth } }, device: 'K7', head: null, at: reg.at, by: reg.by });
      return new ExportMapper(DEFAULT_SYSTEMS).take(e).find((c) => c.resourceType === 'Patient')!.resource.birthDate;
    };
    expect(birthOf({ kind: 'age', years: 45, months: 0, days: 0 })).toBe('1981');
    expect(birthOf({ kind: 'age', years: 0, months: 6, days: 10 })).toBe('2026-05');
    expect(birthOf({ kind: 'dob', dob: '1990-02-14' })).toBe('1990-02-14');
  });

  it('gives a released report its status: final when verified, amended after an amendment, preliminary before', () => {
    const reports = batches.flat().filter((c) => c.resourceType === 'DiagnosticReport').map((c) => c.resource);
    const last = new Map(reports.map((r) => [r.id, r.status]));
    expect([...last.values()].filter((s) => s === 'amended').length).toBe(data.counts.amended);
    expect([...last.values()].filter((s) => s === 'final').length).toBe(data.counts.reports - data.counts.amended);
    const { batches: one } = exportAll(data.events, null, 1);
    expect(one.flat().some((c) => c.resourceType === 'DiagnosticReport' && c.resource.status === 'preliminary')).toBe(true);
  });

  it('a bundle refers to a record in the same bundle by its urn:uuid, to an earlier one by identifier', () => {
    const b = bundles[1]!;
    const refs = JSON.stringify(b).match(/"reference":"[^"]+"/g) ?? [];
    expect(refs.some((r) => r.includes('urn:uuid:'))).toBe(true);
    expect(refs.every((r) => /urn:uuid:|[A-Za-z]+\?identifier=/.test(r))).toBe(true);
  });
});

describe('export for the HIS: bad and partial records', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 25, 5, m)).toISOString();
  const orphan = formatSpecimenId('L9', 77);

  it('lists a specimen whose request never arrived and a correction for an unknown patient, with the reason', () => {
    const reg = data.events.find((e) => e.type === 'patient.registered')!;
    const unknownPatient = data.events.filter((e) => e.type === 'patient.registered')[1]!;
    const bad = [
      buildEvent({ type: 'specimen.received', data: { specimens: [orphan] }, device: 'L9', head: null, at: at(2), by: 'Tech' }),
      buildEvent({ type: 'patient.corrected', data: { patient: (unknownPatient.data as { patient: string }).patient, changes: { mobile: '9810012345' } }, device: 'K9', head: null, at: at(3), by: 'Clerk' }),
    ];
    const mapper = new ExportMapper(DEFAULT_SYSTEMS);
    const out = [reg, ...bad].flatMap((e) => mapper.take(e as AnyEvent));
    out.push(...mapper.finish());
    expect(mapper.problems).toEqual([
      { event: bad[0]!._id, type: 'specimen.received', reason: `unknown specimen ${orphan} (its lab request never arrived)` },
      { event: bad[1]!._id, type: 'patient.corrected', reason: expect.stringMatching(/^unknown patient DT-K[78]-\d{6}-. \(never registered in the store\)$/) },
    ]);
    expect(out.filter((c) => c.resourceType !== 'Provenance').map((c) => c.resourceType)).toEqual(['Patient']);
  });

  it('waits for a record that another tablet made later by its clock, instead of reporting it', () => {
    const req = data.events.find((e) => e.type === 'lab.requested')!;
    const patient = (req.data as { patient: string }).patient;
    const reg = data.events.find((e) => e.type === 'patient.registered' && e.data.patient === patient)!;
    const mapper = new ExportMapper(DEFAULT_SYSTEMS);
    const out = [...mapper.take(req), ...mapper.take(reg), ...mapper.finish()];
    expect(mapper.problems).toEqual([]);
    expect(out.filter((c) => c.resourceType === 'ServiceRequest').length).toBe((req.data as { tests: string[] }).tests.length);
  });

  it('releases a report whose verification comes first by a slow tablet clock, and reports one that names no entry', () => {
    const entered = data.events.find((e) => e.type === 'result.entered')!;
    const verified = data.events.find((e) => e.type === 'result.verified' && e.data.version === entered._id)!;
    const upTo = data.events.slice(0, data.events.indexOf(entered));
    const specimen = (entered.data as { specimen: string }).specimen;
    const stray = buildEvent({ type: 'result.verified', data: { specimen, version: 'ev:L1:0000999999' }, device: 'L2', head: null, at: at(58), by: 'Dr. Sen' });
    const { mapper, batches } = exportAll([...upTo, verified, entered, stray]);
    expect(mapper.problems).toEqual([{ event: stray._id, type: 'result.verified', reason: `names result ev:L1:0000999999 of specimen ${specimen}, which was never entered (or never released) in the store` }]);
    const report = batches.flat().filter((c) => c.resourceType === 'DiagnosticReport' && c.identifier.value === specimen).map((c) => c.resource.status);
    expect(report.at(-1)).toBe('final');
  });

  it('does not release a report verified by the person who entered it', () => {
    const entered = data.events.find((e) => e.type === 'result.entered')!;
    const specimen = (entered.data as { specimen: string }).specimen;
    const upTo = data.events.slice(0, data.events.indexOf(entered) + 1);
    const self = buildEvent({ type: 'result.verified', data: { specimen, version: entered._id }, device: 'L2', head: null, at: at(59), by: entered.by });
    const { mapper, batches } = exportAll([...upTo, self]);
    expect(mapper.problems).toEqual([{ event: self._id, type: 'result.verified', reason: `verified by ${entered.by}, who entered it: not released` }]);
    expect(batches.flat().filter((c) => c.resourceType === 'DiagnosticReport').map((c) => c.resource.status)).toEqual(['preliminary']);
  });
});

describe('export for the HIS: incremental', () => {
  it('with an earlier export id holds only what changed after it, updates of earlier records as updates', () => {
    const cut = Math.floor(data.events.length * 0.6);
    const heads: Record<string, number> = {};
    for (const e of data.events.slice(0, cut)) heads[e.device] = e.seq;
    const id = formatExportId(heads);
    expect(parseExportId(id)).toEqual(heads);
    const { batches, mapper } = exportAll(data.events, parseExportId(id));
    expect(mapper.problems).toEqual([]);
    const later = data.events.slice(cut);
    const changing = later.filter((e) => e.type !== 'specimen.reported').map((e) => e._id).sort();
    const provenance = batches.flat().filter((c) => c.resourceType === 'Provenance').map((c) => c.identifier.value).sort();
    expect(provenance).toEqual(changing);
    expect(created(batches, 'Patient')).toBe(later.filter((e) => e.type === 'patient.registered').length);
    // A token issued before the cut and closed after it is an update, not a second create.
    const closedLater = later.filter((e) => e.type === 'token.done' && !later.some((x) => x.type === 'token.issued' && x.data.token === e.data.token && x.data.day === e.data.day));
    for (const e of closedLater) {
      const enc = batches.flat().find((c) => c.resourceType === 'Encounter' && c.identifier.value === `${(e.data as { day: string }).day}/${(e.data as { token: string }).token}`)!;
      expect(enc.create).toBe(false);
      expect(enc.resource.status).toBe('finished');
    }
  });

  it('refuses an export id that is not one', () => {
    expect(() => parseExportId('yesterday')).toThrow(/not an export id/);
  });
});

describe('export for the HIS: identifier systems', () => {
  it('takes a hospital\'s own systems and refuses an unknown key or a non-URI', () => {
    expect(systemsFrom({ uhid: 'https://his.aiims.example/uhid' }).uhid).toBe('https://his.aiims.example/uhid');
    expect(() => systemsFrom({ uhidd: 'https://x/y' })).toThrow(/unknown key "uhidd"/);
    expect(() => systemsFrom({ uhid: 'not a uri' })).toThrow(/must be a URI/);
  });
});
