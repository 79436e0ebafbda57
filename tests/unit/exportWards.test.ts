import { describe, expect, it } from 'vitest';
import { Batch, transactionBundle } from '../../src/domain/export/bundle';
import { csvChunk, csvLayoutOf } from '../../src/domain/export/csv';
import type { Change } from '../../src/domain/export/mapper';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { formatAdmissionId } from '../../src/domain/wards/admissionId';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { DEFAULT_CATALOGUE } from '../../src/domain/lab/defaultCatalogue';
import { formatRequestId } from '../../src/domain/lab/requestId';
import { chainedLog, exportSteps } from '../helpers/exportLogs';
import { fhirErrors } from '../helpers/fhirSchema';

/** Issue 14, point 5: admissions, transfers and discharges reach the HIS as in-patient encounters. */

const ravi = formatDowntimeId('K7', 1);
const meena = formatDowntimeId('K7', 2);
const ip1 = formatAdmissionId('W1', 1);
const ip2 = formatAdmissionId('W1', 2);
const visit = 'ER-E1-000001';
const died = '2026-11-25T09:58:00.000Z';

/** Two registered patients, an emergency visit for the first and a ward set up. */
function log() {
  const l = chainedLog();
  const adult = (name: string, sex: 'M' | 'F') => ({ name, sex, birth: { kind: 'age', years: 40, months: 0, days: 0 } });
  l.add('K7', 'patient.registered', { patient: ravi, day: '2026-11-25', fields: adult('Ravi Kumar', 'M') });
  l.add('K7', 'patient.registered', { patient: meena, day: '2026-11-25', fields: adult('Meena Devi', 'F') });
  l.add('E1', 'emergency.arrived', { visit, patient: ravi, arrival: 'ambulance' });
  l.add('W1', 'ward.defined', { ward: 'MED1', name: 'Medicine ward 1', beds: ['1', '2', '3'].map((label) => ({ label, type: 'general' })) });
  return l;
}

const encounters = (changes: readonly Change[], id: string) => changes.filter((c) => c.resourceType === 'Encounter' && c.identifier.value === id);

