import type { ColumnMapping, HisField } from './mapping';
import type { HisRecord, RowOutcome } from './record';
import type { CsvRow } from './csvRows';
import { clip, MAX_ADDRESS, MAX_NAME, readBirth, readMobile, readSex, readUhid } from './values';

/**
 * One CSV row as an index record, or the first reason it is not one. `expected` is the header's
 * number of fields: a row with another count has a value shifted into the wrong column (an
 * address with an unquoted comma), so none of its values can be trusted.
 */
export function recordFromRow(row: CsvRow, mapping: ColumnMapping, expected: number, today: string): RowOutcome {
  const { line, cells } = row;
  if (cells.length !== expected) return { ok: false, bad: { line, reason: 'columns', fields: cells.length, expected } };
  const cell = (field: HisField) => (mapping[field] === null ? '' : cells[mapping[field]!] ?? '');
  const uhid = readUhid(cell('uhid'));
  if (!uhid.ok) return { ok: false, bad: { line, reason: uhid.reason, value: clip(cell('uhid'), 40) } };
  const name = clip(cell('name'), MAX_NAME);
  if (name === '') return { ok: false, bad: { line, reason: 'nameMissing' } };
  const sex = readSex(cell('sex'));
  if (!sex.ok) return { ok: false, bad: { line, reason: sex.reason, value: clip(cell('sex'), 40) } };
  const birth = readBirth(cell('dob'), cell('age'), today);
  if (!birth.ok) return { ok: false, bad: { line, reason: birth.reason, value: clip(cell('dob') || cell('age'), 40) } };
  const mobile = readMobile(cell('mobile'));
  if (!mobile.ok) return { ok: false, bad: { line, reason: mobile.reason, value: clip(cell('mobile'), 40) } };
  const record: HisRecord = { uhid: uhid.value, name, sex: sex.value };
  if (birth.value) {
    record.birth = birth.value;
    if (birth.value.kind === 'age') record.ageDay = today;
  }
  if (mobile.value) record.mobile = mobile.value;
  const address = clip(cell('address'), MAX_ADDRESS);
  if (address) record.address = address;
  return { ok: true, line, record };
}
