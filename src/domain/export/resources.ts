import type { PatientFields } from '../patients/fields';
import { birthDay } from '../patients/age';
import { CONTAINER_LABEL, type Container, type Sample } from '../lab/containers';
import { DEFAULT_CATALOGUE } from '../lab/defaultCatalogue';
import type { RejectReason } from '../lab/status';
import type { AnalyteCatalogue } from '../lab/results/analytes';
import { DEFAULT_ANALYTES } from '../lab/results/defaultAnalytes';
import type { FlaggedEntry, ResultEntry } from '../lab/results/sheet';
import { formatRange } from '../lab/results/values';
import {
  ACT_CODE_SYSTEM, LOINC_SYSTEM, PROVENANCE_AGENT_TYPE, V2_IDENTIFIER_TYPE, V2_SPECIMEN_CONDITION, type ExportSystems,
} from './systems';

/** A FHIR R4 resource as plain JSON. */
export type Resource = { resourceType: string; id: string } & Record<string, unknown>;

export interface Identifier { system: string; value: string }

/**
 * A reference by identifier (a logical reference). The bundle writer turns it into a reference
 * the HIS resolves: to the entry in the same transaction, or a conditional reference.
 */
export interface LogicalRef { type: string; identifier: Identifier; display?: string }

/** FHIR ids allow letters, digits, '-' and '.': our IDs are made of those once '/' is a '.'. */
export const fhirId = (value: string) => value.replace(/[^A-Za-z0-9.-]/g, '.').slice(0, 64);

export const ref = (type: string, system: string, value: string, display?: string): LogicalRef =>
  ({ type, identifier: { system, value }, ...(display ? { display } : {}) });

const GENDER = { M: 'male', F: 'female', O: 'other', U: 'unknown' } as const;
const RELATION_TEXT: Record<string, string> = {
  father: 'Father', mother: 'Mother', husband: 'Husband', wife: 'Wife', son: 'Son', daughter: 'Daughter', guardian: 'Guardian', other: 'Other',
};

/**
 * A date of birth as FHIR takes it: the date when the patient knew it, otherwise only the year
 * (the month for a baby) that the stated age points to, as a partial date: "about 45" is not a
 * birthday.
 */
function birthDate(fields: PatientFields, registeredDay: string): string {
  if (fields.birth.kind === 'dob') return fields.birth.dob;
  const born = birthDay(fields.birth, registeredDay);
  return fields.birth.years === 0 ? born.slice(0, 7) : born.slice(0, 4);
}

export function patientResource(s: ExportSystems, downtimeId: string, fields: PatientFields, registeredDay: string): Resource {
  const identifier: unknown[] = [{ use: 'secondary', system: s.downtimeId, value: downtimeId, type: { text: 'Downtime ID' } }];
  // A UHID typed at the desk is what the clerk was told, not a checked link: it goes as given.
  if (fields.uhid) identifier.push({ use: 'usual', system: s.uhid, value: fields.uhid, type: { coding: [{ system: V2_IDENTIFIER_TYPE, code: 'MR' }], text: 'UHID' } });
  if (fields.abha) identifier.push({ system: s.abha, value: fields.abha, type: { text: 'ABHA number' } });
  const a = fields.address;
  const r = fields.relative;
  // An unknown patient is exported under the alias the desk gave, marked as such (FHIR's
  // "anonymous" name use), so the HIS does not take it for a real name; a real name found later
  // comes as a correction and is the usual name.
  const names = [
    ...(fields.name ? [{ use: 'usual', text: fields.name }] : []),
    ...(fields.alias ? [{ use: fields.name ? 'old' : 'anonymous', text: fields.alias }] : []),
  ];
  const addressText = a ? [a.line, a.locality, a.district, a.state, a.pin].filter(Boolean).join(', ') : '';
  return {
    resourceType: 'Patient',
    id: fhirId(downtimeId),
    identifier,
    active: true,
    name: names,
    gender: GENDER[fields.sex],
    birthDate: birthDate(fields, registeredDay),
    ...(fields.mobile ? { telecom: [{ system: 'phone', value: fields.mobile, use: 'mobile' }] } : {}),
    ...(a && addressText ? {
      address: [{
        use: 'home',
        ...(a.line ? { line: [a.line] } : {}),
        ...(a.locality ? { city: a.locality } : {}),
        ...(a.district ? { district: a.district } : {}),
        ...(a.state ? { state: a.state } : {}),
        ...(a.pin ? { postalCode: a.pin } : {}),
        country: 'IN',
        text: addressText,
      }],
    } : {}),
    ...(r && (r.name || r.relation) ? {
      contact: [{
        ...(r.relation ? { relationship: [{ text: RELATION_TEXT[r.relation] ?? r.relation }] } : {}),
        ...(r.name ? { name: { text: r.name } } : {}),
      }],
    } : {}),
  };
}

