import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../domain/hisIndex/score';

const MARK = { match: '✓', close: '≈', unknown: '?', conflict: '✗' } as const;

/** One candidate's evidence, field by field: what the score is made of. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  const { t } = useTranslation();
  return (
    <ul className="evidence">
      {evidence.map((e) => (
        <li key={e.field} className={`verdict-${e.verdict}`}>
          <span aria-hidden="true">{MARK[e.verdict]} </span>
          {t(`reconcile.evidence_${e.field}`)}: {t(`reconcile.verdict_${e.verdict}`)}
          {e.field === 'name' && e.detail?.of ? ` (${t('reconcile.words', { matched: e.detail.matched?.length ?? 0, of: e.detail.of })})` : null}
          {e.field === 'birth' && e.detail?.years ? ` (${t('reconcile.years', { years: e.detail.years })})` : null}
          {e.field === 'address' && e.detail?.matched?.length ? ` (${e.detail.matched.join(', ')})` : null}
          {' '}<span className="hint">{e.points > 0 ? `+${e.points}` : e.points}</span>
        </li>
      ))}
    </ul>
  );
}

/** The fields that matched, for a reason the administrator may keep or edit. */
export const matchedFields = (evidence: readonly Evidence[], t: (k: string) => string): string =>
  evidence.filter((e) => e.verdict === 'match').map((e) => t(`reconcile.evidence_${e.field}`)).join(', ');
