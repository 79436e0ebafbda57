import type { AnyEvent } from '../events/envelope';
import { parseVisitId } from '../emergency/visitId';
import type { EmergencyVisitRow } from './emergencyRows';
import type { RowUpdate } from './rows';

const visitUpdate = (key: string, update: (prev: EmergencyVisitRow | undefined) => EmergencyVisitRow | undefined): RowUpdate =>
  ({ table: 'emergencyVisits', key, update } as unknown as RowUpdate);

/**
 * Emergency visits. Pulled events may come in any order: a triage folds only onto a visit already
 * there (a rebuild folds in log order), the latest triage by time wins, and the first disposition
 * recorded closes the visit for good.
 */
export function projectEmergency(event: AnyEvent): RowUpdate[] {
  switch (event.type) {
    case 'emergency.arrived': {
      const d = event.data;
      return [visitUpdate(d.visit, (prev) => prev ?? {
        visit: d.visit, patient: d.patient, device: event.device, number: parseVisitId(d.visit)?.number ?? 0,
        status: 'open', arrivedAt: event.at, arrivedBy: event.by, arrival: d.arrival,
        broughtBy: d.broughtBy, mlc: d.mlc, complaint: d.complaint,
      })];
    }
    case 'emergency.triaged': {
      const d = event.data;
      return [visitUpdate(d.visit, (prev) => {
        if (!prev || (prev.triagedAt && prev.triagedAt > event.at)) return prev;
        return { ...prev, category: d.category, triagedAt: event.at, triagedBy: event.by,
          complaint: d.complaint ?? prev.complaint, area: d.area ?? prev.area };
      })];
    }
    case 'emergency.disposed': {
      const d = event.data;
      return [visitUpdate(d.visit, (prev) => (!prev || (prev.disposedAt && prev.disposedAt <= event.at) ? prev : {
        ...prev, status: 'closed', disposition: d.disposition, disposedAt: event.at, disposedBy: event.by, note: d.note,
      }))];
    }
    default:
      return [];
  }
}
