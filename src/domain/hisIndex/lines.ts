import { HisFileError } from './record';
import { MAX_ROW_CHARS } from './csvRows';

export interface TextLine {
  line: number;
  text: string;
}

/** The non-empty lines of text arriving in chunks (NDJSON: one JSON value a line, LF or CRLF). */
export class LineReader {
  private carry = '';
  private line = 1;

  constructor(private readonly maxLineChars = MAX_ROW_CHARS) {}

  push(text: string): TextLine[] {
    const input = (this.line === 1 && this.carry === '' ? text.replace(/^\uFEFF/, '') : this.carry + text);
    const parts = input.split('\n');
    this.carry = parts.pop()!;
    if (this.carry.length > this.maxLineChars) throw new HisFileError('rowTooLong', this.line + parts.length);
    return this.lines(parts);
  }

  end(): TextLine[] {
    const rest = this.carry;
    this.carry = '';
    return this.lines([rest]);
  }

  private lines(parts: string[]): TextLine[] {
    const out: TextLine[] = [];
    for (const part of parts) {
      const text = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (text.trim() !== '') out.push({ line: this.line, text });
      this.line += 1;
    }
    return out;
  }
}
