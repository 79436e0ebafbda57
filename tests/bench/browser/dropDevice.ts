import type { Desk } from '../../../src/device/desk';

/**
 * Deletes a benchmark device's databases (its Dexie tables and its PouchDB log) once its run is
 * measured. Chromium keeps every IndexedDB database of an origin in one LevelDB: left behind, a
 * run's hundreds of MB would weigh on the next run (the desk's encrypted mode ran beside the
 * clear mode's 474 MB), and the origin's usage figure would count them too.
 */
export async function dropDevice(desk: Desk, logName: string): Promise<void> {
  await (await desk.context()).log.close();
  await desk.db.delete();
  await new Promise<void>((resolve, reject) => {
    // PouchDB's idb adapter keeps a log named `name` in the IndexedDB database `_pouch_<name>`.
    const request = indexedDB.deleteDatabase(`_pouch_${logName}`);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`deleting the log ${logName} failed`));
  });
}
