import { DEFAULT_IDLE_MINUTES } from '../domain/userKey';
import type { DeviceIdentity } from './identity';
import { sessionUsers, type SessionUser } from './userList';

/**
 * What the login screen shows before anyone has logged in: who this device is, who may log in,
 * and after how long a session locks. All three are kept readable at rest (domain/atRest.ts).
 */
export interface LoginFacts {
  identity: DeviceIdentity | null;
  users: SessionUser[];
  idleMinutes: number;
}

/** The device's database is there but not as this reader expects: the caller asks Dexie instead. */
export class UnreadableDeviceData extends Error {
  constructor(detail: string) {
    super(`The device's data could not be read for the login screen: ${detail}`);
    this.name = 'UnreadableDeviceData';
  }
}

const SETTINGS = 'settings';
const USERS = 'users';
const IDENTITY_KEY = 'identity';
const SETTINGS_KEY = 'settings';

/** A device that was never enrolled in this browser: nothing to show but the enrolment. */
const NOTHING: LoginFacts = { identity: null, users: [], idleMinutes: DEFAULT_IDLE_MINUTES };

/**
 * Reads the login screen's facts straight from the IndexedDB database Dexie keeps (src/device/db.ts),
 * in one read-only transaction, so the first load needs no Dexie (issue 15). Dexie owns that
 * database's schema: this reader never creates it (a database that is not there is reported as a
 * device not enrolled, and left for Dexie to create) and never upgrades it (it opens whatever
 * version is there; `settings` and `users` have had the same shape since the first version). It
 * closes its connection after each read, so Dexie upgrading the database never waits for it.
 */
export async function readLoginFacts(dbName: string, idb: IDBFactory = indexedDB): Promise<LoginFacts> {
  const db = await openExisting(dbName, idb);
  if (!db) return NOTHING;
  try {
    if (!db.objectStoreNames.contains(SETTINGS) || !db.objectStoreNames.contains(USERS)) {
      throw new UnreadableDeviceData(`no ${SETTINGS} or ${USERS} store`);
    }
    const tx = db.transaction([SETTINGS, USERS], 'readonly');
    const [identity, settings, users] = await Promise.all([
      request(tx.objectStore(SETTINGS).get(IDENTITY_KEY)),
      request(tx.objectStore(SETTINGS).get(SETTINGS_KEY)),
      request(tx.objectStore(USERS).getAll()),
    ]);
    return { identity: identityOf(identity), users: usersOf(users), idleMinutes: idleMinutesOf(settings) };
  } finally {
    db.close();
  }
}

/** The database if it exists; null, and nothing created, when it does not. */
function openExisting(dbName: string, idb: IDBFactory): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    let absent = false;
    const req = idb.open(dbName);
    // Asked for no version, IndexedDB upgrades only a database it is creating: abort, so it is not made.
    req.onupgradeneeded = () => {
      absent = true;
      req.transaction?.abort();
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = (e) => {
      e.preventDefault();
      if (absent) resolve(null);
      else reject(new UnreadableDeviceData(req.error?.message ?? 'open failed'));
    };
    // Blocked never happens without a version; a stuck open would leave the login blank, so say so.
    req.onblocked = () => reject(new UnreadableDeviceData('open blocked'));
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new UnreadableDeviceData(req.error?.message ?? 'read failed'));
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function identityOf(row: unknown): DeviceIdentity | null {
  if (row === undefined) return null;
  const value = isObject(row) ? row.value : undefined;
  if (!isObject(value) || typeof value.code !== 'string' || !Array.isArray(value.departments)) {
    throw new UnreadableDeviceData('the identity is not as enrolment writes it');
  }
  return value as unknown as DeviceIdentity;
}

function usersOf(rows: unknown[]): SessionUser[] {
  if (!rows.every((r) => isObject(r) && typeof r.name === 'string' && typeof r.role === 'string')) {
    throw new UnreadableDeviceData('a user is not as the device writes them');
  }
  return sessionUsers(rows as SessionUser[]);
}

function idleMinutesOf(row: unknown): number {
  const minutes = isObject(row) && isObject(row.value) ? row.value.idleMinutes : undefined;
  return typeof minutes === 'number' && minutes > 0 ? minutes : DEFAULT_IDLE_MINUTES;
}
