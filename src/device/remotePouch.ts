import HttpAdapter from 'pouchdb-adapter-http-9';
import replication from 'pouchdb-replication-9';
import { LocalPouch } from './localPouch';

/**
 * What a pull adds to the device's PouchDB: the http adapter for the central store and
 * replication. Loaded on the first pull only (an administrator's action after a resync), never on
 * the clerk's path. Plugged into the constructor the local log was opened with, when this module
 * is first evaluated (once: replication defines `replicate` on the prototype, which cannot be
 * defined twice), so `db.replicate.from` works on the log already open.
 */
// Also when the module is evaluated again (a development reload): else every pull fails until the page is reloaded.
if (!Object.getOwnPropertyDescriptor(LocalPouch.prototype, 'replicate')) LocalPouch.plugin(HttpAdapter).plugin(replication);

export interface RemoteLogin {
  username: string;
  password: string;
}

/** A remote CouchDB-compatible database at `url`, which must exist already. */
export function openRemotePouch(url: string, login: RemoteLogin): PouchDB.Database {
  return new LocalPouch(url, { auth: { username: login.username, password: login.password }, skip_setup: true });
}
