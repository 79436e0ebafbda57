import { createPouchEventLog, type EventLog } from './eventLog';
import type { KeyRing } from './keyRing';
import { pouchLegacyLog, type LegacyLog } from './legacyLog';
import type { Locks } from './locks';
import { idbEventRange } from './idbEventRange';
import { openedEvents, sealEvents } from './sealedEvents';

/** The sealed log; the release before sealing kept a plaintext one under LEGACY_EVENT_DB_NAME. */
export const EVENT_DB_NAME = 'downtime-desk-log';
export const LEGACY_EVENT_DB_NAME = 'downtime-desk-events';

/**
 * PouchDB is loaded on demand: the login screen does not need it, and it is a large share of the
 * JavaScript a cheap tablet would otherwise parse before showing anything.
 */
export async function openPouchLog(device: string, locks: Locks, now: () => Date, keyRing: KeyRing, name = EVENT_DB_NAME): Promise<EventLog> {
  const { default: PouchDB } = await import('pouchdb-browser');
  const db = sealEvents(new PouchDB(name), keyRing);
  return createPouchEventLog({
    db, device, locks, now, rangeReader: idbEventRange(name, openedEvents(keyRing)),
    openRemote: (source) => new PouchDB(new URL(source.url, location.href).href, { auth: { username: source.username, password: source.password }, skip_setup: true }),
  });
}

export async function openLegacyPouchLog(): Promise<LegacyLog> {
  const { default: PouchDB } = await import('pouchdb-browser');
  return pouchLegacyLog(new PouchDB(LEGACY_EVENT_DB_NAME));
}
