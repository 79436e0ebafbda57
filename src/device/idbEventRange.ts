import type { AnyEvent } from '../domain/events/envelope';

type EventDoc = AnyEvent & { _rev: string };

/** PouchDB's `idb` adapter: the database's IndexedDB name and the store and index read here. */
const IDB_PREFIX = '_pouch_';
const BY_SEQ_STORE = 'by-sequence';
const DOC_ID_REV = '_doc_id_rev';

/**
 * Reads a run of event documents straight from the IndexedDB database under a PouchDB `idb`
 * log, in one request: `allDocs` with `include_docs` asks IndexedDB once per document (its
 * revision tree, then the document), and those requests were most of the device's share of a
 * resync. This is only a shortcut. It answers null, and the caller asks PouchDB, whenever the
 * stored documents are not plainly one revision each (an id stored under two revisions, which a
 * pulled conflict or an edit leaves until compaction; a deletion), or the database is not laid
 * out as this reader expects. It never creates or upgrades the database.
 */
export function idbEventRange(pouchName: string, openDocs: (docs: Array<Record<string, unknown>>) => Promise<Array<Record<string, unknown>>>) {
  let opening: Promise<IDBDatabase | null> | null = null;

  const open = () => new Promise<IDBDatabase | null>((resolve) => {
    const req = indexedDB.open(IDB_PREFIX + pouchName);
    // A database that does not exist yet is PouchDB's to create, with its own schema.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(BY_SEQ_STORE)) {
        db.close();
        resolve(null);
        return;
      }
      // PouchDB closing, destroying or upgrading its database must never wait for this reader.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
  });

  /** Up to `limit` documents whose ids lie in [first, last], in id order; null: ask PouchDB. */
  return async function read(first: string, last: string, limit: number): Promise<EventDoc[] | null> {
    opening ??= open();
    const db = await opening;
    if (!db) {
      opening = null;
      return null;
    }
    let stored: Array<Record<string, unknown>>;
    try {
      stored = await new Promise((resolve, reject) => {
        const index = db.transaction(BY_SEQ_STORE, 'readonly').objectStore(BY_SEQ_STORE).index(DOC_ID_REV);
        // One more than asked: a document whose second revision sits right past the end shows.
        const req = index.getAll(IDBKeyRange.bound(`${first}::`, `${last}::\uffff`), limit + 1);
        req.onsuccess = () => resolve(req.result as Array<Record<string, unknown>>);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
      });
    } catch {
      opening = null;
      return null;
    }
    const docs: Array<Record<string, unknown>> = [];
    let previousId: string | null = null;
    for (const row of stored) {
      const key = row[DOC_ID_REV];
      if (typeof key !== 'string' || row._deleted) return null;
      const cut = key.lastIndexOf('::');
      const id = key.slice(0, cut);
      if (id === previousId) return null;
      previousId = id;
      if (docs.length === limit) break;
      const { [DOC_ID_REV]: _key, ...doc } = row;
      docs.push({ ...doc, _id: id, _rev: key.slice(cut + 2) });
    }
    return await openDocs(docs) as unknown as EventDoc[];
  };
}

export type EventRangeReader = ReturnType<typeof idbEventRange>;
