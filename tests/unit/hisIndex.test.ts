import { describe, expect, it } from 'vitest';
import { CsvRowReader } from '../../src/domain/hisIndex/csvRows';
import { recordFromFhir } from '../../src/domain/hisIndex/fhirPatient';
import { LineReader } from '../../src/domain/hisIndex/lines';
import { guessMapping, mappingProblems } from '../../src/domain/hisIndex/mapping';
import { HisIndexReader, kindOf, previewCsv, type ReadOptions } from '../../src/domain/hisIndex/reader';
import { HisFileError, type RowOutcome } from '../../src/domain/hisIndex/record';
import { readDate } from '../../src/domain/hisIndex/values';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';

const TODAY = '2026-12-03';

/** Every way of cutting `text` into chunks of `size` characters. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function csvRows(text: string, size = text.length) {
  const reader = new CsvRowReader();
  return [...chunks(text, size).flatMap((c) => reader.push(c)), ...reader.end()];
}

function readAll(text: string, options: ReadOptions, size = text.length): RowOutcome[] {
  const reader = new HisIndexReader(options);
  return [...chunks(text, size).flatMap((c) => reader.push(c)), ...reader.end()];
}

const CSV = [
  '\uFEFFUHID,Patient Name,Gender,DOB,Age,Mobile No,Address',
  'AIIMS/001,सुनीता देवी,F,12/03/1980,,+91 98765 43210,"12, Gali No. 4, Laxmi Nagar"',
  'AIIMS/002,"Kumar, Ravi",M,,45 Y,,"House 9',
  'Near ""Old"" Temple"',
  'AIIMS/003,Baby of Rekha,F,,6 months,9123456789,',
].join('\r\n');
const MAPPING = guessMapping(['UHID', 'Patient Name', 'Gender', 'DOB', 'Age', 'Mobile No', 'Address']);

describe('CSV rows read chunk by chunk', () => {
  it('gives the same rows and start lines however the text is cut (inside quotes, between CR and LF, inside a Devanagari word)', () => {
    const whole = csvRows(CSV);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(whole[0]!.cells[0]).toBe('UHID');
    expect(whole[1]!.cells).toEqual(['AIIMS/001', 'सुनीता देवी', 'F', '12/03/1980', '', '+91 98765 43210', '12, Gali No. 4, Laxmi Nagar']);
    expect(whole[2]!.cells[6]).toBe('House 9\r\nNear "Old" Temple');
    for (const size of [1, 2, 3, 7, 64]) expect(csvRows(CSV, size)).toEqual(whole);
  });

  it('takes LF, CR and semicolon or tab files, skips blank lines and keeps counting them', () => {
    expect(csvRows('a;b\n\n1;2\n').map((r) => [r.line, ...r.cells])).toEqual([[1, 'a', 'b'], [3, '1', '2']]);
    expect(csvRows('a\tb\r1\t2').map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
    expect(csvRows('a,b\n1,2\r\n3,4').map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('stops with the line of a quote never closed instead of reading the rest of the file into one field', () => {
    const reader = new CsvRowReader(100);
    reader.push('a,b\n1,2\n3,"never closed\n');
    expect(() => reader.push('x'.repeat(200))).toThrow(expect.objectContaining({ code: 'rowTooLong', line: 3 }));
  });
});

describe('the column mapping', () => {
  it('guesses English and Hindi headers, an exact name before one that only contains it', () => {
    expect(MAPPING).toEqual({ uhid: 0, name: 1, sex: 2, dob: 3, age: 4, mobile: 5, address: 6 });
    expect(guessMapping(['क्रम', 'यूएचआईडी', 'नाम', 'लिंग', 'जन्म तिथि', 'मोबाइल नंबर', 'पता'])).toEqual({ uhid: 1, name: 2, sex: 3, dob: 4, age: null, mobile: 5, address: 6 });
    expect(guessMapping(['MR_NO', 'Father Name', 'NAME', 'Contact No.'])).toMatchObject({ uhid: 0, name: 2, mobile: 3 });
  });

  it('says what is missing before an import can start', () => {
    expect(mappingProblems(guessMapping(['x', 'y']))).toEqual(['uhidColumn', 'nameColumn']);
    expect(mappingProblems({ ...MAPPING, sex: 0 })).toEqual(['sameColumn']);
    expect(mappingProblems(MAPPING)).toEqual([]);
  });
});

describe('reading an HIS index CSV', () => {
  const options: ReadOptions = { kind: 'csv', mapping: MAPPING, today: TODAY };

  it('reads good rows into records', () => {
    const out = readAll(CSV, options, 5);
    expect(out).toEqual([
      { ok: true, line: 2, record: { uhid: 'AIIMS/001', name: 'सुनीता देवी', sex: 'F', birth: { kind: 'dob', dob: '1980-03-12' }, mobile: '9876543210', address: '12, Gali No. 4, Laxmi Nagar' } },
      { ok: true, line: 3, record: { uhid: 'AIIMS/002', name: 'Kumar, Ravi', sex: 'M', birth: { kind: 'age', years: 45, months: 0, days: 0 }, ageDay: TODAY, address: 'House 9 Near "Old" Temple' } },
      { ok: true, line: 5, record: { uhid: 'AIIMS/003', name: 'Baby of Rekha', sex: 'F', birth: { kind: 'age', years: 0, months: 6, days: 0 }, ageDay: TODAY, mobile: '9123456789' } },
    ]);
  });

  it('lists every kind of bad row with its line and reason, and keeps reading', () => {
    const text = [
      'UHID,Name,Sex,DOB,Age,Mobile,Address',
      ',No Uhid,M,,30,,',
      'A1,Short Uhid,M,,30,,',
      'AIIMS/010,Good One,M,,30,,',
      'aiims/010,Same Uhid Lower Case,M,,30,,',
      'AIIMS/011,,M,,30,,',
      'AIIMS/012,Bad Sex,X,,30,,',
      'AIIMS/013,Bad Date,F,31/02/1990,,,',
      'AIIMS/014,Month First,F,1990-13-01,,,',
      'AIIMS/015,Future,F,01/01/2030,,,',
      'AIIMS/016,Too Old,F,,130,,',
      'AIIMS/017,Not An Age,F,,forty,,',
      'AIIMS/018,Short Mobile,F,,40,98765,',
      'AIIMS/019,Landline,F,,40,011-2658858,',
      'AIIMS/020,Shifted,F,,40,,Gali 4, Delhi',
      'AIIMS/021,Too Few',
      '\u0000\u0001garbage\uFFFD,,,,,,',
      'AIIMS/022,Last Good,O,,1 yr,9999999999,',
    ].join('\n');
    const out = readAll(text, options, 11);
    expect(out.filter((o) => o.ok).map((o) => o.ok && [o.line, o.record.uhid])).toEqual([[4, 'AIIMS/010'], [18, 'AIIMS/022']]);
    expect(out.flatMap((o) => (o.ok ? [] : [[o.bad.line, o.bad.reason]]))).toEqual([
      [2, 'uhidMissing'], [3, 'uhidFormat'], [5, 'uhidDuplicate'], [6, 'nameMissing'], [7, 'sex'], [8, 'date'], [9, 'date'],
      [10, 'dobFuture'], [11, 'ageRange'], [12, 'age'], [13, 'mobile'], [14, 'mobile'], [15, 'columns'], [16, 'columns'], [17, 'uhidFormat'],
    ]);
    expect(out.find((o) => !o.ok && o.bad.reason === 'uhidDuplicate')).toMatchObject({ bad: { firstLine: 4, value: 'AIIMS/010' } });
    expect(out.find((o) => !o.ok && o.bad.line === 15)).toMatchObject({ bad: { fields: 8, expected: 7 } });
  });

  it('refuses a file with nothing in it, or a header only', () => {
    expect(() => readAll('', options)).toThrow(HisFileError);
    expect(() => readAll('\uFEFF\r\n\r\n', options)).toThrow(expect.objectContaining({ code: 'noHeader' }));
    expect(() => readAll('UHID,Name\r\n', options)).toThrow(expect.objectContaining({ code: 'empty' }));
  });

  it('previews the header and first rows for the mapping screen', () => {
    expect(previewCsv(CSV, true)).toEqual({ header: ['UHID', 'Patient Name', 'Gender', 'DOB', 'Age', 'Mobile No', 'Address'], rows: [expect.any(Array), expect.any(Array), expect.any(Array)] });
    expect(previewCsv(CSV.slice(0, 150), false).rows).toHaveLength(1);
    expect(() => previewCsv('', true)).toThrow(HisFileError);
  });

  it('reads dates as India writes them, never month first', () => {
    expect(['1980-03-12', '1980-03-12T00:00:00Z', '12/03/1980', '12-03-1980', '12.03.1980', '12-Mar-1980', '12 March 1980', '2 mar 1980'].map(readDate))
      .toEqual(['1980-03-12', '1980-03-12', '1980-03-12', '1980-03-12', '1980-03-12', '1980-03-12', '1980-03-12', '1980-03-02']);
    expect(['03/13/1980', '12/03/80', '1980', 'yesterday', '12-Mzr-1980', '30/02/2000', '01/01/1700', ''].map(readDate)).toEqual(Array(8).fill(null));
  });
});

describe('reading FHIR R4 Patient NDJSON', () => {
  const options: ReadOptions = { kind: 'ndjson', uhidSystem: DEFAULT_SYSTEMS.uhid, today: TODAY };
  const patient = (extra: object) => JSON.stringify({ resourceType: 'Patient', identifier: [{ system: DEFAULT_SYSTEMS.uhid, value: 'AIIMS/100' }], name: [{ text: 'सुनीता देवी' }], ...extra });

  it('maps identifier, name, gender, birthDate, phone and address as the export writes them', () => {
    const line = JSON.stringify({
      resourceType: 'Patient',
      identifier: [{ system: 'urn:other', value: 'X-1' }, { system: DEFAULT_SYSTEMS.uhid, value: 'aiims/100' }],
      name: [{ use: 'old', text: 'Old Name' }, { given: ['Sunita'], family: 'Devi' }],
      gender: 'female', birthDate: '1980-03',
      telecom: [{ system: 'email', value: 'a@b.c' }, { system: 'phone', value: '+91-9876543210' }],
      address: [{ line: ['12 Gali 4'], city: 'Delhi', postalCode: '110092' }],
    });
    expect(recordFromFhir({ line: 7, text: line }, DEFAULT_SYSTEMS.uhid, TODAY)).toEqual({
      ok: true, line: 7,
      record: { uhid: 'AIIMS/100', name: 'Sunita Devi', sex: 'F', birth: { kind: 'dob', dob: '1980-03-01' }, birthApprox: true, mobile: '9876543210', address: '12 Gali 4, Delhi, 110092' },
    });
  });

  it('lists bad lines with their reasons, CRLF and blank lines included, cut anywhere', () => {
    const text = [
      patient({ gender: 'male' }),
      '',
      '{"resourceType":"Patient",',
      JSON.stringify({ resourceType: 'Observation' }),
      '[1,2]',
      patient({ identifier: [{ system: 'urn:wrong', value: 'AIIMS/101' }] }),
      patient({ gender: 'M' }),
      patient({ identifier: [{ system: DEFAULT_SYSTEMS.uhid, value: 'AIIMS/102' }], birthDate: '12/03/1980' }),
      patient({ identifier: [{ system: DEFAULT_SYSTEMS.uhid, value: 'AIIMS/103' }], telecom: [{ system: 'phone', value: '12345' }] }),
      patient({ identifier: [{ system: DEFAULT_SYSTEMS.uhid, value: 'AIIMS/104' }], name: [{ given: [] }] }),
      patient({}),
      'null',
    ].join('\r\n');
    const out = readAll(text, options, 13);
    expect(out.map((o) => (o.ok ? [o.line, 'ok'] : [o.bad.line, o.bad.reason]))).toEqual([
      [1, 'ok'], [3, 'json'], [4, 'notPatient'], [5, 'notPatient'], [6, 'uhidMissing'], [7, 'sex'], [8, 'date'], [9, 'mobile'], [10, 'nameMissing'], [11, 'uhidDuplicate'], [12, 'notPatient'],
    ]);
    expect(out[0]).toMatchObject({ record: { sex: 'M', name: 'सुनीता देवी' } });
  });

  it('stops at a line too long to be one resource', () => {
    const reader = new LineReader(50);
    expect(() => reader.push(`${patient({})}\n${'x'.repeat(60)}`)).toThrow(expect.objectContaining({ code: 'rowTooLong', line: 2 }));
  });

  it('tells NDJSON from CSV by the name, else by the first character', () => {
    expect(kindOf('Patient.ndjson', '')).toBe('ndjson');
    expect(kindOf('index.CSV', '{')).toBe('csv');
    expect(kindOf('export', '\uFEFF  {"resourceType"')).toBe('ndjson');
    expect(kindOf('export', 'UHID,Name')).toBe('csv');
  });
});
