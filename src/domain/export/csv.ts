import { stringify } from 'csv-stringify/sync';
import type { Change } from './mapper';
import { ORDERED_IN_PREFIX, type Resource } from './resources';
import { DIAGNOSIS_PREFIX } from './inpatient';

const withoutPrefix = (text: string, prefix: string) => (text.startsWith(prefix) ? text.slice(prefix.length) : text);

type Row = Record<string, string | number>;
type Obj = Record<string, unknown>;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula: a patient named "=HYPERLINK(…)" must stay text. Such cells get a leading apostrophe,
 * as OWASP advises; numbers stay numbers.
 */
export function guardCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const o = (v: unknown): Obj => (typeof v === 'object' && v !== null ? v as Obj : {});
const a = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(o) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const idOf = (r: Resource, system: string) => str(a(r.identifier).find((i) => i.system === system)?.value);
const refValue = (v: unknown) => str(o(o(v).identifier).value);
const codeIn = (cc: unknown, system: string) => str(a(o(cc).coding).find((c) => c.system === system)?.code);

export interface CsvSystems {
  downtimeId: string; mergedDowntimeId: string; uhid: string; abha: string; testCode: string; analyteCode: string;
  admission: string; emergencyVisit: string;
}

/** The encounter's identifier when it is of `system` (a lab order's admission or emergency visit). */
const encounterOf = (r: Resource, system: string) => {
  const id = o(o(r.encounter).identifier);
  return id.system === system ? str(id.value) : '';
};

const LOINC = 'http://loinc.org';

