import { createPouchEventLog, type EventLog } from './eventLog';
import type { KeyRing } from './keyRing';
import type { LegacyLog } from './legacyLog';
import type { Locks } from './locks';
import { idbEventRange } from './idbEventRange';
import { openedEvents, sealEvents } from './sealedEvents';

/** The sealed log; the release before sealing kept a plaintext one under LEGACY_EVENT_DB_NAME. */
export const EVENT_DB_NAME = 'downtime-desk-log';
export const LEGACY_EVENT_DB_NAME = 'downtime-desk-events';

/**
 * PouchDB is loaded on demand: the login screen does not need it, and it is a large share of the
 * JavaScript a cheap tablet would otherwise parse before showing anything. Only the local log's
 * part comes with the desk (localPouch.ts); what a pull needs comes with the first pull
 * (remotePouch.ts), into the same PouchDB, so the open log replicates from the remote one.
 */
export async function openPouchLog(device: string, locks: Locks, now: () => Date, keyRing: KeyRing, name = EVENT_DB_NAME): Promise<EventLog> {
  const { openLocalPouch } = await import('./localPouch');
  const db = sealEvents(openLocalPouch(name), keyRing);
  return createPouchEventLog({
    db, device, locks, now, rangeReader: idbEventRange(name, openedEvents(keyRing)),
    openRemote: async (source) => {
      const { openRemotePouch } = await import('./remotePouch');
      return openRemotePouch(new URL(source.url, location.href).href, source);
    },
  });
}

/** Opened only on a device updated from that release, until its old log is sealed. */
export async function openLegacyPouchLog(): Promise<LegacyLog> {
  const [{ openLocalPouch }, { pouchLegacyLog }] = await Promise.all([import('./localPouch'), import('./legacyLog')]);
  return pouchLegacyLog(openLocalPouch(LEGACY_EVENT_DB_NAME));
}
