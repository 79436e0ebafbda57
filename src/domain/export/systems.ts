/**
 * The identifier and code systems the export writes. The hospital's own numbers (downtime IDs,
 * UHIDs, tokens, specimens) need systems the HIS recognises, so each is configurable; the
 * defaults are URNs of this product. ABHA numbers use the system of ABDM's FHIR implementation
 * guide (NRCeS, FHIR IG for ABDM), so a national ID keeps one system in every hospital.
 */
export interface ExportSystems {
  downtimeId: string;
  /**
   * Downtime IDs of patients merged into the one exported: a system of their own, so that a
   * conditional update addressed to a merged patient's own ID never lands on the patient kept.
   */
  mergedDowntimeId: string;
  uhid: string;
  abha: string;
  token: string;
  emergencyVisit: string;
  /** In-patient admissions by IP number. */
  admission: string;
  labRequest: string;
  specimen: string;
  observation: string;
  report: string;
  device: string;
  testCode: string;
  analyteCode: string;
  sampleCode: string;
  containerCode: string;
  department: string;
}

/** ABDM FHIR IG's system for the ABHA number (the 14-digit health ID). */
export const ABDM_ABHA_SYSTEM = 'https://healthid.ndhm.gov.in';
export const LOINC_SYSTEM = 'http://loinc.org';
/** HL7 v2 table 0203: identifier type (MR = medical record number). */
export const V2_IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';
/** HL7 v2 table 0493: specimen condition (HEM haemolysed, CLOT clotted). */
export const V2_SPECIMEN_CONDITION = 'http://terminology.hl7.org/CodeSystem/v2-0493';
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const PROVENANCE_AGENT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

const own = (what: string) => `urn:downtime-desk:${what}`;

export const DEFAULT_SYSTEMS: ExportSystems = {
  downtimeId: own('downtime-id'),
  mergedDowntimeId: own('merged-downtime-id'),
  uhid: own('uhid'),
  abha: ABDM_ABHA_SYSTEM,
  token: own('opd-token'),
  emergencyVisit: own('emergency-visit'),
  admission: own('ip-number'),
  labRequest: own('lab-request'),
  specimen: own('specimen'),
  observation: own('observation'),
  report: own('lab-report'),
  device: own('device'),
  testCode: own('lab-test'),
  analyteCode: own('lab-analyte'),
  sampleCode: own('sample'),
  containerCode: own('container'),
  department: own('department'),
};

const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/**
 * The systems a hospital configured (a JSON object of some of the keys above) over the
 * defaults. An unknown key or a value that is not a URI is an error, not ignored: a typo would
 * otherwise put every identifier under a system the HIS does not know.
 */
export function systemsFrom(overrides: unknown): ExportSystems {
  if (overrides === undefined || overrides === null) return { ...DEFAULT_SYSTEMS };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) throw new Error('identifier systems: expected a JSON object');
  const out = { ...DEFAULT_SYSTEMS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_SYSTEMS)) throw new Error(`identifier systems: unknown key "${key}" (known: ${Object.keys(DEFAULT_SYSTEMS).join(', ')})`);
    if (typeof value !== 'string' || !URI.test(value)) throw new Error(`identifier systems: "${key}" must be a URI`);
    out[key as keyof ExportSystems] = value;
  }
  return out;
}
