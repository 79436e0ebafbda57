import { DEFAULT_TIME_ZONE } from '../domain/device';
import { RuleError } from '../domain/errors';
import { localDay } from '../domain/tokens/day';
import type { BadRow, RowOutcome } from '../domain/hisIndex/record';
import { HisIndexReader, kindOf, previewCsv, type CsvPreview, type HisFileKind } from '../domain/hisIndex/reader';
import { guessMapping, mappingProblems, type ColumnMapping } from '../domain/hisIndex/mapping';
import { HIS_INDEX_SETTING, hisRowId, type HisIndexRow, type HisIndexSummary } from '../domain/hisIndex/row';
import type { Desk, SessionUser } from './desk';
import { fileText } from './fileText';

/** Rows written per IndexedDB transaction: large enough to be quick, small enough to seal without a pause. */
export const WRITE_BATCH = 1000;
/** Read for the mapping screen: the header and first rows of any sensible index file. */
const PREVIEW_BYTES = 64 * 1024;
/** The bad rows kept to show (all are counted): a file that is all garbage must not fill the memory. */
export const BAD_ROWS_SHOWN = 1000;

export interface HisFile {
  name: string;
  size: number;
  kind: HisFileKind;
  /** CSV: the header, first rows and the mapping guessed from the header. */
  csv?: { preview: CsvPreview; mapping: ColumnMapping };
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

/** A file read to its end and written beside the index in use, waiting for the administrator's word. */
export interface StagedImport {
  import: string;
  fileName: string;
  kind: HisFileKind;
  good: number;
  badCount: number;
  /** The first BAD_ROWS_SHOWN bad rows, in file order. */
  bad: BadRow[];
}

export interface StageOptions {
  mapping?: ColumnMapping;
  /** The identifier system of the hospital's UHIDs in FHIR files (export/systems.ts). */
  uhidSystem: string;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Bytes read at a time (tests make it small to cut files in many chunks). */
  chunkBytes?: number;
}

const ADMIN_ONLY = new Set(['admin']);

/**
 * The administrator's import of the HIS patient index. All or nothing: the file's rows go under a
 * new import id while the index in use stays; only a confirmation makes them the index (and
 * drops the old one). A cancel, an unreadable file or a closed tab leaves the old index as it was.
 */
export class HisImport {
  constructor(private readonly desk: Desk) {}

  /** What the mapping screen shows: the file's kind and, for a CSV, its header and first rows. */
  async open(file: File, actor: SessionUser): Promise<HisFile> {
    this.allow(actor);
    // The file's first bytes, decoded as the whole import decodes them: a character cut at the
    // slice's end waits for the rest instead of reading as "not UTF-8".
    const chunks = fileText(file, PREVIEW_BYTES);
    const first = await chunks.next();
    await chunks.return(undefined);
    const start = first.done ? '' : first.value.text;
    const kind = kindOf(file.name, start);
    if (kind === 'ndjson') return { name: file.name, size: file.size, kind };
    const preview = previewCsv(start, file.size <= PREVIEW_BYTES);
    return { name: file.name, size: file.size, kind, csv: { preview, mapping: guessMapping(preview.header) } };
  }

