/**
 * `validate_doc_update` for the embedded store, run as CouchDB runs it: every design document's
 * function is applied to every written document, with the old document, the caller's user context
 * and the database's security object, and a thrown `{forbidden}` or `{unauthorized}` refuses that
 * document alone.
 *
 * Why not express-pouchdb's own validation plugin: for each document of a `_bulk_docs` it lists
 * the design documents, compiles each function again (ours carries every event type's schema) and
 * reads the old document, so a 2,000-event batch cost 2,000 compilations. The design document was
 * 70% of the embedded store's write time, on every path alike. Here a function is compiled once per
 * design document revision, the design documents are listed once per request, and only documents
 * that exist are read back.
 */
import couchEval from 'couchdb-eval';
import { buildUserContextObject } from 'couchdb-objects';
import PouchPluginError from 'pouchdb-plugin-error';
import wrappers from 'pouchdb-wrappers';

interface Doc { _id: string; _rev?: string; _revisions?: unknown; _deleted?: boolean; [key: string]: unknown }
interface WriteOptions { userCtx?: unknown; secObj?: unknown; [key: string]: unknown }
type Validate = (newDoc: Doc, oldDoc: Doc | null, userCtx: unknown, secObj: unknown) => void;
interface DesignFunction { designDoc: Doc; func: Validate }

/** The slice of a PouchDB database this needs. */
interface StoreDb {
  allDocs(options: Record<string, unknown>): Promise<{ rows: { id?: string; key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: Doc }[] }>;
  get(id: string, options: Record<string, unknown>): Promise<Doc>;
  info(): Promise<unknown>;
}
interface WrapperArgs { base: StoreDb; docs?: Doc[]; doc?: Doc; options?: WriteOptions }
type Orig = () => Promise<unknown>;

/** Per database, each design document's function as compiled for its current revision (an edit replaces it). */
const compiled = new WeakMap<StoreDb, Map<string, { rev: string; func: Validate }>>();

async function designFunctions(db: StoreDb): Promise<DesignFunction[]> {
  const { rows } = await db.allDocs({ startkey: '_design/', endkey: '_design0', include_docs: true });
  const out: DesignFunction[] = [];
  for (const row of rows) {
    const designDoc = row.doc;
    const code = designDoc?.validate_doc_update;
    if (!designDoc || typeof code !== 'string') continue;
    const rev = designDoc._rev ?? '';
    const mine = compiled.get(db) ?? new Map<string, { rev: string; func: Validate }>();
    compiled.set(db, mine);
    let hit = mine.get(designDoc._id);
    if (hit?.rev !== rev) {
      hit = { rev, func: couchEval.evaluate(designDoc, {}, code) as Validate };
      mine.set(designDoc._id, hit);
    }
    out.push({ designDoc, func: hit.func });
  }
  return out;
}

/** Design and local documents are never validated, in CouchDB as here. */
const validated = (doc: Doc) => !String(doc._id).startsWith('_design/') && !String(doc._id).startsWith('_local');

/** The stored versions of the documents that exist, with their revision history. */
async function oldDocs(db: StoreDb, ids: string[]): Promise<Map<string, Doc>> {
  // One get per id: PouchDB answers `allDocs` with `keys` by a range query per key, which costs
  // more than a get that finds nothing.
  const docs = await Promise.all([...new Set(ids)].map((id) => db.get(id, { revs: true }).catch(() => null)));
  return new Map(docs.filter((d): d is Doc => d !== null).map((d) => [d._id, d]));
}

function refusal(err: unknown): PouchPluginError {
  const e = err as { forbidden?: unknown; unauthorized?: unknown };
  if (e && typeof e === 'object' && e.unauthorized !== undefined) {
    return new PouchPluginError({ name: 'unauthorized', message: e.unauthorized, status: 401 });
  }
  if (e && typeof e === 'object' && e.forbidden !== undefined) {
    return new PouchPluginError({ name: 'forbidden', message: e.forbidden, status: 403 });
  }
  return couchEval.wrapExecutionError(err) as PouchPluginError;
}

/** One refusal per document that fails (in the documents' order), or none. */
async function check(db: StoreDb, docs: Doc[], options: WriteOptions): Promise<Map<Doc, PouchPluginError>> {
  const refused = new Map<Doc, PouchPluginError>();
  const toCheck = docs.filter(validated);
  if (toCheck.length === 0) return refused;
  const funcs = await designFunctions(db);
  if (funcs.length === 0) return refused;
  const userCtx = options.userCtx ?? buildUserContextObject(await db.info());
  const secObj = options.secObj ?? {};
  const old = await oldDocs(db, toCheck.map((d) => d._id));
  for (const doc of toCheck) {
    const oldDoc = old.get(doc._id) ?? null;
    // As express-pouchdb's plugin did, so stored documents stay as they were: the function sees
    // the stored history, not one the writer sent.
    doc._revisions = oldDoc?._revisions;
    try {
      for (const { designDoc, func } of funcs) func.call(designDoc, doc, oldDoc, userCtx, secObj);
    } catch (err) {
      refused.set(doc, refusal(err));
    }
  }
  return refused;
}

async function checkOne(args: WrapperArgs) {
  const refused = await check(args.base, [args.doc!], args.options ?? {});
  const err = refused.get(args.doc!);
  if (err) throw err;
}

const handlers = {
  async bulkDocs(orig: Orig, args: WrapperArgs) {
    const docs = args.docs ?? [];
    for (const doc of docs) if (doc && typeof doc === 'object' && !doc._id) doc._id = crypto.randomUUID();
    const refused = await check(args.base, docs, args.options ?? {});
    if (refused.size === 0) return orig();
    args.docs = docs.filter((d) => !refused.has(d));
    const results = args.docs.length > 0 ? (await orig()) as unknown[] : [];
    const errors = [...refused].map(([doc, err]) => Object.assign(err, { id: doc._id }));
    return [...errors, ...results];
  },
  async put(orig: Orig, args: WrapperArgs) {
    await checkOne(args);
    return orig();
  },
  async post(orig: Orig, args: WrapperArgs) {
    args.doc!._id = args.doc!._id || crypto.randomUUID();
    await checkOne(args);
    return orig();
  },
  async remove(orig: Orig, args: WrapperArgs) {
    args.doc!._deleted = true;
    await checkOne(args);
    return orig();
  },
  // Nothing in this product stores attachments; refusing them is simpler than validating them.
  putAttachment() {
    return Promise.reject(new PouchPluginError({ name: 'forbidden', message: 'attachments are not accepted', status: 403 }));
  },
  removeAttachment() {
    return Promise.reject(new PouchPluginError({ name: 'forbidden', message: 'attachments are not accepted', status: 403 }));
  },
};

/** Install on every database express-pouchdb opens (its `dbWrapper`). */
export function installDesignValidation(app: { dbWrapper: { registerWrapper(w: (name: string, db: unknown, next: () => void) => void): void } }) {
  app.dbWrapper.registerWrapper((_name, db, next) => {
    wrappers.installWrapperMethods(db, handlers);
    next();
  });
}
