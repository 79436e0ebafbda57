import type { Arrival, Disposition, Triage } from '../emergency/codes';

/** One emergency visit: arrival, the latest triage, the disposition. */
export interface EmergencyVisitRow {
  visit: string;
  patient: string;
  device: string;
  number: number;
  /** 'open' while on the board; 'closed' once a disposition is recorded. */
  status: 'open' | 'closed';
  arrivedAt: string;
  arrivedBy: string;
  arrival: Arrival;
  broughtBy?: string | undefined;
  mlc?: { station: string; officer?: string | undefined; entry?: string | undefined } | undefined;
  complaint?: string | undefined;
  category?: Triage | undefined;
  triagedAt?: string | undefined;
  triagedBy?: string | undefined;
  area?: string | undefined;
  disposition?: Disposition | undefined;
  disposedAt?: string | undefined;
  disposedBy?: string | undefined;
  note?: string | undefined;
}
