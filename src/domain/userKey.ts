import { foldKey } from './fold';

/*
 * What the login screen and a PIN's check need of users.ts, without its schemas: zod is a large
 * share of the first load and a login validates nothing (issue 15). users.ts re-exports both.
 */

/** Two names are the same user when they differ only in case, accents or spacing. */
export const userKey = (name: string) => foldKey(name);

/** Idle minutes before the session locks, unless the device's settings say otherwise. */
export const DEFAULT_IDLE_MINUTES = 5;
