/**
 * The ordering location of a requisition, as the slip prints it: the ward and bed of an open
 * admission ("SURG bed 3"), else the emergency area of an open visit ("Emergency · Resus bay 1",
 * or the visit ID before triage gave it an area), else none (an OPD patient).
 */
export function locationOf(
  admission: { ward: string; bed: string } | undefined,
  visit: { visit: string; area?: string | undefined } | undefined,
): string | undefined {
  if (admission) return `${admission.ward} bed ${admission.bed}`;
  if (visit) return `Emergency · ${visit.area ?? visit.visit}`;
  return undefined;
}
