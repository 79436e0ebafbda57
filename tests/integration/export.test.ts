import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../src/domain/events/envelope';
import type { ExportReport } from '../../src/central/export/exportCentral';
import { centralStore, DB } from '../helpers/centralHarness';
import { storeFetch } from '../helpers/pouchServer';
import { fhirErrors } from '../helpers/fhirSchema';
import { allSyntheticEvents } from '../helpers/synthetic/events';
import { HB_MMOL, resultLog } from '../helpers/exportLogs';
import { formatAdmissionId } from '../../src/domain/wards/admissionId';

const run = promisify(execFile);

/** Records the tablets created in these events, counted from the events themselves. */
function madeIn(events: readonly AnyEvent[]) {
  const of = (t: string) => events.filter((e) => e.type === t);
  const requests = of('lab.requested') as Array<Extract<AnyEvent, { type: 'lab.requested' }>>;
  const firstEntries = new Map<string, number>();
  for (const e of of('result.entered') as Array<Extract<AnyEvent, { type: 'result.entered' }>>) if (!firstEntries.has(e.data.specimen)) firstEntries.set(e.data.specimen, e.data.values.length);
  return {
    Patient: of('patient.registered').length,
    Encounter: of('token.issued').length,
    ServiceRequest: requests.reduce((n, r) => n + r.data.tests.length, 0),
    Specimen: requests.reduce((n, r) => n + r.data.specimens.length, 0),
    DiagnosticReport: firstEntries.size,
    Observation: [...firstEntries.values()].reduce((a, b) => a + b, 0),
  };
}

