import { useTranslation } from 'react-i18next';
import type { ShownCandidate } from '../../device/reconcileDesk';
import type { PatientRow } from '../../domain/projections/rows';
import type { ReconcileDecision } from '../../domain/reconcile/state';
import { useClock } from '../shared/useClock';

export type DecisionDraft =
  | { kind: 'link'; uhid: string; reason: string }
  | { kind: 'new'; reason: string }
  | { kind: 'merge'; kept: string; reason: string }
  | { kind: 'undo'; decision: string; reason: string };

/**
 * The reason asked before every decision, prefilled from the evidence so Enter confirms; Escape
 * cancels. Nothing is written until it is confirmed.
 */
export function DecisionForm({ patient, draft, active, suggestions, busy, onChange, onConfirm, onCancel }: {
  patient: string;
  draft: DecisionDraft;
  active: readonly ReconcileDecision[];
  suggestions: readonly ShownCandidate<PatientRow>[];
  busy: boolean;
  onChange: (d: DecisionDraft) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const clock = useClock();
  const title = { link: 'linkTitle', new: 'newTitle', merge: 'mergeTitle', undo: 'undoTitle' }[draft.kind];
  return (
    <form className="decision-form" aria-label={t(`reconcile.${title}`, { patient })}
      onSubmit={(e) => { e.preventDefault(); onConfirm(); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onCancel(); } }}>
      <h3>{t(`reconcile.${title}`, { patient })}</h3>
      {draft.kind === 'link' ? (
        <label className="field">{t('reconcile.uhid')}
          <input className="code-input" value={draft.uhid} onChange={(e) => onChange({ ...draft, uhid: e.target.value })} />
        </label>
      ) : null}
      {draft.kind === 'merge' ? (
        <>
          <label className="field">{t('reconcile.kept')}
            <input className="code-input" value={draft.kept} onChange={(e) => onChange({ ...draft, kept: e.target.value.toUpperCase() })} />
          </label>
          {suggestions.length ? (
            <p className="hint">{t('reconcile.suggestions')}:{' '}
              {suggestions.map((s) => (
                <button key={s.uhid} type="button" className="secondary" onClick={() => onChange({ ...draft, kept: s.uhid })}>
                  {s.uhid} · {s.record.name} ({t('reconcile.score', { score: s.score })})
                </button>
              ))}
            </p>
          ) : null}
        </>
      ) : null}
      {draft.kind === 'undo' ? (
        <label className="field">{t('reconcile.which')}
          <select value={draft.decision} onChange={(e) => onChange({ ...draft, decision: e.target.value })}>
            {active.map((d) => (
              <option key={d.id} value={d.id}>{t(`reconcile.what_${d.kind}`, { uhid: d.uhid, kept: d.kept })} — {d.by}, {clock.dateTime(d.at)}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="field">{t('reconcile.reason')}
        <input value={draft.reason} autoFocus maxLength={200} onChange={(e) => onChange({ ...draft, reason: e.target.value })} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('reconcile.confirm')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('reconcile.cancel')}</button>
      </div>
    </form>
  );
}
