import { ValidationError } from '../errors';
import { parseEvent, type AnyEvent } from '../events/envelope';
import type { BundleHeader } from './header';
import { BundleRefusal } from './refusal';

export type BundledEvent = AnyEvent & { _rev: string };
const REV = /^1-[0-9a-f]{32}$/;

/**
 * Checks a bundle's events as they stream by, holding only the last one: each parses and hashes
 * to its content, is the header's device's, follows the one before by sequence and by `prev`,
 * from the header's `from` (linked to `prevHash`) to its `to` (whose hash is `headHash`). The
 * frames' seal already proves nobody but the signer wrote them; this proves the signer wrote a
 * whole chain, so a replacement can continue it and the central store can take it.
 */
export class BundleChainCheck {
  private seq: number;
  private hash: string;

  constructor(private readonly header: BundleHeader) {
    this.seq = header.from - 1;
    this.hash = header.prevHash;
  }

  take(doc: unknown): BundledEvent {
    const { _rev: rev, ...content } = (doc ?? {}) as Record<string, unknown>;
    const expected = this.seq + 1;
    let event: AnyEvent;
    try {
      event = parseEvent(content);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      throw new BundleRefusal('chainBroken', `event ${expected} is not a valid event (${err.issues.slice(0, 2).map((i) => `${i.path || 'document'}: ${i.code}`).join('; ')})`);
    }
    if (typeof rev !== 'string' || !REV.test(rev)) throw new BundleRefusal('chainBroken', `event ${event.seq} carries no revision of the form 1-<32 hex>`);
    if (event.device !== this.header.device) throw new BundleRefusal('chainBroken', `event ${event.seq} belongs to device ${event.device}, the bundle to ${this.header.device}`);
    if (event.seq !== expected) throw new BundleRefusal('chainBroken', `event ${event.seq} where event ${expected} should be`);
    if (event.prev !== this.hash) throw new BundleRefusal('chainBroken', `event ${event.seq} does not link to event ${expected - 1}`);
    if (event.seq > this.header.to) throw new BundleRefusal('chainBroken', `event ${event.seq} lies past the bundle's last event ${this.header.to}`);
    this.seq = event.seq;
    this.hash = event.hash;
    return { ...event, _rev: rev };
  }

  /** After the last frame: the chain reached the header's head, no more and no less. */
  finish(): void {
    if (this.seq !== this.header.to) throw new BundleRefusal('truncated', `the bundle ends at event ${this.seq}, its header says ${this.header.to}`);
    if (this.hash !== this.header.headHash) throw new BundleRefusal('chainBroken', `event ${this.seq} is not the head the header names`);
  }
}
