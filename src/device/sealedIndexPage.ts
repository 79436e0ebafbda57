import type Dexie from 'dexie';
import { AT_REST } from '../domain/atRest';
import type { KeyRing } from './keyRing';
import { openStoredRows } from './sealedTables';

/** A stored row's keyed hashes under one of its indexes (domain/atRest.ts searchKeys), as IndexedDB holds them. */
export type StoredKeys = (index: string) => readonly unknown[];

/**
 * Rows opened at once first when a page may stop early, doubling after each chunk: each chunk
 * waits for WebCrypto once, so a page whose rows mostly do not match opens in a few rounds.
 */
const OPEN_CHUNK = 64;

export interface IndexPage<T> {
  /** How many rows the index entry held, up to the page's limit. */
  held: number;
  /** Of those, the ones `wanted` kept, opened, in the index's order (up to where `enough` stopped it). */
  rows: T[];
}

/**
 * The first `limit` rows under one key of a sealed table's index, read straight from IndexedDB,
 * opening only the rows `wanted` keeps by their stored keyed hashes. Opening a row costs an
 * AES-GCM decryption (tens of µs), and a name search reads hundreds of rows of which most lack
 * one of the typed words: their hashed word prefixes say so without opening them. `opened`
 * holds the rows an earlier page opened, so a larger page of the same entry opens none twice.
 * The page's rows are opened together once read, through WebCrypto (openStoredRows); with
 * `enough`, a chunk at a time, and the rest of the page is left unopened (and out of `rows`)
 * once the rows so far are enough: a clerk's search wants its first fifty matches, not every row.
 */
export async function sealedIndexPage<T>(db: Dexie, keyRing: KeyRing, page: {
  table: string; index: string; key: string; limit: number; wanted: (keys: StoredKeys) => boolean; opened: Map<unknown, T>;
  enough?: (rows: readonly T[]) => boolean;
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
  const wantedHere = (row: Record<string, unknown>) =>
    page.wanted((index) => (Array.isArray(row[index]) ? row[index] as unknown[] : [row[index]]));
  const rows: T[] = [];
  // A chunk of rows at a time, in the index's order, until the page is done or `enough` says so.
  for (let start = 0, chunk = page.enough ? OPEN_CHUNK : Infinity; start < stored.length; chunk *= 2) {
    const fresh: Array<Record<string, unknown>> = [];
    let end = start;
    for (; end < stored.length && fresh.length < chunk; end += 1) {
      const row = stored[end]!;
      if (!page.opened.has(row[keyPath]) && wantedHere(row)) fresh.push(row);
    }
    const opened = await openStoredRows(spec, keyRing, context, fresh);
    fresh.forEach((row, i) => page.opened.set(row[keyPath], opened[i] as T));
    for (const row of stored.slice(start, end)) {
      const open = page.opened.get(row[keyPath]);
      if (open !== undefined) rows.push(open);
    }
    start = end;
    if (start < stored.length && page.enough?.(rows)) break;
  }
  return { held: stored.length, rows };
}