describe('npm run central -- export, against a real central store', () => {
  let central: Awaited<ReturnType<typeof centralStore>>;
  let work: string;
  const { events } = allSyntheticEvents({ seed: 31, patients: 90, desks: ['K7', 'K8'], lab: 'L1' });
  const cut = Math.floor(events.length * 0.55);
  const first = events.slice(0, cut);
  const later = events.slice(cut);

  const upload = async (list: readonly AnyEvent[]) => {
    const res = await storeFetch(central.store, `${DB}/_bulk_docs`, { method: 'POST', body: { docs: list }, auth: central.store.auth });
    expect(res.status).toBe(201);
    expect((res.body as unknown as Array<{ error?: string }>).filter((r) => r.error)).toEqual([]);
  };

  const cli = async (...args: string[]) => {
    const url = new URL(central.store.url);
    url.username = central.store.auth.username;
    url.password = central.store.auth.password;
    try {
      const r = await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/central/cli.ts', 'export', ...args], {
        env: { ...process.env, DD_CENTRAL_URL: url.href, DD_DB_NAME: DB }, encoding: 'utf8', timeout: 120_000,
      });
      return { status: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { status: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'export-report.json'), 'utf8')) as ExportReport;
  const bundlesIn = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('bundle-')).sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { entry: Array<{ resource: { resourceType: string }; request: { method: string } }> });

  beforeAll(async () => {
    central = await centralStore();
    work = mkdtempSync(join(tmpdir(), 'dd-export-'));
  });
  afterAll(async () => {
    await central?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports two desks and a lab as FHIR bundles that validate, then only what changed with --since', async () => {
    await upload(first);
    const one = join(work, 'one');
    const a = await cli('--format', 'fhir', '--out', one);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const r1 = report(one);
    const heads1: Record<string, number> = {};
    for (const e of first) heads1[e.device] = e.seq;
    expect(r1.heads).toEqual(heads1);
    expect(a.stdout).toContain(`--since ${r1.exportId}`);
    expect(r1.eventsRead).toBe(first.length);
    expect(r1.problems).toEqual([]);
    const bundles1 = bundlesIn(one);
    for (const b of bundles1) expect(fhirErrors(b)).toEqual([]);
    const expected1 = madeIn(first);
    for (const [type, n] of Object.entries(expected1)) expect([type, r1.counts[type]?.new]).toEqual([type, n]);
    const posted = (bs: typeof bundles1, type: string) => bs.flatMap((b) => b.entry).filter((x) => x.resource.resourceType === type && x.request.method === 'POST').length;
    expect(posted(bundles1, 'Patient')).toBe(expected1.Patient);

    await upload(later);
    const two = join(work, 'two');
    const b = await cli('--format', 'fhir', '--since', r1.exportId, '--out', two);
    expect(b.status).toBe(0);
    const r2 = report(two);
    expect(r2.since).toBe(r1.exportId);
    expect(r2.problems).toEqual([]);
    const bundles2 = bundlesIn(two);
    for (const x of bundles2) expect(fhirErrors(x)).toEqual([]);
    // Only records made after the first export are created, and every entry comes from a later event.
    const expected2 = madeIn(later);
    for (const [type, n] of Object.entries(expected2)) expect([type, r2.counts[type]?.new ?? 0]).toEqual([type, n]);
    const laterIds = new Set(later.map((e) => e._id));
    const provenance = bundles2.flatMap((x) => x.entry).filter((x) => x.resource.resourceType === 'Provenance')
      .map((x) => (x.resource as unknown as { entity: Array<{ what: { identifier: { value: string } } }> }).entity[0]!.what.identifier.value);
    expect(provenance.length).toBeGreaterThan(0);
    expect(provenance.filter((id) => !laterIds.has(id))).toEqual([]);
  });

  it('writes NDJSON per resource type whose every line validates, and CSV per record type', async () => {
    const nd = join(work, 'nd');
    expect((await cli('--format', 'ndjson', '--out', nd)).status).toBe(0);
    const files = readdirSync(nd).filter((f) => f.endsWith('.ndjson')).sort();
    expect(files).toEqual(['DiagnosticReport', 'Encounter', 'Observation', 'Patient', 'Provenance', 'ServiceRequest', 'Specimen'].map((t) => `${t}.ndjson`));
    for (const f of files) {
      for (const line of readFileSync(join(nd, f), 'utf8').trimEnd().split('\n')) {
        const resource = JSON.parse(line) as { resourceType: string };
        expect(resource.resourceType).toBe(f.replace('.ndjson', ''));
        expect(fhirErrors(resource)).toEqual([]);
      }
    }
    const patients = readFileSync(join(nd, 'Patient.ndjson'), 'utf8').trimEnd().split('\n');
    expect(patients).toHaveLength(madeIn(events).Patient);

    const csv = join(work, 'csv');
    expect((await cli('--format', 'csv', '--out', csv)).status).toBe(0);
    const rows = readFileSync(join(csv, 'patients.csv'), 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('action,downtime_id,uhid,abha,name,sex,birth_date,mobile,address,relative,relation,merged_ids,merged_into');
    expect(rows.length - 1).toBeGreaterThanOrEqual(madeIn(events).Patient);
    expect(readdirSync(csv).sort()).toEqual(['export-report.json', 'lab_orders.csv', 'lab_reports.csv', 'lab_results.csv', 'opd_visits.csv', 'patients.csv', 'provenance.csv', 'specimens.csv']);
  });

  it('refuses a bad export id, an unknown format and a folder that already holds files, writing nothing', async () => {
    const bad = await cli('--format', 'fhir', '--since', 'last-week', '--out', join(work, 'bad'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/"last-week" is not an export id/);
    expect(existsSync(join(work, 'bad'))).toBe(false);
    const fmt = await cli('--format', 'xml', '--out', join(work, 'fmt'));
    expect(fmt.status).toBe(1);
    expect(fmt.stderr).toMatch(/--format must be one of fhir, ndjson, csv/);
    expect(existsSync(join(work, 'fmt'))).toBe(false);
    const full = join(work, 'full');
    expect((await cli('--format', 'csv', '--out', full)).status).toBe(0);
    writeFileSync(join(full, 'marker'), 'x');
    const again = await cli('--format', 'csv', '--out', full);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);
    expect(readdirSync(full).sort()).toEqual(readdirSync(join(work, 'csv')).concat('marker').sort());
  });

  it('hands over a ward admission as an IMP encounter and a result under an edited analyte version with that version\'s unit (issues 14 and 18)', async () => {
    // Two days after the synthetic events, from devices of their own: a lab that reports Hb in
    // mmol/L, and a ward that admits, moves and discharges the same patient.
    const log = resultLog('K5', '2026-11-27T04:00:00Z');
    log.add('L6', 'analytes.updated', { version: 'L6-1', basedOn: 'BASE-1', test: 'HB', analytes: [HB_MMOL] }, 'Admin Priya');
    const { specimen, entered } = log.hb('L6-1', 7.9, 'L6');
    log.add('L7', 'result.verified', { specimen, version: entered._id }, 'Dr. Pathologist Sen');
    const ip = formatAdmissionId('W1', 1);
    log.add('W1', 'ward.defined', { ward: 'MED1', name: 'Medicine ward 1', beds: [{ label: '4', type: 'general' }, { label: '5', type: 'general' }] });
    log.add('W1', 'ward.admitted', { admission: ip, patient: log.patient, ward: 'MED1', bed: '4', source: 'opd', dept: 'MED', consultant: 'Dr. Rao', diagnosis: 'Anaemia' });
    log.add('W1', 'ward.transferred', { admission: ip, from: { ward: 'MED1', bed: '4' }, to: { ward: 'MED1', bed: '5' } });
    log.add('W1', 'ward.discharged', { admission: ip, from: { ward: 'MED1', bed: '5' }, outcome: 'normal' });
    await upload(log.events);

    const fhir = join(work, 'ward-fhir');
    const run1 = await cli('--format', 'fhir', '--out', fhir);
    expect(run1.stderr).toBe('');
    expect(report(fhir).problems).toEqual([]);
    const bundles = bundlesIn(fhir);
    for (const b of bundles) expect(fhirErrors(b)).toEqual([]);
    type Entry = { resource: Record<string, unknown> & { resourceType: string; identifier?: Array<{ value: string }> } };
    const entries = bundles.flatMap((b) => b.entry as unknown as Entry[]);
    const admission = entries.find((x) => x.resource.resourceType === 'Encounter' && x.resource.identifier?.[0]?.value === ip)!.resource;
    expect(admission).toMatchObject({
      status: 'finished', class: { code: 'IMP' }, hospitalization: { dischargeDisposition: { coding: [{ code: 'home' }] } },
      location: [{ location: { display: 'Medicine ward 1 (MED1), bed 4' }, status: 'completed' }, { location: { display: 'Medicine ward 1 (MED1), bed 5' }, status: 'completed' }],
    });
    const hb = entries.find((x) => x.resource.resourceType === 'Observation' && x.resource.identifier?.[0]?.value === `${specimen}.HB.HB`)!.resource;
    expect(hb).toMatchObject({
      status: 'final', valueQuantity: { value: 7.9, unit: 'mmol/L' }, code: { coding: [expect.anything(), { system: 'http://loinc.org', code: '59260-0' }] },
      referenceRange: [{ text: '8.1–10.6' }], interpretation: [{ coding: [{ code: 'L' }] }],
    });

    const csv = join(work, 'ward-csv');
    expect((await cli('--format', 'csv', '--out', csv)).status).toBe(0);
    expect(readdirSync(csv)).toContain('admissions.csv');
    const admissions = readFileSync(join(csv, 'admissions.csv'), 'utf8').trimEnd().split('\r\n');
    expect(admissions[0]).toBe('action,ip_number,downtime_id,status,admitted_at,source,department,consultant,diagnosis,mlc,ward_bed,moves,discharged_at,discharge');
    expect(admissions.slice(1)).toEqual([expect.stringMatching(new RegExp(`^new,${ip},${log.patient},finished,.*,Discharged$`))]);
    // The OPD visits' file has no admission in it.
    expect(readFileSync(join(csv, 'opd_visits.csv'), 'utf8')).not.toContain(ip);
    const results = readFileSync(join(csv, 'lab_results.csv'), 'utf8').split('\r\n').filter((l) => l.includes(specimen));
    expect(results).toEqual([expect.stringContaining(',59260-0,7.9,mmol/L,L,8.1–10.6,final,')]);
  });
});
