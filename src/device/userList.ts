import type { Role } from '../domain/users';

/** A user as the login screen and a session know them: no key material. */
export interface SessionUser {
  name: string;
  role: Role;
}

/**
 * The device's users as the login screen lists them, from their stored records (Dexie's, or
 * read straight from IndexedDB before Dexie is loaded: loginReader.ts): name and role, by name.
 */
export function sessionUsers(records: readonly SessionUser[]): SessionUser[] {
  return records.map((u) => ({ name: u.name, role: u.role })).sort((x, y) => x.name.localeCompare(y.name));
}