export type EncounterStatus = 'planned' | 'arrived' | 'in-progress' | 'finished' | 'cancelled';

export interface TokenState {
  patient: string;
  dept: string;
  day: string;
  issuedAt: string;
  status: EncounterStatus;
  endAt?: string;
  doctor?: string;
  room?: string;
  reason?: string;
}

export function encounterResource(s: ExportSystems, key: string, t: TokenState): Resource {
  return {
    resourceType: 'Encounter',
    id: fhirId(key),
    identifier: [{ system: s.token, value: key }],
    status: t.status,
    class: { system: ACT_CODE_SYSTEM, code: 'AMB', display: 'ambulatory' },
    serviceType: { coding: [{ system: s.department, code: t.dept }], text: t.dept },
    subject: ref('Patient', s.downtimeId, t.patient),
    ...(t.doctor ? { participant: [{ individual: { display: t.doctor } }] } : {}),
    period: { start: t.issuedAt, ...(t.endAt ? { end: t.endAt } : {}) },
    ...(t.room ? { location: [{ location: { display: t.room } }] } : {}),
  };
}

/** An emergency visit as the export keeps it between its events (issue 14). */
export interface EmergencyVisitState {
  patient: string;
  arrivedAt: string;
  arrival: string;
  status: 'arrived' | 'triaged' | 'finished';
  complaint?: string;
  triage?: string;
  area?: string;
  mlc: boolean;
  disposition?: string;
  endAt?: string;
}

/**
 * An emergency visit: class EMER, the triage category as its priority (red/yellow/green/black
 * are the department's own scale, so text, not a code), how the patient came as the admission's
 * origin, and the disposition. A medico-legal case is marked; the police details stay on the
 * tablets' records and printouts, not in the HIS hand-over.
 */
export function emergencyEncounterResource(s: ExportSystems, visit: string, v: EmergencyVisitState): Resource {
  return {
    resourceType: 'Encounter',
    id: fhirId(visit),
    identifier: [{ system: s.emergencyVisit, value: visit }],
    status: v.status,
    class: { system: ACT_CODE_SYSTEM, code: 'EMER', display: 'emergency' },
    ...(v.mlc ? { type: [{ text: 'Medico-legal case' }] } : {}),
    ...(v.triage ? { priority: { text: `Triage ${v.triage}` } } : {}),
    subject: ref('Patient', s.downtimeId, v.patient),
    period: { start: v.arrivedAt, ...(v.endAt ? { end: v.endAt } : {}) },
    ...(v.complaint ? { reasonCode: [{ text: v.complaint }] } : {}),
    hospitalization: {
      admitSource: { text: v.arrival },
      ...(v.disposition ? { dischargeDisposition: { text: v.disposition } } : {}),
    },
    ...(v.area ? { location: [{ location: { display: v.area } }] } : {}),
  };
}

const TESTS = new Map(DEFAULT_CATALOGUE.tests.map((t) => [t.code, t]));

/**
 * LOINC for a test where one code says the same thing: a test that measures a single analyte
 * with a LOINC code (HB, RBS, TROP…), as the analyte version in question gives it (an
 * administrator's edit may change it). Panels keep the hospital's own code and name only rather
 * than a panel code that may not match what the lab runs.
 */
export function testLoinc(code: string, analytes: AnalyteCatalogue = DEFAULT_ANALYTES): string | undefined {
  const list = analytes.tests[code];
  return list && list.length === 1 ? list[0]!.loinc : undefined;
}

export function testCoding(s: ExportSystems, code: string, analytes: AnalyteCatalogue = DEFAULT_ANALYTES) {
  const name = TESTS.get(code)?.name ?? code;
  const loinc = testLoinc(code, analytes);
  return {
    coding: [{ system: s.testCode, code, display: name }, ...(loinc ? [{ system: LOINC_SYSTEM, code: loinc }] : [])],
    text: name,
  };
}

export interface RequestInfo {
  request: string;
  patient: string;
  priority: 'routine' | 'urgent' | 'stat';
  dept: string;
  clinician: string;
  notes?: string;
  at: string;
  specimens: string[];
  /** The admission or emergency visit open when it was ordered (its Encounter carries the ward and bed). */
  encounter?: { system: string; value: string };
  /** The ordering location as the requisition printed it ("SURG bed 3", "Emergency · Resus bay 1"). */
  location?: string;
}

/**
 * Where the test was ordered, as R4 says it: `encounter`, the encounter in which the request was
 * made (the admission or emergency visit, whose Encounter holds the ward and bed or the area),
 * with the location in words as the reference's display; only the words when the export holds
 * no such encounter. An OPD order has neither: its department is the performer type's.
 */
