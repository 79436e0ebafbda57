import type { SetupTarget } from './setup';
import { couchRequest, isRecord } from './http';
import { StartupError } from './errors';

export interface DeviceStatus {
  device: string;
  /** Highest sequence held centrally, and when that event happened on the device. */
  lastSeq: number;
  lastEventAt: string | null;
  /** When the device last finished a verified push (its status document). */
  syncedAt: string | null;
}

async function json(target: SetupTarget, path: string) {
  const res = await couchRequest(target.url, `${target.db}/${path}`, { auth: target.auth });
  if (res.status !== 200 || !isRecord(res.body)) throw new StartupError(`Cannot read ${path} from ${target.url}${target.db} (HTTP ${res.status}).`);
  return res.body;
}

/** Events per device (by their newest sequence) and when each device last synced. */
export async function centralStatus(target: SetupTarget): Promise<DeviceStatus[]> {
  const out: DeviceStatus[] = [];
  let start = 'ev:';
  for (;;) {
    const first = await json(target, `_all_docs?limit=1&startkey=${encodeURIComponent(JSON.stringify(start))}&endkey=${encodeURIComponent(JSON.stringify('ev:\ufff0'))}`);
    const row = (first.rows as Array<{ id: string }>)[0];
    if (!row) return out;
    const device = row.id.split(':')[1]!;
    const last = await json(target, `_all_docs?limit=1&descending=true&include_docs=true&startkey=${encodeURIComponent(JSON.stringify(`ev:${device}:\ufff0`))}&endkey=${encodeURIComponent(JSON.stringify(`ev:${device}:`))}`);
    const doc = (last.rows as Array<{ doc: { seq: number; at: string } }>)[0]?.doc;
    const status = await couchRequest(target.url, `${target.db}/${encodeURIComponent(`device:${device}`)}`, { auth: target.auth });
    out.push({
      device, lastSeq: doc?.seq ?? 0, lastEventAt: doc?.at ?? null,
      syncedAt: status.status === 200 && isRecord(status.body) ? String(status.body.syncedAt) : null,
    });
    start = `ev:${device}:\ufff0`;
  }
}
