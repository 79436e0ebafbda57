import { describe, expect, it } from 'vitest';
import { csvChunk, guardCell } from '../../src/domain/export/csv';
import { ExportMapper } from '../../src/domain/export/mapper';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { buildEvent } from '../../src/domain/events/envelope';
import { allSyntheticEvents } from '../helpers/synthetic/events';

describe('export for the HIS: CSV per record type', () => {
  it('keeps a cell that a spreadsheet would run as a formula as text', () => {
    expect(guardCell('=HYPERLINK("http://x","click")')).toBe('\'=HYPERLINK("http://x","click")');
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(guardCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(guardCell('Sunita Devi')).toBe('Sunita Devi');
    expect(guardCell(-4.5)).toBe(-4.5);
  });

  it('writes a patient whose address holds a formula, commas, quotes and Devanagari back as typed, quoted and guarded', () => {
    const { events } = allSyntheticEvents({ seed: 5, patients: 1, desks: ['K7'], lab: 'L1' });
    const reg = events[0]!;
    if (reg.type !== 'patient.registered') throw new Error('expected a registration first');
    const fields = { ...reg.data.fields, name: 'सुनीता देवी', address: { ...reg.data.fields.address, line: '=cmd|\' /C calc\'!A0, "Block C"' } };
    const e = buildEvent({ type: 'patient.registered', data: { ...reg.data, fields }, device: 'K7', head: null, at: reg.at, by: reg.by });
    const changes = new ExportMapper(DEFAULT_SYSTEMS).take(e).filter((c) => c.resourceType === 'Patient');
    const text = csvChunk('Patient', changes, DEFAULT_SYSTEMS, true);
    const [header, row, end] = text.split('\r\n');
    expect(header).toBe('action,downtime_id,uhid,abha,name,sex,birth_date,mobile,address,relative,relation,merged_ids,merged_into');
    expect(end).toBe('');
    const where = [fields.address.locality, fields.address.district, fields.address.state, fields.address.pin].join(', ');
    // Quoted because of the commas, inner quotes doubled, and the leading = made text.
    expect(row).toContain(`new,${reg.data.patient},`);
    expect(row).toContain(',सुनीता देवी,');
    expect(row).toContain(`,"'=cmd|' /C calc'!A0, ""Block C"", ${where}",`);
    // A second chunk of the same file carries no header.
    expect(csvChunk('Patient', changes, DEFAULT_SYSTEMS, false).startsWith('new,')).toBe(true);
  });
});
