import { describe, expect, it, vi } from 'vitest';
import { csvChunk } from '../../src/domain/export/csv';
import { ExportMapper, type Change } from '../../src/domain/export/mapper';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { formatRequestId } from '../../src/domain/lab/requestId';
import { exportSteps, HB_MMOL, resultLog } from '../helpers/exportLogs';
import { fhirErrors } from '../helpers/fhirSchema';

/**
 * Issue 18, point 6: a result reaches the HIS with the units, LOINC codes and ranges of the
 * analyte version it was entered with, not those of the built-in catalogue.
 */

const of = (changes: readonly Change[], type: string, id: string) => changes.filter((c) => c.resourceType === type && c.identifier.value === id).map((c) => c.resource);
const loincOf = (r: Record<string, unknown>) => (r.code as { coding: Array<{ system: string; code: string }> }).coding.find((c) => c.system === 'http://loinc.org')?.code;

describe('export for the HIS: results with their own analyte version', () => {
  it('a result entered under an edited version carries that version\'s unit, LOINC code, range and flag through entry, release and amendment', () => {
    const { events, add, hb } = resultLog();
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
    const { events, add, hb } = resultLog();
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
    const { events, add, hb } = resultLog();
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

  it('reads a result\'s range by the patient\'s sex and birth as corrected since, without parsing the patient\'s fields for each result', () => {
    const { events, add, hb, patient } = resultLog();
    const first = hb('BASE-1', 12.5);
    add('K7', 'patient.corrected', { patient, changes: { sex: 'F' }, reason: 'Sex typed wrong' });
    const second = hb('BASE-1', 12.5);
    add('K7', 'patient.corrected', { patient, changes: { sex: 'M', birth: { kind: 'age', years: 10, months: 0, days: 0 } }, reason: 'A boy, not a man' });
    const third = hb('BASE-1', 10.5);
    const mapper = new ExportMapper(DEFAULT_SYSTEMS);
    const parse = vi.spyOn(JSON, 'parse');
    const changes: Change[] = [];
    try {
      for (const e of events) {
        parse.mockClear();
        changes.push(...mapper.take(e));
        // A result reads the patient's sex and age band from what the mapper keeps, not from the fields' JSON.
        if (e.type === 'result.entered') expect(parse, e._id).not.toHaveBeenCalled();
      }
    } finally {
      parse.mockRestore();
    }
    expect(mapper.problems).toEqual([]);
    const obs = (specimen: string) => of(changes, 'Observation', `${specimen}.HB.HB`)[0]!;
    // A man of 40: 12.5 g/dL is low (13–17); as a woman (12–15) it is not; as a boy of 10 (11–14.5) 10.5 is.
    expect(obs(first.specimen)).toMatchObject({ referenceRange: [{ text: '13.0–17.0' }], interpretation: [{ coding: [{ code: 'L' }] }] });
    expect(obs(second.specimen)).toMatchObject({ referenceRange: [{ text: '12.0–15.0' }] });
    expect(obs(second.specimen)).not.toHaveProperty('interpretation');
    expect(obs(third.specimen)).toMatchObject({ referenceRange: [{ text: '11.0–14.5' }], interpretation: [{ coding: [{ code: 'L' }] }] });
  });
});
