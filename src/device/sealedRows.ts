import Dexie from 'dexie';
import { AT_REST } from '../domain/atRest';
import type { KeyRing } from './keyRing';
import { openStoredRows } from './sealedTables';

type Row = Record<string, unknown>;

/**
 * Rows of a sealed table as IndexedDB holds them, not opened: under one key of an index, or by
 * primary keys (a missing one is left out). Read in the Dexie transaction in progress when there
 * is one (the append lock's read), else in a read-only transaction of their own. Opening them
 * afterwards with openSealedRows goes through WebCrypto all at once: a bed board's or a bed
 * check's fifty admissions (and the board's fifty patients) cost a few milliseconds of portable
 * AES-GCM one by one through the middleware, which has to open rows inside their transaction.
 */
export async function storedRows(db: Dexie, table: string, where: { index: string; key: string } | { keys: readonly string[] }): Promise<Row[]> {
  if ('keys' in where && where.keys.length === 0) return [];
  const inProgress = Dexie.currentTransaction?.db === db ? Dexie.currentTransaction.idbtrans : null;
  if (!inProgress && !db.isOpen()) await db.open();
  const store = (inProgress ?? db.backendDB().transaction(table, 'readonly')).objectStore(table);
  const request = (req: IDBRequest) => new Promise<unknown>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`reading ${table} failed`));
  });
  if ('index' in where) return await request(store.index(where.index).getAll(IDBKeyRange.only(where.key))) as Row[];
  // Every get issued at once: IndexedDB answers them in order, one wait for all.
  const rows = await Promise.all(where.keys.map((key) => request(store.get(key))));
  return rows.filter((row): row is Row => row !== undefined);
}

/** Rows read by storedRows, opened as the sealing middleware opens them (openStoredRows: WebCrypto, together). */
export async function openSealedRows<T>(db: Dexie, keyRing: KeyRing, table: string, stored: readonly Row[]): Promise<T[]> {
  const spec = AT_REST[table];
  if (!spec) throw new Error(`${table} is not a sealed table`);
  const keyPath = db.table(table).schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`${table}: a sealed table has a single-field primary key`);
  return await openStoredRows(spec, keyRing, (row) => `${table}:${String(row[keyPath])}`, stored) as T[];
}
