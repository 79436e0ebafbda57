import { foldKey } from '../../text';
import type { ResultEntry } from './sheet';
import type { ResultValue } from './values';

/** One result event of a specimen, as the projection keeps it (sealed at rest). */
export type ResultRecord = { id: string; at: string; by: string } & (
  | { kind: 'drafted'; analyteVersion: string; values: ResultEntry[] }
  | { kind: 'entered'; analyteVersion: string; values: ResultEntry[] }
  | { kind: 'verified'; version: string }
  | { kind: 'amended'; analyteVersion: string; values: ResultEntry[]; amends: string; reason: string }
  | { kind: 'calledOut'; values: Array<{ test: string; analyte: string; value: ResultValue }>; to: string; calledAt: string }
);

export interface ResultVersion {
  id: string;
  kind: 'entered' | 'amended';
  at: string;
  by: string;
  analyteVersion: string;
  values: ResultEntry[];
  reason?: string;
  /** The released version an amendment replaced. */
  amends?: string;
  verifiedAt?: string;
  verifiedBy?: string;
}

export type CallOut = Extract<ResultRecord, { kind: 'calledOut' }>;
export type ResultStatus = 'none' | 'draft' | 'entered' | 'verified' | 'amended';

export interface ResultState {
  status: ResultStatus;
  draft?: Extract<ResultRecord, { kind: 'drafted' }>;
  /** Entered and waiting for verification. */
  pending?: ResultVersion;
  /** What the report shows: the verified entry or the latest amendment. */
  released?: ResultVersion;
  /** Every version released, oldest first: the history an amended report keeps visible. */
  releases: ResultVersion[];
  callOuts: CallOut[];
}

/** Records in one order whatever order they arrived in: time, then event id. */
export const byTime = (a: { at: string; id: string }, b: { at: string; id: string }) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** Add a record once, in its place: the projection stays the same for any arrival order. */
export function withRecord(records: readonly ResultRecord[], record: ResultRecord): ResultRecord[] {
  if (records.some((r) => r.id === record.id)) return records.slice();
  return [...records, record].sort(byTime);
}

/**
 * What a specimen's result events amount to. The rules hold here too, not only in the
 * use-case: a verification by the person who entered the values, or of an entry it does not
 * know, releases nothing, whichever tablet it was pulled from. An amendment counts only against
 * a released version.
 */
export function resultState(records: readonly ResultRecord[]): ResultState {
  const sorted = [...records].sort(byTime);
  const versions = new Map<string, ResultVersion>();
  for (const r of sorted) {
    if (r.kind === 'entered') versions.set(r.id, { id: r.id, kind: 'entered', at: r.at, by: r.by, analyteVersion: r.analyteVersion, values: r.values });
  }
  const state: ResultState = { status: 'none', releases: [], callOuts: [] };
  for (const r of sorted) {
    switch (r.kind) {
      case 'drafted':
        state.draft = r;
        break;
      case 'entered':
        if (!state.released) state.pending = versions.get(r.id);
        delete state.draft;
        break;
      case 'verified': {
        const v = versions.get(r.version);
        if (!v || v.verifiedAt || foldKey(v.by) === foldKey(r.by) || state.released) break;
        const released = { ...v, verifiedAt: r.at, verifiedBy: r.by };
        state.released = released;
        state.releases.push(released);
        if (state.pending?.id === v.id) delete state.pending;
        delete state.draft;
        break;
      }
      case 'amended': {
        if (!state.releases.some((v) => v.id === r.amends)) break;
        const amended: ResultVersion = {
          id: r.id, kind: 'amended', at: r.at, by: r.by, analyteVersion: r.analyteVersion, values: r.values,
          reason: r.reason, amends: r.amends, verifiedAt: r.at, verifiedBy: r.by,
        };
        state.released = amended;
        state.releases.push(amended);
        break;
      }
      case 'calledOut':
        state.callOuts.push(r);
        break;
    }
  }
  state.status = state.released ? state.released.kind === 'amended' ? 'amended' : 'verified'
    : state.pending ? 'entered' : state.draft ? 'draft' : 'none';
  return state;
}

/** Critical values still waiting for a call-out: one recorded for the same analyte and value covers it. */
export function missingCallOuts(criticals: readonly ResultEntry[], callOuts: readonly CallOut[]): ResultEntry[] {
  return criticals.filter((c) => !callOuts.some((o) => o.values.some((v) => v.test === c.test && v.analyte === c.analyte && v.value === c.value)));
}

/** Analytes whose value changed between two versions (added, removed or different). */
export function changedAnalytes(before: readonly ResultEntry[], after: readonly ResultEntry[]): string[] {
  const key = (e: ResultEntry) => `${e.test}.${e.analyte}`;
  const old = new Map(before.map((e) => [key(e), e.value]));
  const now = new Map(after.map((e) => [key(e), e.value]));
  return [...new Set([...old.keys(), ...now.keys()])].filter((k) => old.get(k) !== now.get(k));
}
