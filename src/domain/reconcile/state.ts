import type { AnyEvent } from '../events/envelope';

export type DecisionKind = 'linked' | 'new' | 'merged';
export type ReconcileStatus = DecisionKind | 'conflict' | 'unreviewed';

/** One administrator's decision about a downtime patient, as its event said it. */
export interface ReconcileDecision {
  /** The event's id: an undo names it. */
  id: string;
  kind: DecisionKind;
  /** linked: the HIS patient. */
  uhid?: string | undefined;
  /** merged: the downtime patient this one is the same person as. */
  kept?: string | undefined;
  at: string;
  by: string;
  device: string;
  reason: string;
}

export interface ReconcileUndo {
  id: string;
  undoes: string;
  at: string;
  by: string;
  device: string;
  reason: string;
}

/**
 * A downtime patient's reconciliation: every decision and undo ever folded, ordered by time and
 * id, and what they amount to. Sets, not a latest-wins register: two administrators deciding
 * differently offline both stay, and the patient shows as a conflict until one is undone.
 */
export interface ReconcileRow {
  patient: string;
  status: ReconcileStatus;
  /** The newest decision or undo folded (a filter "reviewed since" reads it). */
  updatedAt: string;
  decisions: ReconcileDecision[];
  undos: ReconcileUndo[];
  /** While linked: the UHID; while merged: the patient kept (derived, like the status). */
  uhid?: string | undefined;
  kept?: string | undefined;
}

export interface ReconcileOutcome {
  status: ReconcileStatus;
  /** The decisions in force (not undone), oldest first: more than one kind or target is a conflict. */
  active: ReconcileDecision[];
  uhid?: string | undefined;
  kept?: string | undefined;
}

const byTimeThenId = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What a decision says, whoever made it: two equal decisions agree, they do not conflict. */
const saying = (d: ReconcileDecision) => `${d.kind}:${d.uhid ?? d.kept ?? ''}`;

/** What the decisions and undos amount to. Pure and independent of the order they arrived in. */
export function reconcileOutcome(decisions: readonly ReconcileDecision[], undos: readonly ReconcileUndo[]): ReconcileOutcome {
  const undone = new Set(undos.map((u) => u.undoes));
  const active = decisions.filter((d) => !undone.has(d.id)).sort(byTimeThenId);
  const sayings = new Set(active.map(saying));
  if (sayings.size === 0) return { status: 'unreviewed', active };
  if (sayings.size > 1) return { status: 'conflict', active };
  const first = active[0]!;
  return { status: first.kind, active, uhid: first.uhid, kept: first.kept };
}

/** Add a decision or an undo (once, however often it is folded) and derive the status again. */
function withRecord(prev: ReconcileRow | undefined, patient: string, add: { decision?: ReconcileDecision; undo?: ReconcileUndo }): ReconcileRow {
  const row = prev ?? { patient, status: 'unreviewed' as const, updatedAt: '', decisions: [], undos: [] };
  const record = add.decision ?? add.undo!;
  if (row.decisions.some((d) => d.id === record.id) || row.undos.some((u) => u.id === record.id)) return row;
  const decisions = add.decision ? [...row.decisions, add.decision].sort(byTimeThenId) : row.decisions;
  const undos = add.undo ? [...row.undos, add.undo].sort(byTimeThenId) : row.undos;
  const { status, uhid, kept } = reconcileOutcome(decisions, undos);
  return {
    patient, decisions, undos, status, uhid, kept,
    updatedAt: record.at > row.updatedAt ? record.at : row.updatedAt,
  };
}

/**
 * The patient a reconciliation event is about and how it changes that patient's row, or null for
 * any other event. A merge is kept on the merged patient's row (the one that stops being a patient
 * of its own); the kept patient's merges are found by reading the rows (mergeRoots).
 */
export function reconcileChange(event: AnyEvent): { patient: string; apply: (prev: ReconcileRow | undefined) => ReconcileRow } | null {
  const who = { id: event._id, at: event.at, by: event.by, device: event.device };
  switch (event.type) {
    case 'patient.linked': {
      const d = event.data;
      return { patient: d.patient, apply: (prev) => withRecord(prev, d.patient, { decision: { ...who, kind: 'linked', uhid: d.uhid, reason: d.reason } }) };
    }
    case 'patient.markedNew': {
      const d = event.data;
      return { patient: d.patient, apply: (prev) => withRecord(prev, d.patient, { decision: { ...who, kind: 'new', reason: d.reason } }) };
    }
    case 'patient.merged': {
      const d = event.data;
      return { patient: d.merged, apply: (prev) => withRecord(prev, d.merged, { decision: { ...who, kind: 'merged', kept: d.kept, reason: d.reason } }) };
    }
    case 'reconcile.undone': {
      const d = event.data;
      return { patient: d.patient, apply: (prev) => withRecord(prev, d.patient, { undo: { ...who, undoes: d.undoes, reason: d.reason } }) };
    }
    default:
      return null;
  }
}
