/**
 * A cheap fingerprint of a device's events on the server: the central view sums, per device,
 * [1, seq, a 28-bit slice of each event's revision]. Events have ids 1…n, so count n and seq sum
 * n(n+1)/2 mean every sequence is there once; the revision sum says they are the same revisions
 * (and so the same content and hash) as this device's. Comparing it costs one request, whatever n.
 */
export type ChainSum = [count: number, seqSum: number, revSum: number];

export function revChunk(rev: string): number {
  const hex = rev.slice(rev.indexOf('-') + 1, rev.indexOf('-') + 8);
  const n = parseInt(hex, 16);
  return Number.isNaN(n) ? 0 : n;
}

export const expectedSum = (total: number, revSum: number): ChainSum => [total, (total * (total + 1)) / 2, revSum];

export const sameSum = (a: ChainSum | null, b: ChainSum) => a !== null && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** The map function of that view, as CouchDB source (the same arithmetic as revChunk). */
export const CHAIN_SUM_MAP = `function (doc) {
  if (doc._id.indexOf('ev:') === 0 && typeof doc.device === 'string' && typeof doc.seq === 'number') {
    var dash = doc._rev.indexOf('-');
    var n = parseInt(doc._rev.slice(dash + 1, dash + 8), 16);
    emit(doc.device, [1, doc.seq, isNaN(n) ? 0 : n]);
  }
}`;
