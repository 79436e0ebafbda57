/**
 * Dexie's word that a database changed, heard without loading Dexie (issue 15: the login screen
 * must notice a user added or a device enrolled, in this tab or another, before Dexie loads).
 * Dexie (4.x) tells other tabs on a BroadcastChannel and this tab with a window event, both under
 * this name, with the changed parts keyed `idb://<database>/<table>/…`. That is Dexie's own
 * protocol, not an API: tests/integration/loginReader.test.ts checks it against the Dexie installed.
 */
export const DEXIE_MUTATED = 'x-storagemutated-1';

/** Calls `listener` whenever Dexie, in any tab of this origin, writes to the database `dbName`. */
export function onStorageChange(dbName: string, listener: () => void): () => void {
  const prefix = `idb://${dbName}/`;
  const heard = (parts: unknown) => {
    if (typeof parts === 'object' && parts !== null && Object.keys(parts).some((k) => k.startsWith(prefix))) listener();
  };
  const onEvent = (e: Event) => heard((e as CustomEvent<unknown>).detail);
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(DEXIE_MUTATED);
  if (channel) channel.onmessage = (e: MessageEvent<unknown>) => heard(e.data);
  addEventListener(DEXIE_MUTATED, onEvent);
  return () => {
    channel?.close();
    removeEventListener(DEXIE_MUTATED, onEvent);
  };
}
