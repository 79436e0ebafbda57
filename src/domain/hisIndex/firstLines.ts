import type { RowOutcome } from './record';

/**
 * Refuses a UHID met earlier in the same file, naming the line it was first on. The first one
 * stays: which of two rows is right is for the HIS to say, and the list of bad rows shows both
 * lines. It holds each UHID of the file once (some 100 bytes each): the device's import checks
 * in IndexedDB instead (hisImport.ts), so a million rows need no more memory than a thousand.
 */
export class FirstLines {
  private readonly seen = new Map<string, number>();

  check(outcome: RowOutcome): RowOutcome {
    if (!outcome.ok) return outcome;
    const first = this.seen.get(outcome.record.uhid);
    if (first !== undefined) return { ok: false, bad: { line: outcome.line, reason: 'uhidDuplicate', value: outcome.record.uhid, firstLine: first } };
    this.seen.set(outcome.record.uhid, outcome.line);
    return outcome;
  }
}
