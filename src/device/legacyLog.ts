import type { DeskDb } from './db';
import type { EventLog } from './eventLog';

/** The event log of the release before sealing: plaintext, under its old database name. */
export interface LegacyLog {
  /** Up to `limit` documents after the id `after` (all from the start when null), in id order, with their revisions. */
  page(after: string | null, limit: number): Promise<Array<{ _id: string; _rev: string }>>;
  count(): Promise<number>;
  /** Delete the whole database, its files' contents included as far as the browser goes. */
  destroy(): Promise<void>;
}

export function pouchLegacyLog(db: PouchDB.Database): LegacyLog {
  return {
    async page(after, limit) {
      const res = await db.allDocs({ include_docs: true, limit, ...(after === null ? {} : { startkey: after, skip: 1 }) });
      return res.rows.map((r) => r.doc as unknown as { _id: string; _rev: string });
    },
    count: async () => (await db.info()).doc_count,
    destroy: async () => { await db.destroy(); },
  };
}

const PAGE = 500;
const PROGRESS = 'legacyLogCopied';

/**
 * Copy the old log into the sealed one, page by page, each document with its own revision (so
 * the central store sees the same documents as before), then delete the old database. The last
 * id copied is saved after each page: a closed tab resumes there, and copying a page again
 * changes nothing (a revision already held is not written twice).
 */
export async function sealLegacyLog(legacy: LegacyLog, log: EventLog, db: DeskDb, onProgress: (done: number, total: number) => void): Promise<void> {
  const total = await legacy.count();
  let after = ((await db.settings.get(PROGRESS))?.value as { after: string; done: number } | undefined) ?? { after: null as string | null, done: 0 };
  onProgress(after.done, total);
  for (;;) {
    const docs = await legacy.page(after.after, PAGE);
    if (docs.length === 0) break;
    await log.importDocs(docs);
    after = { after: docs[docs.length - 1]!._id, done: after.done + docs.length };
    await db.settings.put({ key: PROGRESS, value: after });
    onProgress(Math.min(after.done, total), total);
  }
  await legacy.destroy();
  await db.settings.delete(PROGRESS);
}
