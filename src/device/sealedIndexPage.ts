import type Dexie from 'dexie';
import { AT_REST } from '../domain/atRest';
import type { KeyRing } from './keyRing';
import { openStoredRow } from './sealedTables';

/** A stored row's keyed hashes under one of its indexes (domain/atRest.ts searchKeys), as IndexedDB holds them. */
export type StoredKeys = (index: string) => readonly unknown[];

export interface IndexPage<T> {
  /** How many rows the index entry held, up to the page's limit. */
  held: number;
  /** Of those, the ones `wanted` kept, opened, in the index's order. */
  rows: T[];
}

/**
 * The first `limit` rows under one key of a sealed table's index, read straight from IndexedDB,
 * opening only the rows `wanted` keeps by their stored keyed hashes. Opening a row costs an
 * AES-GCM decryption (tens of µs), and a name search reads hundreds of rows of which most lack
 * one of the typed words: their hashed word prefixes say so without opening them. `opened`
 * holds the rows an earlier page opened, so a larger page of the same entry opens none twice.
 */
export async function sealedIndexPage<T>(db: Dexie, keyRing: KeyRing, page: {
  table: string; index: string; key: string; limit: number; wanted: (keys: StoredKeys) => boolean; opened: Map<unknown, T>;
}): Promise<IndexPage<T>> {
  const spec = AT_REST[page.table];
  if (!spec) throw new Error(`${page.table} is not a sealed table`);
  const keyPath = db.table(page.table).schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`${page.table}: a sealed table has a single-field primary key`);
  if (!db.isOpen()) await db.open();
  const stored = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
    const request = db.backendDB().transaction(page.table, 'readonly').objectStore(page.table).index(page.index)
      .getAll(IDBKeyRange.only(page.key), page.limit);
    request.onsuccess = () => resolve(request.result as Array<Record<string, unknown>>);
    request.onerror = () => reject(request.error ?? new Error(`reading ${page.table}.${page.index} failed`));
  });
  const context = (row: Record<string, unknown>) => `${page.table}:${String(row[keyPath])}`;
  const rows: T[] = [];
  for (const row of stored) {
    const id = row[keyPath];
    let open = page.opened.get(id);
    if (open === undefined) {
      if (!page.wanted((index) => (Array.isArray(row[index]) ? row[index] as unknown[] : [row[index]]))) continue;
      open = openStoredRow(spec, keyRing, context, row) as T;
      page.opened.set(id, open);
    }
    rows.push(open);
  }
  return { held: stored.length, rows };
}
