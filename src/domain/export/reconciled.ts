import { ref, type Resource } from './resources';
import { V2_IDENTIFIER_TYPE, type ExportSystems } from './systems';

/** What the reconciliation says about one exported patient. */
export interface PatientLinks {
  /** The UHID an administrator linked (checked against the HIS index), while linked without conflict. */
  uhid?: string | undefined;
  /** Downtime patients merged into this one (directly or through others). */
  mergedIn: readonly string[];
  /** This patient was merged into another: it is that one now. */
  replacedBy?: string | undefined;
}

type IdentifierJson = { system?: string; use?: string; value?: string };

/**
 * A Patient resource as the reconciliation leaves it. Linked: the checked UHID is the official
 * identifier (a different UHID typed at the desk was not the patient's, so it goes). Merged
 * patients are one Patient carrying every downtime ID: the merged ones as `old`, under a system
 * of their own (mergedDowntimeId). The patient merged away keeps its own downtime ID, so every
 * later update addressed to it (a correction, the merge undone) still finds it and never the
 * patient kept, and is inactive, `replaced-by` the one kept: FHIR's way of saying two records
 * are one person, which records referring to it follow.
 */
export function reconciledPatient(s: ExportSystems, resource: Resource, links: PatientLinks): Resource {
  if (links.replacedBy) {
    return { ...resource, active: false, link: [{ other: ref('Patient', s.downtimeId, links.replacedBy), type: 'replaced-by' }] };
  }
  if (!links.uhid && links.mergedIn.length === 0) return resource;
  const given = (resource.identifier as IdentifierJson[] | undefined) ?? [];
  const identifier: unknown[] = links.uhid ? given.filter((i) => i.system !== s.uhid) : [...given];
  for (const id of links.mergedIn) identifier.push({ use: 'old', system: s.mergedDowntimeId, value: id, type: { text: 'Downtime ID (merged)' } });
  if (links.uhid) identifier.push({ use: 'official', system: s.uhid, value: links.uhid, type: { coding: [{ system: V2_IDENTIFIER_TYPE, code: 'MR' }], text: 'UHID' } });
  return { ...resource, identifier };
}