/** What the reference's display puts before the location; the CSV strips it to give the words alone. */
export const ORDERED_IN_PREFIX = 'Ordered in ';

function orderedIn(r: RequestInfo): Record<string, unknown> {
  const display = r.location ? `${ORDERED_IN_PREFIX}${r.location}` : undefined;
  if (r.encounter) return { encounter: ref('Encounter', r.encounter.system, r.encounter.value, display) };
  return display ? { encounter: { display } } : {};
}

export const serviceRequestKey = (request: string, test: string) => `${request}.${test}`;

/** `analytes`: the version in force when the test was ordered (its LOINC code, for a single-analyte test). */
export function serviceRequestResource(s: ExportSystems, r: RequestInfo, test: string, status: 'active' | 'completed' | 'revoked', analytes: AnalyteCatalogue = DEFAULT_ANALYTES): Resource {
  const key = serviceRequestKey(r.request, test);
  return {
    resourceType: 'ServiceRequest',
    id: fhirId(key),
    identifier: [{ system: s.labRequest, value: key }],
    requisition: { system: s.labRequest, value: r.request },
    status,
    intent: 'order',
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }] }],
    priority: r.priority,
    code: testCoding(s, test, analytes),
    subject: ref('Patient', s.downtimeId, r.patient),
    ...orderedIn(r),
    authoredOn: r.at,
    requester: { display: r.clinician },
    performerType: { coding: [{ system: s.department, code: r.dept }], text: `Ordered from ${r.dept}` },
    specimen: r.specimens.map((id) => ref('Specimen', s.specimen, id)),
    ...(r.notes ? { note: [{ text: r.notes }] } : {}),
  };
}

export interface SpecimenState {
  request: string;
  patient: string;
  container: Container;
  sample: Sample;
  tests: string[];
  requestedAt: string;
  collectedAt?: string;
  collectedBy?: string;
  receivedAt?: string;
  receivedBy?: string;
  reportedAt?: string;
  rejectedAt?: string;
  rejectedBy?: string;
  reason?: RejectReason;
  note?: string;
  /** Results were entered once: later versions update the same Observations. */
  resultsEntered?: true;
}

const SAMPLE_TEXT: Record<Sample, string> = {
  wholeBlood: 'Whole blood', serum: 'Serum', plasma: 'Plasma', arterialBlood: 'Arterial blood', urine: 'Urine', stool: 'Stool',
  sputum: 'Sputum', csf: 'Cerebrospinal fluid', pus: 'Pus', swab: 'Swab', fluid: 'Body fluid',
};
const CONDITION: Partial<Record<RejectReason, string>> = { haemolysed: 'HEM', clotted: 'CLOT' };

export function specimenResource(s: ExportSystems, id: string, sp: SpecimenState): Resource {
  const notes = [
    ...(sp.receivedAt ? [{ text: `Received in the lab${sp.receivedBy ? ` by ${sp.receivedBy}` : ''}`, time: sp.receivedAt, ...(sp.receivedBy ? { authorString: sp.receivedBy } : {}) }] : []),
    ...(sp.reason ? [{ text: `Rejected: ${sp.reason}${sp.note ? ` (${sp.note})` : ''}`, time: sp.rejectedAt, ...(sp.rejectedBy ? { authorString: sp.rejectedBy } : {}) }] : []),
  ];
  const code = sp.reason ? CONDITION[sp.reason] : undefined;
  return {
    resourceType: 'Specimen',
    id: fhirId(id),
    identifier: [{ system: s.specimen, value: id }],
    accessionIdentifier: { system: s.specimen, value: id },
    // A rejected tube is there but unfit: "unsatisfactory", with the reason as its condition;
    // a label printed for a tube not yet filled has no status yet.
    ...(sp.reason ? { status: 'unsatisfactory' } : sp.collectedAt ? { status: 'available' } : {}),
    type: { coding: [{ system: s.sampleCode, code: sp.sample }], text: SAMPLE_TEXT[sp.sample] },
    subject: ref('Patient', s.downtimeId, sp.patient),
    ...(sp.receivedAt ? { receivedTime: sp.receivedAt } : {}),
    request: sp.tests.map((t) => ref('ServiceRequest', s.labRequest, serviceRequestKey(sp.request, t))),
    ...(sp.collectedAt ? { collection: { collectedDateTime: sp.collectedAt, ...(sp.collectedBy ? { collector: { display: sp.collectedBy } } : {}) } } : {}),
    container: [{ type: { coding: [{ system: s.containerCode, code: sp.container }], text: CONTAINER_LABEL[sp.container] } }],
    ...(sp.reason ? { condition: [{ ...(code ? { coding: [{ system: V2_SPECIMEN_CONDITION, code }] } : {}), text: sp.reason }] } : {}),
    ...(notes.length ? { note: notes } : {}),
  };
}

