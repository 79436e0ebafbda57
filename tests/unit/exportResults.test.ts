import { describe, expect, it } from 'vitest';
import { buildEvent, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import type { EventType } from '../../src/domain/events/catalog';
import { csvChunk } from '../../src/domain/export/csv';
import { ExportMapper, type Change } from '../../src/domain/export/mapper';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { formatDowntimeId } from '../../src/domain/ids/downtimeId';
import { formatSpecimenId } from '../../src/domain/ids/specimenId';
import { DEFAULT_CATALOGUE } from '../../src/domain/lab/catalogue';
import { formatRequestId } from '../../src/domain/lab/requestId';
import type { Analyte } from '../../src/domain/lab/results/analytes';
import { fhirErrors } from '../helpers/fhirSchema';

/**
 * Issue 18, point 6: a result reaches the HIS with the units, LOINC codes and ranges of the
 * analyte version it was entered with, not those of the built-in catalogue.
 */

const patient = formatDowntimeId('K7', 1);
/** Haemoglobin as a lab reporting it in mmol/L publishes it: another unit, LOINC code and ranges. */
const HB_MMOL: Analyte = {
  code: 'HB', name: 'Haemoglobin', nameHi: 'हीमोग्लोबिन', kind: 'number', unit: 'mmol/L', decimals: 1, min: 0.5, max: 16, loinc: '59260-0',
  ranges: [
    { band: 'adult', sex: 'M', low: 8.1, high: 10.6 }, { band: 'adult', sex: 'F', low: 7.4, high: 9.3 },
    { band: 'child', low: 6.8, high: 9 }, { band: 'newborn', low: 8.7, high: 13.7 },
  ],
  criticalLow: 4.3, criticalHigh: 12.4,
};

/** A small log: one clock for all devices, each device's events chained. */
function log() {
  const heads = new Map<string, ChainHead | null>();
  let clock = Date.parse('2026-11-25T04:00:00Z');
  const events: AnyEvent[] = [];
  const add = (device: string, type: EventType, data: unknown, by: string): AnyEvent => {
    clock += 60_000;
    const e = buildEvent({ type, data, device, head: heads.get(device) ?? null, at: new Date(clock).toISOString(), by } as never) as AnyEvent;
    heads.set(device, { seq: e.seq, hash: e.hash });
    events.push(e);
    return e;
  };
  let requests = 0;
  /** A haemoglobin ordered, collected and entered with `version`; returns its specimen and entry. */
  const hb = (version: string, value: number, lab = 'L1') => {
    requests += 1;
    const specimen = formatSpecimenId(lab, requests);
    add(lab, 'lab.requested', {
      request: formatRequestId(lab, requests), patient, catalogueVersion: DEFAULT_CATALOGUE.version, tests: ['HB'], priority: 'routine',
      dept: 'MED', clinician: 'Dr. Rao', specimens: [{ specimen, container: 'EDTA', sample: 'wholeBlood', tests: ['HB'] }],
    }, 'Tech Imran');
    add(lab, 'specimen.collected', { specimens: [specimen], collectedAt: new Date(clock).toISOString(), collectedBy: 'Sister Mary' }, 'Tech Imran');
    const entered = add(lab, 'result.entered', { specimen, analyteVersion: version, values: [{ test: 'HB', analyte: 'HB', value }] }, 'Tech Imran');
    return { specimen, entered };
  };
  add('K7', 'patient.registered', { patient, day: '2026-11-25', fields: { name: 'Ravi Kumar', sex: 'M', birth: { kind: 'age', years: 40, months: 0, days: 0 } } }, 'Clerk Asha');
  return { events, add, hb };
}

/** Every change in order (no batching), so each step's resources can be seen. */
function exportSteps(events: readonly AnyEvent[]) {
  const mapper = new ExportMapper(DEFAULT_SYSTEMS);
  const changes: Change[] = [];
  for (const e of events) changes.push(...mapper.take(e));
  changes.push(...mapper.finish());
  return { mapper, changes };
}

const of = (changes: readonly Change[], type: string, id: string) => changes.filter((c) => c.resourceType === type && c.identifier.value === id).map((c) => c.resource);
const loincOf = (r: Record<string, unknown>) => (r.code as { coding: Array<{ system: string; code: string }> }).coding.find((c) => c.system === 'http://loinc.org')?.code;

describe('export for the HIS: results with their own analyte version', () => {
  it('a result entered under an edited version carries that version\'s unit, LOINC code, range and flag through entry, release and amendment', () => {
    const { events, add, hb } = log();
    add('L1', 'analytes.updated', { version: 'L1-1', basedOn: 'BASE-1', test: 'HB', analytes: [HB_MMOL] }, 'Admin Priya');
    const { specimen, entered } = hb('L1-1', 7.9);
    add('L2', 'result.verified', { specimen, version: entered._id }, 'Dr. Pathologist Sen');
    add('L2', 'result.amended', { specimen, analyteVersion: 'L1-1', values: [{ test: 'HB', analyte: 'HB', value: 8.4 }], amends: entered._id, reason: 'Transcription error' }, 'Dr. Pathologist Sen');
    const { mapper, changes } = exportSteps(events);
    expect(mapper.problems).toEqual([]);

    const observations = of(changes, 'Observation', `${specimen}.HB.HB`);
    expect(observations.map((o) => o.status)).toEqual(['preliminary', 'final', 'amended']);
    expect(observations[0]).toMatchObject({
      valueQuantity: { value: 7.9, unit: 'mmol/L' },
      referenceRange: [{ low: { value: 8.1, unit: 'mmol/L' }, high: { value: 10.6, unit: 'mmol/L' }, text: '8.1–10.6' }],
      interpretation: [{ coding: [{ code: 'L' }] }],
    });
    expect(observations.map(loincOf)).toEqual(['59260-0', '59260-0', '59260-0']);
    // The amended value is inside the range: no flag.
    expect(observations[2]).toMatchObject({ valueQuantity: { value: 8.4, unit: 'mmol/L' } });
    expect(observations[2]).not.toHaveProperty('interpretation');
    expect(JSON.stringify(observations)).not.toContain('g/dL');

    const reports = of(changes, 'DiagnosticReport', specimen);
    expect(reports.map((r) => r.status)).toEqual(['preliminary', 'final', 'amended']);
    expect(reports.map(loincOf)).toEqual(['59260-0', '59260-0', '59260-0']);
    expect(reports[1]).toMatchObject({ resultsInterpreter: [{ display: 'Dr. Pathologist Sen' }] });
    // Ordered after the edit: the order is coded as the version in force said.
    expect(of(changes, 'ServiceRequest', `${formatRequestId('L1', 1)}.HB`).map(loincOf)).toEqual(['59260-0']);
    for (const c of changes) expect([c.resourceType, fhirErrors(c.resource)]).toEqual([c.resourceType, []]);

    const csv = csvChunk('Observation', changes.filter((c) => c.resourceType === 'Observation').slice(0, 1), DEFAULT_SYSTEMS, true).split('\r\n');
    expect(csv[0]).toBe('action,specimen,analyte,name,loinc,value,unit,flag,reference_range,status,issued,performer,downtime_id');
    expect(csv[1]).toContain(`new,${specimen},HB.HB,Haemoglobin,59260-0,7.9,mmol/L,L,8.1–10.6,preliminary,`);
  });

  it('a result entered with BASE-1 after the edit (a tablet that had not pulled it) keeps BASE-1\'s unit and range', () => {
    const { events, add, hb } = log();
    add('L1', 'analytes.updated', { version: 'L1-1', basedOn: 'BASE-1', test: 'HB', analytes: [HB_MMOL] }, 'Admin Priya');
    const { specimen } = hb('BASE-1', 12.5, 'L3');
    const { mapper, changes } = exportSteps(events);
    expect(mapper.problems).toEqual([]);
    const [obs] = of(changes, 'Observation', `${specimen}.HB.HB`);
    expect(obs).toMatchObject({
      valueQuantity: { value: 12.5, unit: 'g/dL' }, referenceRange: [{ low: { value: 13, unit: 'g/dL' }, high: { value: 17, unit: 'g/dL' }, text: '13.0–17.0' }],
      interpretation: [{ coding: [{ code: 'L' }] }],
    });
    expect(loincOf(obs!)).toBe('718-7');
  });

  it('a version that reaches the store after its result (a slow tablet clock) is waited for; one that never arrives is reported, not replaced by BASE-1', () => {
    const { events, add, hb } = log();
    const late = hb('L4-1', 7.9);
    const never = hb('L9-3', 7.9);
    add('L4', 'analytes.updated', { version: 'L4-1', basedOn: 'BASE-1', test: 'HB', analytes: [HB_MMOL] }, 'Admin Priya');
    const { mapper, changes } = exportSteps(events);
    expect(of(changes, 'Observation', `${late.specimen}.HB.HB`)).toEqual([expect.objectContaining({ valueQuantity: { value: 7.9, unit: 'mmol/L' } })]);
    expect(of(changes, 'Observation', `${never.specimen}.HB.HB`)).toEqual([]);
    expect(of(changes, 'DiagnosticReport', never.specimen)).toEqual([]);
    expect(mapper.problems).toEqual([{
      event: never.entered._id, type: 'result.entered',
      reason: 'entered with analyte version L9-3, which (or a version it is based on) never arrived in the store: not exported with another version\'s units and ranges',
    }]);
  });
});
