import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { boardOrder, minutesWaiting } from '../../src/domain/emergency/board';
import { EMERGENCY_EVENT_SCHEMAS } from '../../src/domain/emergency/events';
import { unknownPatient } from '../../src/domain/emergency/unknownPatient';
import { formatVisitId, parseVisitId } from '../../src/domain/emergency/visitId';
import { CORE_EVENT_SCHEMAS } from '../../src/domain/events/catalog';
import { aliasForms, aliasInHindi, aliasNumber, unknownAlias } from '../../src/domain/patients/alias';
import { patientFields, patientRecord } from '../../src/domain/patients/fields';
import { project } from '../../src/domain/projections/project';
import { buildEvent } from '../../src/domain/events/envelope';
import { toIssues } from '../../src/domain/validation';
import type { DeviceRow } from '../../src/domain/projections/rows';

const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : toIssues(r.error as never).map((i) => `${i.path}:${i.code}`);
};

/** A registration as stored before issue 14: every field the old form required. */
const OLD_FIELDS = {
  name: 'Ravi Kumar', sex: 'M', birth: { kind: 'age', years: 45, months: 0, days: 0 }, mobile: '9811012345',
  address: { line: 'House 12', locality: 'Lajpat Nagar', district: 'South Delhi', state: 'Delhi', pin: '110024' },
  relative: { name: 'Mohan Lal', relation: 'father' },
};

describe('unknown-patient aliases', () => {
  it('count per device in English and Hindi, and read their number back only for the device that made them', () => {
    expect(unknownAlias('M', 'K7', 7)).toBe('UNKNOWN MALE K7-0007');
    expect(unknownAlias('F', 'AB3', 12345)).toBe('UNKNOWN FEMALE AB3-12345');
    expect(unknownAlias('U', 'K7', 1)).toBe('UNKNOWN PERSON K7-0001');
    expect(aliasInHindi('UNKNOWN MALE K7-0007')).toBe('अज्ञात पुरुष K7-0007');
    expect(aliasInHindi('UNKNOWN FEMALE K7-0008')).toBe('अज्ञात महिला K7-0008');
    expect(aliasInHindi('Bed 3 boy')).toBe('Bed 3 boy');
    expect(aliasForms('UNKNOWN MALE K7-0007')).toEqual(['UNKNOWN MALE K7-0007', 'अज्ञात पुरुष K7-0007']);
    expect(aliasNumber('UNKNOWN MALE K7-0007', 'K7')).toBe(7);
    expect(aliasNumber('UNKNOWN MALE K7-0007', 'K8')).toBe(0);
    expect(aliasNumber('Bed 3 boy', 'K7')).toBe(0);
    expect(() => unknownAlias('M', 'K7', 0)).toThrow(RangeError);
  });

  it('are numbered from the device row the projection keeps, which only this device\'s aliases move', () => {
    const head = null;
    const reg = (device: string, alias: string, n: number) => buildEvent({
      type: 'patient.registered', device, head, at: '2026-12-02T10:00:00.000Z', by: 'Asha',
      data: { patient: `DT-${device}-00000${n}-${'0'}`, day: '2026-12-02', fields: { alias, sex: 'M', birth: { kind: 'age', years: 30, months: 0, days: 0, estimated: true } } },
    });
    const fold = (events: ReturnType<typeof reg>[]) => events.reduce<DeviceRow | undefined>((row, e) =>
      project(e).find((u) => u.table === 'devices')!.update(row as never) as DeviceRow, undefined);
    // The downtime ID's check character is not what this test is about: only the alias counter.
    expect(fold([reg('K7', 'UNKNOWN MALE K7-0003', 1), reg('K7', 'UNKNOWN MALE K7-0001', 2)])?.lastAliasNumber).toBe(3);
    expect(fold([reg('K7', 'UNKNOWN MALE K9-0040', 1)])?.lastAliasNumber).toBeUndefined();
  });
});

