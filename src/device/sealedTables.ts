import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { AT_REST, type AtRestSpec } from '../domain/atRest';
import { isSealed } from '../crypto/sealedMark';
import type { KeyRing } from './keyRing';

type Row = Record<string, unknown>;

/** Where a row's sealed part is kept: the one stored field no row of ours has. */
const SEALED = '$sealed';

/**
 * Dexie middleware that seals rows on their way into IndexedDB and opens them on the way out
 * (src/domain/atRest.ts says what stays readable). It sits on top of Dexie's own middlewares, so
 * nothing below it, caches included, sees more than IndexedDB holds. A read while locked fails
 * with `locked`; rows stored before sealing existed pass through as they are (the upgrade
 * rebuilds them).
 */
export function sealedTables(keyRing: KeyRing): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'sealedTables',
    level: 100,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        const spec = AT_REST[name];
        return spec ? sealTable(table, spec, keyRing) : table;
      },
    }),
  };
}

/**
 * A row as IndexedDB holds it, opened as a read through the middleware opens it: the readable
 * fields and the sealed part; the hashed index fields stay behind. `context` names the row (its
 * table and primary key), which the sealed part is bound to.
 */
export function openStoredRow(spec: AtRestSpec, keyRing: KeyRing, context: (row: Row) => string, stored: unknown): unknown {
  if (!isSealedRow(stored)) return stored;
  const out = readablePart(spec, stored);
  if (!keyRing.isOpen && spec.readableWhenLocked) return out;
  return Object.assign(out, keyRing.unseal(context(stored), stored[SEALED] as string));
}

/** openStoredRow for rows already read, out of their transaction: opened together (KeyRing.unsealMany). */
export async function openStoredRows(spec: AtRestSpec, keyRing: KeyRing, context: (row: Row) => string, stored: readonly unknown[]): Promise<unknown[]> {
  if (!keyRing.isOpen && spec.readableWhenLocked) return stored.map((row) => openStoredRow(spec, keyRing, context, row));
  const sealed = stored.filter(isSealedRow);
  const values = await keyRing.unsealMany(sealed.map((row) => ({ context: context(row), sealed: row[SEALED] as string })));
  const opened = new Map<unknown, unknown>(sealed.map((row, i) => [row, values[i]]));
  return stored.map((row) => (opened.has(row) ? Object.assign(readablePart(spec, row as Row), opened.get(row)) : row));
}

/**
 * A row as IndexedDB is to hold it: the readable fields, the rest sealed, and the hashed index
 * fields. Exported for the fold benchmark, which times the sealing apart from the writes.
 */
export function storedRow(spec: AtRestSpec, keyRing: KeyRing, context: (row: Row) => string, row: Row): Row {
  if (spec.sealed && !spec.sealed(row)) return row;
  const out: Row = {};
  const hidden: Row = {};
  for (const [field, value] of Object.entries(row)) (spec.readable.has(field) ? out : hidden)[field] = value;
  out[SEALED] = keyRing.seal(context(row), hidden);
  for (const [index, keys] of Object.entries(spec.searchKeys?.(row) ?? {})) {
    if (keys === undefined) continue;
    out[index] = Array.isArray(keys) ? [...new Set(keys)].map((k) => keyRing.searchKey(index, k)) : keyRing.searchKey(index, keys);
  }
  return out;
}

const isSealedRow = (stored: unknown): stored is Row => Boolean(stored) && typeof stored === 'object' && isSealed((stored as Row)[SEALED]);

function readablePart(spec: AtRestSpec, row: Row): Row {
  const out: Row = {};
  for (const field of Object.keys(row)) if (spec.readable.has(field)) out[field] = row[field];
  return out;
}

function sealTable(table: DBCoreTable, spec: AtRestSpec, keyRing: KeyRing): DBCoreTable {
  const keyPath = table.schema.primaryKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`${table.name}: sealing needs a single-field primary key`);
  const context = (row: Row) => `${table.name}:${String(row[keyPath])}`;

  const store = (row: Row): Row => storedRow(spec, keyRing, context, row);

  const open = (stored: unknown): unknown => openStoredRow(spec, keyRing, context, stored);

  // A browser's cursor is a native IDBCursor: its accessors (key, primaryKey) throw "Illegal
  // invocation" unless read on the cursor itself, so an object made from it (Object.create) failed
  // any cursor walk with values (anyOf on a sealed table) in Chromium, never in fake-indexeddb.
  // The proxy reads everything from the cursor itself, but its value opened.
  const openCursor = (cursor: DBCoreCursor): DBCoreCursor => new Proxy(cursor, {
    get: (target, prop) => {
      if (prop === 'value') return open(target.value);
      const value: unknown = Reflect.get(target, prop, target);
      // The cursor's own methods (Dexie's) are called on the proxy as they were; native ones on the cursor.
      return typeof value === 'function' && !Object.prototype.hasOwnProperty.call(target, prop) ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

  return {
    ...table,
    mutate: (req) => (req.type === 'add' || req.type === 'put'
      ? table.mutate({ ...req, values: req.values.map((v) => store(v as Row)) })
      : table.mutate(req)),
    get: (req) => table.get(req).then(open),
    getMany: (req) => table.getMany(req).then((rows) => rows.map(open)),
    query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(open) } : res)),
    openCursor: (req) => table.openCursor(req).then((cursor) => (cursor && req.values !== false ? openCursor(cursor) : cursor)),
  };
}
