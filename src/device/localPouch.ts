import PouchDB from 'pouchdb-core-9';
import IdbAdapter from 'pouchdb-adapter-idb';

/**
 * PouchDB as the device opens its local log: PouchDB 9's core with the `idb` adapter only (issue
 * 15). The release before this one opened it from pouchdb-browser 9, which is this same core and
 * adapter bundled together with the http adapter, replication and map/reduce; the log is stored
 * exactly as before (same adapter, same IndexedDB layout, same names), so a tablet that upgrades
 * keeps its log. Everything else is loaded when a pull needs it (remotePouch.ts); map/reduce is
 * not used on the device at all.
 *
 * Not pouchdb-core itself: that name is the server's PouchDB 7 (src/central), so PouchDB 9's
 * packages come under their own names (package.json).
 */
PouchDB.plugin(IdbAdapter);

export const LOCAL_ADAPTER = 'idb';

/** A local database on the device, in IndexedDB. */
export function openLocalPouch(name: string): PouchDB.Database {
  return new PouchDB(name, { adapter: LOCAL_ADAPTER });
}

export { PouchDB as LocalPouch };