export type ReportStatus = 'preliminary' | 'final' | 'amended';

export const observationKey = (specimen: string, e: { test: string; analyte: string }) => `${specimen}.${e.test}.${e.analyte}`;

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/**
 * One analyte's value. Its name, unit, LOINC code, reference range and flag come from the analyte
 * version the result was entered with (`e.def`, `e.range`, `e.flag`: flagEntries on that
 * version), never from the built-in catalogue: a lab that changed a unit or a range hands over
 * what its report printed.
 */
export function observationResource(s: ExportSystems, specimen: string, sp: SpecimenState, e: FlaggedEntry, status: ReportStatus, at: string, by: string): Resource {
  const key = observationKey(specimen, e);
  const a = e.def;
  const unit = a && a.kind === 'number' && a.unit ? a.unit : undefined;
  const value = typeof e.value === 'number'
    ? { valueQuantity: { value: e.value, ...(unit ? { unit } : {}) } }
    : { valueString: e.value };
  const quantity = (n: number) => ({ value: n, ...(unit ? { unit } : {}) });
  const r = e.range;
  const rangeText = a && a.kind === 'number' ? formatRange(a, r) : '';
  return {
    resourceType: 'Observation',
    id: fhirId(key),
    identifier: [{ system: s.observation, value: key }],
    basedOn: [ref('ServiceRequest', s.labRequest, serviceRequestKey(sp.request, e.test))],
    status,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: {
      coding: [
        { system: s.analyteCode, code: `${e.test}.${e.analyte}`, ...(a ? { display: a.name } : {}) },
        ...(a?.loinc ? [{ system: LOINC_SYSTEM, code: a.loinc }] : []),
      ],
      text: a?.name ?? e.analyte,
    },
    subject: ref('Patient', s.downtimeId, sp.patient),
    effectiveDateTime: sp.collectedAt ?? at,
    issued: at,
    performer: [{ display: by }],
    ...value,
    ...(e.flag ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: e.flag }] }] } : {}),
    ...(e.calculated ? { note: [{ text: 'Calculated from other results' }] } : {}),
    specimen: ref('Specimen', s.specimen, specimen),
    ...(r && rangeText ? {
      referenceRange: [{
        ...(r.low !== undefined ? { low: quantity(r.low) } : {}),
        ...(r.high !== undefined ? { high: quantity(r.high) } : {}),
        text: rangeText,
      }],
    } : {}),
  };
}

/** `analytes`: the version the report's values were entered with (a single test's LOINC code). */
export function diagnosticReportResource(s: ExportSystems, specimen: string, sp: SpecimenState, entries: readonly ResultEntry[], status: ReportStatus, at: string, by: string, analytes: AnalyteCatalogue, verifiedBy?: string): Resource {
  const tests = [...new Set(entries.map((e) => e.test))];
  return {
    resourceType: 'DiagnosticReport',
    id: fhirId(specimen),
    identifier: [{ system: s.report, value: specimen }],
    basedOn: tests.map((t) => ref('ServiceRequest', s.labRequest, serviceRequestKey(sp.request, t))),
    status,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: tests.length === 1 ? testCoding(s, tests[0]!, analytes) : { coding: tests.map((t) => ({ system: s.testCode, code: t })), text: tests.join(', ') },
    subject: ref('Patient', s.downtimeId, sp.patient),
    effectiveDateTime: sp.collectedAt ?? at,
    issued: at,
    performer: [{ display: by }],
    ...(verifiedBy ? { resultsInterpreter: [{ display: verifiedBy }] } : {}),
    specimen: [ref('Specimen', s.specimen, specimen)],
    result: entries.map((e) => ref('Observation', s.observation, observationKey(specimen, e))),
  };
}

/** Who did it and on which tablet: one Provenance per event that changed what the HIS gets. */
export function provenanceResource(s: ExportSystems, event: { _id: string; type: string; device: string; at: string; by: string }, targets: LogicalRef[]): Resource {
  return {
    resourceType: 'Provenance',
    id: fhirId(event._id.replace(/:/g, '-')),
    target: targets,
    recorded: event.at,
    activity: { text: event.type },
    agent: [
      { type: { coding: [{ system: PROVENANCE_AGENT_TYPE, code: 'author' }] }, who: { display: event.by } },
      { type: { coding: [{ system: PROVENANCE_AGENT_TYPE, code: 'device' }] }, who: { type: 'Device', identifier: { system: s.device, value: event.device }, display: `Downtime Desk tablet ${event.device}` } },
    ],
    entity: [{ role: 'source', what: { identifier: { system: `${s.device}:event`, value: event._id }, display: `${event.type} ${event._id}` } }],
  };
}