describe('registration fields (issue 14)', () => {
  it('still parse every registration stored before, unchanged', () => {
    expect(patientRecord.parse(OLD_FIELDS)).toEqual(OLD_FIELDS);
    expect(CORE_EVENT_SCHEMAS['patient.registered'].parse({ patient: 'DT-K7-000001-5', day: '2026-11-26', fields: OLD_FIELDS }).fields).toEqual(OLD_FIELDS);
  });

  it('need only a name or an alias, sex (or not known) and an age (or its estimate)', () => {
    const minimal = { sex: 'U', birth: { kind: 'age', years: '40', months: '0', days: '0', estimated: true } };
    expect(patientRecord.parse({ ...minimal, alias: 'UNKNOWN PERSON K7-0001' })).toEqual({
      alias: 'UNKNOWN PERSON K7-0001', sex: 'U', birth: { kind: 'age', years: 40, months: 0, days: 0, estimated: true },
    });
    // Empty boxes of the form (district and state remembered from the last patient) mean "not given" or a part of an address.
    expect(patientRecord.parse({ ...minimal, name: 'Sita', address: { line: '', locality: '', district: '', state: '', pin: '' }, relative: { name: '', relation: '' } }))
      .toEqual({ name: 'Sita', sex: 'U', birth: { kind: 'age', years: 40, months: 0, days: 0, estimated: true } });
    expect(patientRecord.parse({ ...minimal, name: 'Sita', address: { district: 'South Delhi', state: 'Delhi', pin: '' } }).address)
      .toEqual({ district: 'South Delhi', state: 'Delhi' });
  });

  it.each([
    [{ sex: 'M', birth: { kind: 'age', years: 40, months: 0, days: 0 } }, 'name:nameOrAlias'],
    [{ name: '  ', alias: '', sex: 'M', birth: { kind: 'age', years: 40, months: 0, days: 0 } }, 'name:nameOrAlias'],
    [{ alias: 'X', birth: { kind: 'age', years: 40, months: 0, days: 0 } }, 'sex:required'],
    [{ alias: 'X', sex: 'M' }, 'birth:required'],
    [{ alias: '<script>', sex: 'M', birth: { kind: 'age', years: 40, months: 0, days: 0 } }, 'alias:alias'],
    [{ alias: 'X', sex: 'M', birth: { kind: 'age', years: 40, months: 0, days: 0, estimated: 'yes' } }, 'birth.estimated:notAllowed'],
    [{ alias: 'X', sex: 'Q', birth: { kind: 'age', years: 40, months: 0, days: 0 } }, 'sex:sex'],
    [{ name: 'Sita', sex: 'F', birth: { kind: 'age', years: 40, months: 0, days: 0 }, address: { pin: '011002' } }, 'address.pin:pinCode'],
    [{ name: 'Sita', sex: 'F', birth: { kind: 'age', years: 40, months: 0, days: 0 }, relative: { relation: 'uncle' } }, 'relative.relation:relation'],
  ])('refuse what is missing or wrong (%#)', (input, code) => {
    expect(issues(patientRecord, input)).toContain(code);
  });

  it('let a correction name an unknown patient without touching the alias', () => {
    const changes = CORE_EVENT_SCHEMAS['patient.corrected'].parse({ patient: 'DT-K7-000001-5', changes: { name: 'Ramesh Yadav' } });
    expect(changes.changes).toEqual({ name: 'Ramesh Yadav' });
    expect(z.partial(patientFields).parse({ alias: 'UNKNOWN MALE K7-0001' })).toEqual({ alias: 'UNKNOWN MALE K7-0001' });
  });
});

