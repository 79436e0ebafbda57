import { BundleRefusal } from './refusal';

type Part = { kind: 'header'; lineHash: string } | { kind: 'events'; frameHash: string } | { kind: 'end' };

/**
 * A bundle is read twice, checked whole first, then stored, and the second read stores each page
 * before the signature at its end is reached. So the second read must be byte for byte what the
 * first one checked: its header line and every frame are held to the first read's SHA-256 before
 * anything of them is stored (a file swapped or changed between the two reads is refused).
 */
export class SameRead {
  private header: string | null = null;
  private readonly frames: string[] = [];
  private next = 0;

  /** The check pass: remember what was read. */
  saw(part: Part): void {
    if (part.kind === 'header') this.header = part.lineHash;
    else if (part.kind === 'events') this.frames.push(part.frameHash);
  }

  /** The write pass: refuse anything the check pass did not read. */
  require(part: Part): void {
    const same = part.kind === 'header' ? part.lineHash === this.header
      : part.kind === 'events' ? part.frameHash === this.frames[this.next++] : this.next === this.frames.length;
    if (!same) throw new BundleRefusal('corrupted', 'the file changed between the check and the import: nothing more of it was stored; import it again from a copy nobody writes to');
  }
}
