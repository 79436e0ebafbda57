import { CsvRowReader, type CsvRow } from './csvRows';
import { recordFromRow } from './csvRecord';
import { recordFromFhir } from './fhirPatient';
import { FirstLines } from './firstLines';
import { LineReader } from './lines';
import type { ColumnMapping } from './mapping';
import { HisFileError, type RowOutcome } from './record';

export type HisFileKind = 'csv' | 'ndjson';

/** NDJSON by its name (FHIR Bulk Data writes .ndjson) or by a first character that opens a JSON object. */
export function kindOf(fileName: string, start: string): HisFileKind {
  if (/\.(ndjson|jsonl|json)$/i.test(fileName)) return 'ndjson';
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return 'csv';
  return start.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'ndjson' : 'csv';
}

/**
 * `duplicates: false` leaves a UHID met twice to the caller (the device checks it in storage,
 * where a million UHIDs cost no memory); by default the reader refuses it (FirstLines).
 */
export type ReadOptions =
  | { kind: 'csv'; mapping: ColumnMapping; today: string; duplicates?: boolean }
  | { kind: 'ndjson'; uhidSystem: string; today: string; duplicates?: boolean };

/**
 * The whole of an HIS index file, chunk by chunk, as one outcome per row: a record or a bad row
 * with its line and reason. A CSV's first row is its header.
 */
export class HisIndexReader {
  private readonly csv: CsvRowReader | null;
  private readonly lines: LineReader | null;
  private readonly firstLines: FirstLines | null;
  private header: string[] | null = null;
  private rows = 0;

  constructor(private readonly options: ReadOptions) {
    this.csv = options.kind === 'csv' ? new CsvRowReader() : null;
    this.lines = options.kind === 'ndjson' ? new LineReader() : null;
    this.firstLines = options.duplicates === false ? null : new FirstLines();
  }

  private checked(outcome: RowOutcome): RowOutcome {
    return this.firstLines ? this.firstLines.check(outcome) : outcome;
  }

  push(text: string): RowOutcome[] {
    return this.csv ? this.fromCsv(this.csv.push(text)) : this.fromLines(this.lines!.push(text));
  }

  /** The rest; a file without a single row is an error. */
  end(): RowOutcome[] {
    const out = this.csv ? this.fromCsv(this.csv.end()) : this.fromLines(this.lines!.end());
    if (this.rows === 0) throw new HisFileError(this.csv && !this.header ? 'noHeader' : 'empty', 1);
    return out;
  }

  private fromCsv(rows: CsvRow[]): RowOutcome[] {
    const options = this.options as Extract<ReadOptions, { kind: 'csv' }>;
    const out: RowOutcome[] = [];
    for (const row of rows) {
      if (!this.header) { this.header = row.cells; continue; }
      this.rows += 1;
      out.push(this.checked(recordFromRow(row, options.mapping, this.header.length, options.today)));
    }
    return out;
  }

  private fromLines(lines: ReturnType<LineReader['push']>): RowOutcome[] {
    const options = this.options as Extract<ReadOptions, { kind: 'ndjson' }>;
    this.rows += lines.length;
    return lines.map((l) => this.checked(recordFromFhir(l, options.uhidSystem, options.today)));
  }
}

export interface CsvPreview {
  header: string[];
  rows: string[][];
}

/**
 * The header and first rows of a CSV's first chunk, for the mapping screen. `whole`: the chunk is
 * the whole file (else its last, perhaps cut, row is left out).
 */
export function previewCsv(start: string, whole: boolean, rows = 5): CsvPreview {
  const reader = new CsvRowReader();
  const read = [...reader.push(start)];
  if (whole || read.length === 0) read.push(...reader.end());
  const [header, ...rest] = read;
  if (!header) throw new HisFileError('noHeader', 1);
  return { header: header.cells, rows: rest.slice(0, rows).map((r) => r.cells) };
}