describe('emergency events', () => {
  const visit = formatVisitId('K7', 1);
  it('number visits per device', () => {
    expect(visit).toBe('ER-K7-000001');
    expect(parseVisitId('ER-AB3-000120')).toEqual({ device: 'AB3', number: 120 });
    expect(parseVisitId('ER-K7-1')).toBeNull();
    expect(() => formatVisitId('K7', 1_000_000)).toThrow(RangeError);
  });

  it('take arrival with MLC, triage and disposition, and refuse garbage', () => {
    const arrived = EMERGENCY_EVENT_SCHEMAS['emergency.arrived'];
    expect(arrived.parse({ visit, patient: 'DT-K7-000001-5', arrival: 'police', broughtBy: 'HC Suresh', mlc: { station: 'PS Hauz Khas', officer: 'SI Rajbir Singh', entry: 'GD 42A/2026' } }))
      .toMatchObject({ mlc: { station: 'PS Hauz Khas', officer: 'SI Rajbir Singh', entry: 'GD 42A/2026' } });
    expect(issues(arrived, { visit, patient: 'DT-K7-000001-5', arrival: 'helicopter' })).toEqual(['arrival:arrival']);
    expect(issues(arrived, { visit, patient: 'DT-K7-000001-5', arrival: 'police', mlc: { officer: 'SI Rajbir' } })).toEqual(['mlc.station:required']);
    expect(issues(arrived, { visit, patient: 'DT-K7-000001-5', arrival: 'police', mlc: { station: 'PS', entry: '{"$gt":0}' } })).toEqual(['mlc.entry:diaryEntry']);
    expect(issues(arrived, { visit: '../_users', patient: 'DT-K7-000001-5', arrival: 'self' })).toEqual(['visit:visitId']);
    expect(issues(EMERGENCY_EVENT_SCHEMAS['emergency.triaged'], { visit, category: 'purple' })).toEqual(['category:triage']);
    expect(issues(EMERGENCY_EVENT_SCHEMAS['emergency.triaged'], { visit, category: 'red', seen: true })).toEqual(['seen:unknownField']);
    expect(issues(EMERGENCY_EVENT_SCHEMAS['emergency.disposed'], { visit, disposition: 'vanished' })).toEqual(['disposition:disposition']);
    expect(EMERGENCY_EVENT_SCHEMAS['emergency.disposed'].parse({ visit, disposition: 'lama', note: '' })).toEqual({ visit, disposition: 'lama' });
  });

  it('ask an unknown patient for sex, estimated age and how they came', () => {
    expect(unknownPatient.parse({ sex: 'M', years: '35', arrival: 'ambulance', broughtBy: '', complaint: '' })).toEqual({ sex: 'M', years: 35, arrival: 'ambulance' });
    expect(issues(unknownPatient, { sex: '', years: '', arrival: '' }).sort()).toEqual(['arrival:required', 'sex:required', 'years:required']);
    expect(issues(unknownPatient, { sex: 'M', years: '300', arrival: 'self' })).toEqual(['years:ageRange']);
  });
});

describe('the emergency board', () => {
  const v = (visit: string, arrivedAt: string, category?: 'red' | 'yellow' | 'green' | 'black', disposedAt?: string) => ({ visit, arrivedAt, category, disposedAt });
  it('lists red first, then the not yet triaged, yellow, green and black, each longest waiting first; disposed visits leave', () => {
    const order = boardOrder([
      v('g1', '2026-12-02T10:00:00Z', 'green'),
      v('r2', '2026-12-02T10:20:00Z', 'red'),
      v('n1', '2026-12-02T10:30:00Z'),
      v('b1', '2026-12-02T09:00:00Z', 'black'),
      v('r1', '2026-12-02T10:10:00Z', 'red'),
      v('y1', '2026-12-02T09:30:00Z', 'yellow'),
      v('r0', '2026-12-02T08:00:00Z', 'red', '2026-12-02T09:00:00Z'),
    ]).map((x) => x.visit);
    expect(order).toEqual(['r1', 'r2', 'n1', 'y1', 'g1', 'b1']);
    expect(minutesWaiting('2026-12-02T10:00:00Z', new Date('2026-12-02T10:42:59Z'))).toBe(42);
  });
});