  /** Reads the whole file into a staged import; on any failure or cancel nothing of it stays. */
  async stage(file: File, kind: HisFileKind, actor: SessionUser, options: StageOptions): Promise<StagedImport> {
    this.allow(actor);
    // The hospital's day, as every age on the desk is counted (a file read after 18:30 UTC is tomorrow's in India).
    const today = localDay(this.desk.now(), (await this.desk.identity())?.timeZone ?? DEFAULT_TIME_ZONE);
    if (kind === 'csv') {
      if (!options.mapping) throw new RuleError('hisMapping');
      const problem = mappingProblems(options.mapping)[0];
      if (problem) throw new RuleError(problem);
    }
    await this.dropAbandoned();
    const id = `his-${Date.now().toString(36)}-${[...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    // Duplicate UHIDs are found in IndexedDB (below), not in a set of every UHID of the file: the
    // import's memory stays the same for a million rows as for a thousand.
    const reader = new HisIndexReader(kind === 'csv'
      ? { kind, mapping: options.mapping!, today, duplicates: false }
      : { kind, uhidSystem: options.uhidSystem, today, duplicates: false });
    const staged: StagedImport = { import: id, fileName: file.name, kind, good: 0, badCount: 0, bad: [] };
    let rows = 0;
    // A chunk holds some ten thousand rows: cancel and progress are answered batch by batch.
    const take = async (outcomes: RowOutcome[], bytes: number) => {
      for (let start = 0; start < outcomes.length; start += WRITE_BATCH) {
        options.signal?.throwIfAborted();
        const batch = outcomes.slice(start, start + WRITE_BATCH);
        await this.write(batch, staged);
        rows += batch.length;
        options.onProgress?.({ rows, bytes, totalBytes: file.size });
      }
    };
    try {
      let bytes = 0;
      for await (const chunk of fileText(file, options.chunkBytes)) {
        await take(reader.push(chunk.text), bytes);
        bytes = chunk.bytes;
      }
      options.signal?.throwIfAborted();
      await take(reader.end(), file.size);
      options.onProgress?.({ rows, bytes: file.size, totalBytes: file.size });
      return staged;
    } catch (err) {
      await this.discard(staged);
      throw err;
    }
  }

  /** The staged import becomes the index; the one before is dropped. */
  async confirm(staged: StagedImport, actor: SessionUser): Promise<HisIndexSummary> {
    this.allow(actor);
    const db = this.desk.db;
    const rows = await db.hisIndex.where('import').equals(staged.import).count();
    if (rows !== staged.good) throw new RuleError('hisStagedGone');
    const summary: HisIndexSummary = {
      import: staged.import, fileName: staged.fileName, kind: staged.kind, rows, badRows: staged.badCount,
      importedAt: this.desk.now().toISOString(), importedBy: actor.name,
    };
    await db.settings.put({ key: HIS_INDEX_SETTING, value: summary });
    await this.dropAbandoned();
    return summary;
  }

  /** Drops a staged import (the administrator said no, or it failed). */
  async discard(staged: Pick<StagedImport, 'import'>): Promise<void> {
    const current = await this.current();
    if (current?.import === staged.import) return;
    await this.desk.db.hisIndex.where('import').equals(staged.import).delete();
  }

  async current(): Promise<HisIndexSummary | null> {
    return ((await this.desk.db.settings.get(HIS_INDEX_SETTING))?.value as HisIndexSummary | undefined) ?? null;
  }

  /** The rows of the index in use, in file order (a page of them). */
  async rows(offset = 0, limit = 50): Promise<HisIndexRow[]> {
    const current = await this.current();
    if (!current) return [];
    return this.desk.db.hisIndex.where('import').equals(current.import).offset(offset).limit(limit).toArray();
  }

  /** Rows of any import but the one in use: a staged import never confirmed (the tab was closed). */
  private async dropAbandoned() {
    const current = await this.current();
    await this.desk.db.hisIndex.where('import').notEqual(current?.import ?? '').delete();
  }

  /**
   * Writes a batch's good rows, after refusing those whose UHID an earlier row of the same import
   * has: the UHID index (keyed hashes) is read by key only, and a row's id names its import and
   * line. Bad rows are noted in file order.
   */
  private async write(outcomes: RowOutcome[], staged: StagedImport) {
    const good = outcomes.filter((o): o is Extract<RowOutcome, { ok: true }> => o.ok);
    const hashes = good.map((o) => this.desk.searchKey('uhid', o.record.uhid));
    const firstLine = new Map<string, number>();
    const prefix = `${staged.import}:`;
    if (hashes.length > 0) {
      await this.desk.db.hisIndex.where('uhid').anyOf([...new Set(hashes)]).eachKey((key, cursor) => {
        const id = String(cursor.primaryKey);
        if (!id.startsWith(prefix)) return;
        const line = Number(id.slice(prefix.length));
        const known = firstLine.get(String(key));
        if (known === undefined || line < known) firstLine.set(String(key), line);
      });
    }
    const rows: HisIndexRow[] = [];
    let g = 0;
    for (const o of outcomes) {
      if (!o.ok) { this.noteBad(o.bad, staged); continue; }
      const hash = hashes[g++]!;
      const first = firstLine.get(hash);
      if (first !== undefined) { this.noteBad({ line: o.line, reason: 'uhidDuplicate', value: o.record.uhid, firstLine: first }, staged); continue; }
      firstLine.set(hash, o.line);
      rows.push({ ...o.record, id: hisRowId(staged.import, o.line), import: staged.import, line: o.line });
    }
    if (rows.length > 0) await this.desk.db.hisIndex.bulkPut(rows);
    staged.good += rows.length;
  }

  private noteBad(bad: BadRow, staged: StagedImport) {
    staged.badCount += 1;
    if (staged.bad.length < BAD_ROWS_SHOWN) staged.bad.push(bad);
  }

  private allow(actor: SessionUser) {
    if (!ADMIN_ONLY.has(actor.role)) throw new RuleError('roleNotAllowed');
    if (!this.desk.isUnlocked) throw new RuleError('locked');
  }
}