describe('export for the HIS: in-patient admissions', () => {
  it('an admission from emergency, a transfer and a death are one IMP encounter with each bed\'s period and the disposition', () => {
    const { events, add } = log();
    const admitted = add('W1', 'ward.admitted', {
      admission: ip1, patient: ravi, ward: 'MED1', bed: '2', source: 'emergency', visit, dept: 'MED', consultant: 'Dr. Rao', diagnosis: 'Head injury', mlc: true,
    });
    const moved = add('W1', 'ward.transferred', { admission: ip1, from: { ward: 'MED1', bed: '2' }, to: { ward: 'ICU', bed: 'ICU1' } });
    const left = add('W1', 'ward.discharged', { admission: ip1, from: { ward: 'ICU', bed: 'ICU1' }, outcome: 'death', diedAt: died });
    add('W1', 'ward.admitted', { admission: ip2, patient: meena, ward: 'MED1', bed: '3', source: 'direct', dept: 'MED', consultant: 'Dr. Iyer', diagnosis: 'Fever' });
    const { mapper, changes } = exportSteps(events);
    expect(mapper.problems).toEqual([]);

    const steps = encounters(changes, ip1);
    expect(steps.map((c) => [c.create, c.resource.status])).toEqual([[true, 'in-progress'], [false, 'in-progress'], [false, 'finished']]);
    expect(steps[0]!.identifier).toEqual({ system: 'urn:downtime-desk:ip-number', value: ip1 });
    expect(steps[2]!.resource).toMatchObject({
      class: { code: 'IMP' },
      type: [{ text: 'Medico-legal case' }],
      serviceType: { text: 'MED' },
      subject: { type: 'Patient', identifier: { value: ravi } },
      participant: [{ individual: { display: 'Dr. Rao' } }],
      period: { start: admitted.at, end: left.at },
      reasonCode: [{ text: 'Provisional diagnosis: Head injury' }],
      hospitalization: {
        admitSource: { coding: [{ code: 'emd' }] },
        dischargeDisposition: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'exp' }], text: `Died at ${died}` },
      },
      location: [
        { location: { display: 'Medicine ward 1 (MED1), bed 2' }, status: 'completed', period: { start: admitted.at, end: moved.at } },
        { location: { display: 'Ward ICU, bed ICU1' }, status: 'completed', period: { start: moved.at, end: left.at } },
      ],
      partOf: { type: 'Encounter', identifier: { system: 'urn:downtime-desk:emergency-visit', value: visit } },
    });
    const [open] = encounters(changes, ip2);
    expect(open!.resource).toMatchObject({ status: 'in-progress', hospitalization: { admitSource: { text: 'Direct admission' } }, location: [{ status: 'active', period: { start: expect.any(String) } }] });
    expect(open!.resource).not.toHaveProperty('partOf');
    expect(open!.resource.hospitalization).not.toHaveProperty('dischargeDisposition');
    expect(open!.resource).not.toHaveProperty('type');

    for (const c of changes) expect([c.resourceType, fhirErrors(c.resource)]).toEqual([c.resourceType, []]);
    // One batch: the admission points at the emergency visit's entry in the same bundle.
    const batch = new Batch();
    batch.add(changes);
    const bundle = transactionBundle(batch.drain(), 'b1', '2026-11-25T12:00:00.000Z');
    expect(fhirErrors(bundle)).toEqual([]);
    const entries = bundle.entry as Array<{ fullUrl: string; resource: { identifier?: Array<{ value: string }>; partOf?: { reference: string } } }>;
    const visitUrl = entries.find((x) => x.resource.identifier?.[0]?.value === visit)!.fullUrl;
    expect(entries.find((x) => x.resource.identifier?.[0]?.value === ip1)!.resource.partOf!.reference).toBe(visitUrl);
  });

  it('writes admissions to their own CSV file, one row per admission with its beds and how it ended', () => {
    const { events, add } = log();
    add('W1', 'ward.admitted', { admission: ip1, patient: ravi, ward: 'MED1', bed: '2', source: 'opd', dept: 'MED', consultant: 'Dr. Rao', diagnosis: 'Dengue, fever' });
    add('W1', 'ward.discharged', { admission: ip1, from: { ward: 'MED1', bed: '2' }, outcome: 'lama' });
    const { changes } = exportSteps(events);
    const batch = new Batch();
    batch.add(changes);
    const admissions = batch.drain().filter((c) => csvLayoutOf(c) === 'Admission');
    expect(admissions.map((c) => c.identifier.value)).toEqual([ip1]);
    expect(changes.filter((c) => c.resourceType === 'Encounter').map(csvLayoutOf)).toEqual(['Encounter', 'Admission', 'Admission']);
    const [header, row] = csvChunk('Admission', admissions, DEFAULT_SYSTEMS, true).split('\r\n');
    expect(header).toBe('action,ip_number,downtime_id,status,admitted_at,source,department,consultant,diagnosis,mlc,ward_bed,moves,discharged_at,discharge');
    expect(row).toMatch(new RegExp(`^new,${ip1},${ravi},finished,[^,]+,From the OPD,MED,Dr. Rao,"Dengue, fever",,"Medicine ward 1 \\(MED1\\), bed 2","Medicine ward 1 \\(MED1\\), bed 2 from [^ ]+ to [^"]+",[^,]+,Left against medical advice$`));
  });

  it('lists a transfer of an admission it never saw, a second discharge and a transfer after the discharge, keeping the first discharge', () => {
    const { events, add } = log();
    add('W1', 'ward.admitted', { admission: ip1, patient: ravi, ward: 'MED1', bed: '2', source: 'direct', dept: 'MED', consultant: 'Dr. Rao', diagnosis: 'Fever' });
    add('W1', 'ward.discharged', { admission: ip1, from: { ward: 'MED1', bed: '2' }, outcome: 'normal' });
    const second = add('W2', 'ward.discharged', { admission: ip1, from: { ward: 'MED1', bed: '2' }, outcome: 'absconded' });
    const after = add('W2', 'ward.transferred', { admission: ip1, from: { ward: 'MED1', bed: '2' }, to: { ward: 'MED1', bed: '1' } });
    const stray = add('W2', 'ward.transferred', { admission: formatAdmissionId('W9', 4), from: { ward: 'MED1', bed: '1' }, to: { ward: 'MED1', bed: '3' } });
    const { mapper, changes } = exportSteps(events);
    expect(mapper.problems).toEqual([
      { event: second._id, type: 'ward.discharged', reason: `admission ${ip1} was already discharged: the first discharge is kept` },
      { event: after._id, type: 'ward.transferred', reason: `admission ${ip1} was already discharged: a transfer after it is not exported` },
      { event: stray._id, type: 'ward.transferred', reason: `unknown admission ${formatAdmissionId('W9', 4)} (never admitted in the store)` },
    ]);
    expect(encounters(changes, ip1).at(-1)!.resource).toMatchObject({ status: 'finished', hospitalization: { dischargeDisposition: { coding: [{ code: 'home' }] } } });
  });

  it('hands an admission entered in error to the HIS as entered-in-error with its reason, in FHIR and CSV, and lists what comes after it', () => {
    const { events, add } = log();
    const admitted = add('W1', 'ward.admitted', { admission: ip1, patient: ravi, ward: 'MED1', bed: '2', source: 'direct', dept: 'MED', consultant: 'Dr. Rao', diagnosis: 'Fever' });
    const error = add('W1', 'ward.enteredInError', { admission: ip1, from: { ward: 'MED1', bed: '2' }, reason: 'Wrong patient <Meena>' });
    const late = add('W2', 'ward.discharged', { admission: ip1, from: { ward: 'MED1', bed: '2' }, outcome: 'normal' });
    const { mapper, changes } = exportSteps(events);
    expect(mapper.problems).toEqual([{ event: late._id, type: 'ward.discharged', reason: `admission ${ip1} was already entered in error: not exported` }]);
    const steps = encounters(changes, ip1);
    expect(steps.map((c) => [c.create, c.resource.status])).toEqual([[true, 'in-progress'], [false, 'entered-in-error']]);
    expect(steps[1]!.resource).toMatchObject({
      period: { start: admitted.at, end: error.at },
      location: [{ status: 'completed', period: { start: admitted.at, end: error.at } }],
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Entered in error: Wrong patient &lt;Meena&gt;</div>' },
    });
    expect(steps[1]!.resource.hospitalization).not.toHaveProperty('dischargeDisposition');
    for (const c of changes) expect([c.resourceType, fhirErrors(c.resource)]).toEqual([c.resourceType, []]);
    const batch = new Batch();
    batch.add(changes);
    const drained = batch.drain();
    expect(fhirErrors(transactionBundle(drained, 'b1', '2026-11-25T12:00:00.000Z'))).toEqual([]);
    const [, row] = csvChunk('Admission', drained.filter((c) => csvLayoutOf(c) === 'Admission'), DEFAULT_SYSTEMS, true).split('\r\n');
    expect(row).toMatch(new RegExp(`^new,${ip1},${ravi},entered-in-error,`));
  });

  it('hands the HIS entered-in-error for an admission discharged first and entered in error after, as the tablets show it', () => {
    const { events, add } = log();
    add('W1', 'ward.admitted', { admission: ip1, patient: ravi, ward: 'MED1', bed: '2', source: 'direct', dept: 'MED', consultant: 'Dr. Rao', diagnosis: 'Fever' });
    add('W2', 'ward.discharged', { admission: ip1, from: { ward: 'MED1', bed: '2' }, outcome: 'normal' });
    const error = add('W1', 'ward.enteredInError', { admission: ip1, from: { ward: 'MED1', bed: '2' }, reason: 'Wrong patient' });
    const { mapper, changes } = exportSteps(events);
    expect(mapper.problems).toEqual([]);
    const steps = encounters(changes, ip1);
    expect(steps.map((c) => [c.create, c.resource.status])).toEqual([[true, 'in-progress'], [false, 'finished'], [false, 'entered-in-error']]);
    expect(steps[2]!.resource).toMatchObject({ period: { end: error.at } });
    for (const c of changes) expect([c.resourceType, fhirErrors(c.resource)]).toEqual([c.resourceType, []]);
  });

  it('names where a lab test was ordered: the emergency visit or admission it was ordered in, with the location as the requisition printed it', () => {
    const { events, add } = log();
    let n = 0;
    const order = (patient: string, location?: string) => {
      n += 1;
      const request = formatRequestId('L1', n);
      add('L1', 'lab.requested', {
        request, patient, catalogueVersion: DEFAULT_CATALOGUE.version, tests: ['HB'], priority: 'urgent', dept: 'MED', clinician: 'Dr. Rao',
        specimens: [{ specimen: formatSpecimenId('L1', n), container: 'EDTA', sample: 'wholeBlood', tests: ['HB'] }], ...(location ? { location } : {}),
      });
      return `${request}.HB`;
    };
    const inEmergency = order(ravi, `Emergency · ${visit}`);
    add('W1', 'ward.admitted', { admission: ip1, patient: ravi, ward: 'MED1', bed: '2', source: 'emergency', visit, dept: 'MED', consultant: 'Dr. Rao', diagnosis: 'Head injury' });
    const inWard = order(ravi, 'MED1 bed 2');
    add('W1', 'ward.discharged', { admission: ip1, from: { ward: 'MED1', bed: '2' }, outcome: 'normal' });
    add('E1', 'emergency.disposed', { visit, disposition: 'admitted' });
    const inOpd = order(ravi);
    // Meena's ward is on a tablet this export never read: the location in words only.
    const wordsOnly = order(meena, 'ICU bed 4');
    const { mapper, changes } = exportSteps(events);
    expect(mapper.problems).toEqual([]);
    const request = (id: string) => changes.find((c) => c.resourceType === 'ServiceRequest' && c.identifier.value === id)!.resource;
    expect(request(inEmergency).encounter).toEqual({ type: 'Encounter', identifier: { system: 'urn:downtime-desk:emergency-visit', value: visit }, display: `Ordered in Emergency · ${visit}` });
    expect(request(inWard).encounter).toEqual({ type: 'Encounter', identifier: { system: 'urn:downtime-desk:ip-number', value: ip1 }, display: 'Ordered in MED1 bed 2' });
    expect(request(inOpd)).not.toHaveProperty('encounter');
    expect(request(inOpd)).toMatchObject({ performerType: { text: 'Ordered from MED' } });
    expect(request(wordsOnly).encounter).toEqual({ display: 'Ordered in ICU bed 4' });
    for (const c of changes) expect([c.resourceType, fhirErrors(c.resource)]).toEqual([c.resourceType, []]);
    // The clerk back-entering from lab_orders.csv sees the same: the admission or visit, and the words.
    const [header, ...rows] = csvChunk('ServiceRequest', changes.filter((c) => c.resourceType === 'ServiceRequest'), DEFAULT_SYSTEMS, true).trimEnd().split('\r\n');
    const columns = header!.split(',');
    const cell = (id: string, column: string) => rows.find((r) => r.split(',')[1] === id.split('.HB')[0])!.split(',')[columns.indexOf(column)];
    const where = (id: string) => ['ip_number', 'emergency_visit', 'ordered_in'].map((column) => cell(id, column));
    expect(where(inEmergency)).toEqual(['', visit, `Emergency · ${visit}`]);
    expect(where(inWard)).toEqual([ip1, '', 'MED1 bed 2']);
    expect(where(inOpd)).toEqual(['', '', '']);
    expect(where(wordsOnly)).toEqual(['', '', 'ICU bed 4']);
    // In one bundle the ward order points at the admission's own entry.
    const batch = new Batch();
    batch.add(changes);
    const bundle = transactionBundle(batch.drain(), 'b1', '2026-11-25T12:00:00.000Z');
    expect(fhirErrors(bundle)).toEqual([]);
    const entries = bundle.entry as Array<{ fullUrl: string; resource: { resourceType: string; identifier?: Array<{ value: string }>; encounter?: { reference?: string } } }>;
    const admissionUrl = entries.find((x) => x.resource.resourceType === 'Encounter' && x.resource.identifier?.[0]?.value === ip1)!.fullUrl;
    expect(entries.find((x) => x.resource.identifier?.[0]?.value === inWard)!.resource.encounter!.reference).toBe(admissionUrl);
  });
});
