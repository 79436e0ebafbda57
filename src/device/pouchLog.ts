import { createPouchEventLog, type EventLog } from './eventLog';
import type { Locks } from './locks';

export const EVENT_DB_NAME = 'downtime-desk-events';

/**
 * PouchDB is loaded on demand: the login screen does not need it, and it is a large share of the
 * JavaScript a cheap tablet would otherwise parse before showing anything.
 */
export async function openPouchLog(device: string, locks: Locks, now: () => Date, name = EVENT_DB_NAME): Promise<EventLog> {
  const { default: PouchDB } = await import('pouchdb-browser');
  const db = new PouchDB(name);
  return createPouchEventLog({
    db, device, locks, now,
    openRemote: (source) => new PouchDB(new URL(source.url, location.href).href, { auth: { username: source.username, password: source.password }, skip_setup: true }),
  });
}
