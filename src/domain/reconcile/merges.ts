import type { ReconcileStatus } from './state';

export type MergeRoot = { root: string } | { cycle: string[] };

/**
 * Where each merged patient ends up: merges chain (A into B, B into C puts A under C), and two
 * administrators offline can merge A into B and B into A. Such a cycle has no patient to show the
 * others under, so it is reported (a conflict) rather than broken at an arbitrary place.
 */
export function mergeRoots(rows: Iterable<{ patient: string; status: ReconcileStatus; kept?: string | undefined }>): Map<string, MergeRoot> {
  const into = new Map<string, string>();
  for (const r of rows) if (r.status === 'merged' && r.kept) into.set(r.patient, r.kept);
  const out = new Map<string, MergeRoot>();
  for (const start of into.keys()) {
    const path: string[] = [];
    let at = start;
    while (into.has(at) && !path.includes(at)) { path.push(at); at = into.get(at)!; }
    out.set(start, path.includes(at) ? { cycle: path.slice(path.indexOf(at)).sort() } : { root: at });
  }
  return out;
}

/** The patients merged into each root (directly or through a chain), sorted: what exports as one. */
export function mergedUnder(roots: ReadonlyMap<string, MergeRoot>): Map<string, string[]> {
  const under = new Map<string, string[]>();
  for (const [patient, r] of roots) {
    if (!('root' in r)) continue;
    under.set(r.root, [...(under.get(r.root) ?? []), patient].sort());
  }
  return under;
}
