import transformPouch from 'transform-pouch';
import { isSealed, SealError } from '../crypto/sealing';
import type { KeyRing } from './keyRing';

interface Doc {
  _id?: unknown;
  data?: unknown;
}

const isEvent = (doc: Doc) => typeof doc._id === 'string' && doc._id.startsWith('ev:');

/**
 * Seals each event's `data` as PouchDB stores it and opens it as PouchDB hands it out, on every
 * path: appends, imports and pulls in (replication writes through bulkDocs too), reads, the
 * changes feed and pushes out. Everything else of an event stays readable (id, device, sequence,
 * hash, prev, type, time, user), and its hash stays over the plaintext, so chains verify and the
 * central store receives exactly what it did before sealing.
 */
/**
 * Data that does not open under this device's key was altered at rest: the event is handed out
 * without it, so it fails its hash check and the projector sets it aside as a reject.
 */
function open(keyRing: KeyRing, id: string, sealed: string): unknown {
  try {
    return keyRing.unseal(id, sealed);
  } catch (err) {
    if (err instanceof SealError) return undefined;
    throw err;
  }
}

/** A stored document as PouchDB hands it out: an event's data opened. */
export function openedEvent<D extends Doc>(keyRing: KeyRing): (doc: D) => D {
  return (doc) => (isEvent(doc) && isSealed(doc.data) ? { ...doc, data: open(keyRing, doc._id as string, doc.data) } : doc);
}

/**
 * openedEvent for a run of documents read straight from IndexedDB (idbEventRange), opened together
 * through WebCrypto (KeyRing.unsealMany): a resync reads thousands at a time. One that does not
 * open sends the run down the one-by-one path, which hands that event out without its data.
 */
export function openedEvents<D extends Doc>(keyRing: KeyRing): (docs: D[]) => Promise<D[]> {
  const one = openedEvent<D>(keyRing);
  return async (docs) => {
    const sealed = docs.filter((doc) => isEvent(doc) && isSealed(doc.data));
    if (sealed.length === 0) return docs;
    let values: unknown[];
    try {
      values = await keyRing.unsealMany(sealed.map((doc) => ({ context: doc._id as string, sealed: doc.data as string })));
    } catch (err) {
      if (err instanceof SealError) return docs.map(one);
      throw err;
    }
    const opened = new Map<D, unknown>(sealed.map((doc, i) => [doc, values[i]]));
    return docs.map((doc) => (opened.has(doc) ? { ...doc, data: opened.get(doc) } : doc));
  };
}

export function sealEvents<T extends PouchDB.Database>(db: T, keyRing: KeyRing): T {
  transformPouch.transform.call(db, {
    // Whatever arrives is sealed, a pulled document whose data looks sealed already included.
    incoming: (doc: Doc) => (isEvent(doc) && doc.data !== undefined ? { ...doc, data: keyRing.seal(doc._id as string, doc.data) } : doc),
    outgoing: openedEvent(keyRing),
  });
  return db;
}
