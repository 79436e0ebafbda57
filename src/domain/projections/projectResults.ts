import type { AnyEvent } from '../events/envelope';
import { resultState, withRecord, type ResultRecord } from '../lab/results/resultState';
import type { LabResultRow } from './labRows';
import type { RowUpdate } from './rows';

/** The record a result event adds to its specimen's row, or null for other events. */
function recordOf(event: AnyEvent): { specimen: string; record: ResultRecord } | null {
  const base = { id: event._id, at: event.at, by: event.by };
  switch (event.type) {
    case 'result.drafted': {
      const { specimen, analyteVersion, values } = event.data;
      return { specimen, record: { ...base, kind: 'drafted', analyteVersion, values } };
    }
    case 'result.entered': {
      const { specimen, analyteVersion, values } = event.data;
      return { specimen, record: { ...base, kind: 'entered', analyteVersion, values } };
    }
    case 'result.verified':
      return { specimen: event.data.specimen, record: { ...base, kind: 'verified', version: event.data.version } };
    case 'result.amended': {
      const { specimen, analyteVersion, values, amends, reason } = event.data;
      return { specimen, record: { ...base, kind: 'amended', analyteVersion, values, amends, reason } };
    }
    case 'result.calledOut': {
      const { specimen, values, to, calledAt } = event.data;
      return { specimen, record: { ...base, kind: 'calledOut', values, to, calledAt } };
    }
    default:
      return null;
  }
}

/** The row from its records: the summary is recomputed whole, so arrival order never shows. */
export function resultRow(specimen: string, records: ResultRecord[]): LabResultRow {
  const s = resultState(records);
  const last = records[records.length - 1];
  const entered = s.released ?? s.pending;
  return {
    specimen, status: s.status, updatedAt: last?.at ?? '', records,
    ...(entered ? { enteredAt: entered.at, enteredBy: entered.by } : {}),
    ...(s.released?.verifiedAt ? { verifiedAt: s.released.verifiedAt, verifiedBy: s.released.verifiedBy } : {}),
  };
}

/**
 * Result events (issue 18) fold into one row per specimen holding every record. Results of a
 * specimen this device has not seen are kept all the same: the row waits for its request.
 */
export function projectResults(event: AnyEvent): RowUpdate[] {
  const found = recordOf(event);
  if (!found) return [];
  const { specimen, record } = found;
  const u: RowUpdate<'labResults'> = {
    table: 'labResults', key: specimen,
    update: (prev) => resultRow(specimen, withRecord(prev?.records ?? [], record)),
  };
  return [u as unknown as RowUpdate];
}
