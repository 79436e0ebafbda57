import type { AdmitSource, Discharge } from '../wards/codes';
import { fhirId, ref, type Resource } from './resources';
import { ACT_CODE_SYSTEM, type ExportSystems } from './systems';

/** How the encounter's reason reads; the CSV takes the diagnosis back out of it. */
export const DIAGNOSIS_PREFIX = 'Provisional diagnosis: ';

/** One place an admitted patient lay in, from the admission or a transfer until the next move. */
export interface AdmissionPlace { ward: string; bed: string; at: string }

/** An in-patient admission as the export keeps it between its events (issue 14, point 5). */
export interface AdmissionState {
  patient: string;
  admittedAt: string;
  /** In time order; the last is where the patient lies now (or lay when discharged). */
  places: AdmissionPlace[];
  source: AdmitSource;
  visit?: string;
  dept: string;
  consultant: string;
  diagnosis: string;
  mlc: boolean;
  outcome?: Discharge;
  diedAt?: string;
  dischargedAt?: string;
  /** When a clerk marked the admission entered in error: it was never a stay. */
  enteredInErrorAt?: string;
  errorReason?: string;
}

const ADMIT_SOURCE = 'http://terminology.hl7.org/CodeSystem/admit-source';
const DISCHARGE_DISPOSITION = 'http://terminology.hl7.org/CodeSystem/discharge-disposition';
const PARTICIPATION_TYPE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

/** A direct admission has no code of its own in FHIR's list: text only. */
const SOURCE: Record<AdmitSource, { code?: string; text: string }> = {
  emergency: { code: 'emd', text: 'From the emergency department' },
  opd: { code: 'outp', text: 'From the OPD' },
  direct: { text: 'Direct admission' },
};

/** Absconded is not in FHIR's list ("oth" with the words); LAMA is "left against advice". */
const DISPOSITION: Record<Discharge, { code: string; text: string }> = {
  normal: { code: 'home', text: 'Discharged' },
  lama: { code: 'aadvice', text: 'Left against medical advice' },
  referred: { code: 'other-hcf', text: 'Referred to another hospital' },
  absconded: { code: 'oth', text: 'Absconded' },
  death: { code: 'exp', text: 'Died' },
};

/** Ward and bed in words the HIS clerk can match to its own locations. */
export const placeText = (p: { ward: string; bed: string }, wardName?: string) =>
  `${wardName ? `${wardName} (${p.ward})` : `Ward ${p.ward}`}, bed ${p.bed}`;

/**
 * An in-patient admission: class IMP, the IP number as identifier, every ward and bed the patient
 * lay in with its period (the current one active), the admitting department and consultant, the
 * provisional diagnosis as text, where the patient came from (the emergency visit as `partOf`
 * when the export holds it) and how the admission ended. The time of a death goes with the
 * disposition; the Patient resource is not this mapping's to change. An admission entered in
 * error is `entered-in-error` (FHIR's status for a record that should never have existed), its
 * reason in the narrative.
 */
export function inpatientEncounterResource(
  s: ExportSystems, admission: string, a: AdmissionState, wardNames: ReadonlyMap<string, string>, visitKnown: boolean,
): Resource {
  const endedAt = a.enteredInErrorAt ?? a.dischargedAt;
  const ended = endedAt !== undefined;
  const location = a.places.map((p, i) => {
    const end = a.places[i + 1]?.at ?? endedAt;
    return {
      location: { display: placeText(p, wardNames.get(p.ward)) },
      status: end === undefined ? 'active' : 'completed',
      period: { start: p.at, ...(end !== undefined ? { end } : {}) },
    };
  });
  const source = SOURCE[a.source];
  const outcome = a.outcome ? DISPOSITION[a.outcome] : undefined;
  return {
    resourceType: 'Encounter',
    id: fhirId(admission),
    identifier: [{ system: s.admission, value: admission, type: { text: 'IP number' } }],
    status: a.enteredInErrorAt !== undefined ? 'entered-in-error' : ended ? 'finished' : 'in-progress',
    class: { system: ACT_CODE_SYSTEM, code: 'IMP', display: 'inpatient encounter' },
    ...(a.mlc ? { type: [{ text: 'Medico-legal case' }] } : {}),
    serviceType: { coding: [{ system: s.department, code: a.dept }], text: a.dept },
    subject: ref('Patient', s.downtimeId, a.patient),
    participant: [{ type: [{ coding: [{ system: PARTICIPATION_TYPE, code: 'ATND', display: 'attender' }] }], individual: { display: a.consultant } }],
    period: { start: a.admittedAt, ...(ended ? { end: endedAt } : {}) },
    reasonCode: [{ text: `${DIAGNOSIS_PREFIX}${a.diagnosis}` }],
    ...(a.errorReason !== undefined ? { text: { status: 'generated', div: errorDiv(a.errorReason) } } : {}),
    hospitalization: {
      admitSource: { ...(source.code ? { coding: [{ system: ADMIT_SOURCE, code: source.code }] } : {}), text: source.text },
      ...(outcome ? {
        dischargeDisposition: {
          coding: [{ system: DISCHARGE_DISPOSITION, code: outcome.code }],
          text: a.diedAt ? `${outcome.text} at ${a.diedAt}` : outcome.text,
        },
      } : {}),
    },
    location,
    ...(a.visit && visitKnown ? { partOf: ref('Encounter', s.emergencyVisit, a.visit) } : {}),
  };
}

/** The narrative of an admission entered in error: XHTML, the reason escaped. */
function errorDiv(reason: string): string {
  const escaped = reason.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<div xmlns="http://www.w3.org/1999/xhtml">Entered in error: ${escaped}</div>`;
}
