import Papa from 'papaparse';
import { HisFileError } from './record';

export interface CsvRow {
  /** The line the row starts on, counting from 1; a quoted field may span lines. */
  line: number;
  cells: string[];
}

/** A row longer than this is a quote never closed (or not a CSV file): the reading stops there. */
export const MAX_ROW_CHARS = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * CSV rows from text that arrives in chunks of any size (a chunk may end inside a quoted field or
 * between CR and LF). Papa Parse splits the rows; this keeps the unfinished last row for the next
 * chunk, so memory holds one chunk and one row, never the file. Quotes, doubled quotes and line
 * breaks inside quotes are CSV's (RFC 4180); the delimiter (, ; tab |) and the line ending are
 * taken from the first line, as spreadsheets in Indian locales save either.
 */
export class CsvRowReader {
  private carry = '';
  private line = 1;
  private started = false;
  private delimiter = ',';
  private newline: '\n' | '\r\n' | '\r' = '\n';

  constructor(private readonly maxRowChars = MAX_ROW_CHARS) {}

  push(text: string): CsvRow[] {
    return this.parse(text, false);
  }

  /** The rest, once the file has been read to its end. */
  end(): CsvRow[] {
    return this.parse('', true);
  }

  private parse(text: string, last: boolean): CsvRow[] {
    let input = this.carry + text;
    if (!this.started) {
      // The line ending is told by the first LF (a CR alone may be half of a CRLF cut by the chunk).
      if (!last && !input.includes('\n') && input.length <= this.maxRowChars) { this.carry = input; return []; }
      input = input.replace(/^\uFEFF/, '');
      this.sniff(input);
      this.started = true;
    }
    const rows: CsvRow[] = [];
    let from = 0;
    const parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline: this.newline,
      step: (result: { data: string[][]; meta: { cursor: number } }) => {
        const cursor = result.meta.cursor;
        const cells = result.data[0] ?? [];
        const line = this.line;
        this.line += countBreaks(input, from, cursor, this.newline);
        from = cursor;
        // A file with a lone CRLF amid LF lines: the CR is no part of the value.
        const lastCell = cells.length - 1;
        if (lastCell >= 0 && cells[lastCell]!.endsWith('\r')) cells[lastCell] = cells[lastCell]!.slice(0, -1);
        if (cells.some((c) => c.trim() !== '')) rows.push({ line, cells });
      },
    } as Papa.ParseConfig);
    const result = parser.parse(input, 0, !last) as { meta: { cursor: number } };
    this.carry = last ? '' : input.slice(result.meta.cursor);
    if (this.carry.length > this.maxRowChars) throw new HisFileError('rowTooLong', this.line);
    return rows;
  }

  /** The delimiter is the one the first line has most of; the line ending the first one found. */
  private sniff(input: string) {
    const lf = input.indexOf('\n');
    const firstLine = input.slice(0, lf === -1 ? undefined : lf);
    let best = 0;
    for (const d of DELIMITERS) {
      const count = firstLine.split(d).length - 1;
      if (count > best) { best = count; this.delimiter = d; }
    }
    if (lf > 0 && input[lf - 1] === '\r') this.newline = '\r\n';
    else if (lf === -1 && input.includes('\r')) this.newline = '\r';
  }
}

function countBreaks(text: string, from: number, to: number, newline: string): number {
  const mark = newline === '\r' ? '\r' : '\n';
  let n = 0;
  for (let i = text.indexOf(mark, from); i !== -1 && i < to; i = text.indexOf(mark, i + 1)) n += 1;
  return n;
}
