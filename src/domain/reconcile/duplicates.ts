import type { HisRecord } from '../hisIndex/record';
import { rankCandidates, type Candidate, type DowntimePatient } from '../hisIndex/score';
import type { PatientRow } from '../projections/rows';

/** What the reconciliation compares of a downtime patient (the alias of an unnamed one is no name). */
export const asDowntime = (p: PatientRow): DowntimePatient => ({
  name: p.unnamed ? undefined : p.name, sex: p.sex, birth: p.birth, registeredDay: p.registeredDay, mobile: p.mobile, address: p.address, uhid: p.uhid,
});

/** Another downtime patient seen as an index record, so score.ts weighs a duplicate as it weighs an HIS match. */
function asRecord(p: PatientRow): HisRecord {
  const address = p.address ? [p.address.line, p.address.locality, p.address.district, p.address.state, p.address.pin].filter(Boolean).join(', ') : '';
  return {
    uhid: p.patient, name: p.unnamed ? '' : p.name, sex: p.sex, birth: p.birth, ageDay: p.registeredDay,
    ...(p.mobile ? { mobile: p.mobile } : {}), ...(address ? { address } : {}),
  };
}

/**
 * The downtime patients most like this one (registered on two tablets, or twice at one desk):
 * the merge's suggestions, best first, each with the same evidence as an HIS candidate. The
 * typed UHID is left out of the comparison: it is not a downtime ID.
 */
export function duplicateCandidates(patient: PatientRow, others: Iterable<PatientRow>, limit = 3): Candidate[] {
  const rows = [...others].filter((o) => o.patient !== patient.patient).map(asRecord);
  return rankCandidates({ ...asDowntime(patient), uhid: undefined }, rows, limit).filter((c) => c.score > 0);
}