/** The columns of each record type's file: what a clerk types into the HIS, one row per record. */
export const CSV_FILES: Record<string, { file: string; columns: string[]; row: (r: Resource, s: CsvSystems) => Row }> = {
  Patient: {
    file: 'patients.csv',
    columns: ['action', 'downtime_id', 'uhid', 'abha', 'name', 'sex', 'birth_date', 'mobile', 'address', 'relative', 'relation', 'merged_ids', 'merged_into'],
    row: (r, s) => ({
      downtime_id: idOf(r, s.downtimeId) || str(r.id), merged_ids: a(r.identifier).filter((i) => i.system === s.mergedDowntimeId).map((i) => str(i.value)).join(' '),
      merged_into: refValue(o(a(r.link)[0]).other), uhid: idOf(r, s.uhid), abha: idOf(r, s.abha), name: str(a(r.name)[0]?.text),
      sex: str(r.gender), birth_date: str(r.birthDate), mobile: str(a(r.telecom)[0]?.value), address: str(a(r.address)[0]?.text),
      relative: str(o(a(r.contact)[0]?.name).text), relation: str(a(a(r.contact)[0]?.relationship)[0]?.text),
    }),
  },
  Encounter: {
    file: 'opd_visits.csv',
    columns: ['action', 'token', 'downtime_id', 'department', 'status', 'start', 'end', 'doctor', 'room'],
    row: (r) => ({
      token: str(a(r.identifier)[0]?.value), downtime_id: refValue(r.subject), department: str(o(r.serviceType).text), status: str(r.status),
      start: str(o(r.period).start), end: str(o(r.period).end), doctor: str(o(a(r.participant)[0]?.individual).display),
      room: str(o(a(r.location)[0]?.location).display),
    }),
  },
  /** In-patient encounters (class IMP): their own file, as a ward clerk back-enters admissions apart from OPD visits. */
  Admission: {
    file: 'admissions.csv',
    columns: ['action', 'ip_number', 'downtime_id', 'status', 'admitted_at', 'source', 'department', 'consultant', 'diagnosis', 'mlc', 'ward_bed', 'moves', 'discharged_at', 'discharge'],
    row: (r) => {
      const places = a(r.location);
      return {
        ip_number: str(a(r.identifier)[0]?.value), downtime_id: refValue(r.subject), status: str(r.status), admitted_at: str(o(r.period).start),
        source: str(o(o(r.hospitalization).admitSource).text), department: str(o(r.serviceType).text),
        consultant: str(o(a(r.participant)[0]?.individual).display), diagnosis: withoutPrefix(str(a(r.reasonCode)[0]?.text), DIAGNOSIS_PREFIX),
        mlc: a(r.type).length ? 'yes' : '', ward_bed: str(o(places.at(-1)?.location).display),
        moves: places.map((p) => `${str(o(p.location).display)} from ${str(o(p.period).start)}${o(p.period).end ? ` to ${str(o(p.period).end)}` : ''}`).join('; '),
        discharged_at: str(o(r.period).end), discharge: str(o(o(r.hospitalization).dischargeDisposition).text),
      };
    },
  },
  ServiceRequest: {
    file: 'lab_orders.csv',
    // Where it was ordered, as the ServiceRequest's encounter says it: the admission's IP number or
    // the emergency visit open then, and the location as the requisition printed it (an OPD order
    // has none: its department says where).
    columns: ['action', 'request', 'test', 'test_name', 'loinc', 'downtime_id', 'priority', 'requester', 'authored_on', 'department', 'ip_number', 'emergency_visit', 'ordered_in', 'specimens', 'notes'],
    row: (r, s) => ({
      ip_number: encounterOf(r, s.admission), emergency_visit: encounterOf(r, s.emergencyVisit),
      ordered_in: withoutPrefix(str(o(r.encounter).display), ORDERED_IN_PREFIX),
      request: str(o(r.requisition).value), test: codeIn(r.code, s.testCode), test_name: str(o(r.code).text), loinc: codeIn(r.code, LOINC),
      downtime_id: refValue(r.subject), priority: str(r.priority), requester: str(o(r.requester).display), authored_on: str(r.authoredOn),
      department: str(a(o(r.performerType).coding)[0]?.code), specimens: a(r.specimen).map(refValue).join(' '), notes: str(a(r.note)[0]?.text),
    }),
  },
  Specimen: {
    file: 'specimens.csv',
    columns: ['action', 'specimen', 'downtime_id', 'sample', 'container', 'status', 'collected_at', 'collected_by', 'received_at', 'rejection', 'notes'],
    row: (r) => ({
      specimen: str(o(r.accessionIdentifier).value), downtime_id: refValue(r.subject), sample: str(o(r.type).text),
      container: str(o(a(r.container)[0]?.type).text), status: str(r.status), collected_at: str(o(r.collection).collectedDateTime),
      collected_by: str(o(o(r.collection).collector).display), received_at: str(r.receivedTime), rejection: str(a(r.condition)[0]?.text),
      notes: a(r.note).map((n) => str(n.text)).join('; '),
    }),
  },
  Observation: {
    file: 'lab_results.csv',
    columns: ['action', 'specimen', 'analyte', 'name', 'loinc', 'value', 'unit', 'flag', 'reference_range', 'status', 'issued', 'performer', 'downtime_id'],
    row: (r, s) => {
      const q = o(r.valueQuantity);
      return {
        specimen: refValue(r.specimen), analyte: codeIn(r.code, s.analyteCode), name: str(o(r.code).text), loinc: codeIn(r.code, LOINC),
        value: typeof q.value === 'number' ? q.value : str(r.valueString), unit: str(q.unit),
        flag: str(a(o(a(r.interpretation)[0]).coding)[0]?.code), reference_range: str(a(r.referenceRange)[0]?.text),
        status: str(r.status), issued: str(r.issued),
        performer: str(a(r.performer)[0]?.display), downtime_id: refValue(r.subject),
      };
    },
  },
  DiagnosticReport: {
    file: 'lab_reports.csv',
    columns: ['action', 'specimen', 'downtime_id', 'tests', 'status', 'issued', 'entered_by', 'verified_by'],
    row: (r) => ({
      specimen: str(a(r.identifier)[0]?.value), downtime_id: refValue(r.subject), tests: str(o(r.code).text), status: str(r.status),
      issued: str(r.issued), entered_by: str(a(r.performer)[0]?.display), verified_by: str(a(r.resultsInterpreter)[0]?.display),
    }),
  },
  Provenance: {
    file: 'provenance.csv',
    columns: ['action', 'event', 'what', 'recorded', 'user', 'device', 'records'],
    row: (r) => ({
      event: refValue(a(r.entity)[0]?.what), what: str(o(r.activity).text),
      recorded: str(r.recorded), user: str(o(a(r.agent)[0]?.who).display), device: str(o(o(a(r.agent)[1]?.who).identifier).value),
      records: a(r.target).map((t) => `${str(t.type)} ${refValue(t)}`).join('; '),
    }),
  },
};

/** Which layout of CSV_FILES a change is written with: its resource type, but an admission apart from OPD visits. */
export function csvLayoutOf(c: Change): string {
  return c.resourceType === 'Encounter' && o(c.resource.class).code === 'IMP' ? 'Admission' : c.resourceType;
}

/** CSV text of some changes of one layout (csvLayoutOf), with the header line when `header` (the file's first chunk). */
export function csvChunk(layout: string, changes: readonly Change[], s: CsvSystems, header: boolean): string {
  const spec = CSV_FILES[layout];
  if (!spec) throw new Error(`no CSV layout for ${layout}`);
  const rows = changes.map((c) => {
    const row: Row = { action: c.create ? 'new' : 'update', ...spec.row(c.resource, s) };
    return spec.columns.map((col) => guardCell(row[col] ?? ''));
  });
  return stringify(rows, { header, columns: spec.columns, record_delimiter: 'windows' });
}
