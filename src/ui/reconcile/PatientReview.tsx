import { useTranslation } from 'react-i18next';
import type { Candidates, ReviewItem, ShownCandidate } from '../../device/reconcileDesk';
import type { PatientRow } from '../../domain/projections/rows';
import type { HisRecord } from '../../domain/hisIndex/record';
import { EvidenceList } from './Evidence';
import { useClock } from '../shared/useClock';

const birthText = (b: HisRecord['birth']) => (!b ? '' : b.kind === 'dob' ? b.dob : `${b.years} y`);

/** The patient under review: what the desk recorded, the HIS candidates with their evidence, and every decision so far. */
export function PatientReview({ item, found, dupes, picked, onPick }: {
  item: ReviewItem;
  found: Candidates | null | undefined;
  /** Other downtime patients likely to be this one (what M merges into). */
  dupes: readonly ShownCandidate<PatientRow>[] | undefined;
  picked: number;
  onPick: (index: number) => void;
}) {
  const { t } = useTranslation();
  const clock = useClock();
  const p = item.patient;
  const undone = new Map((item.row?.undos ?? []).map((u) => [u.undoes, u]));
  return (
    <section className="review" aria-labelledby="review-patient">
      <h2 id="review-patient">{p.name} · <code>{p.patient}</code></h2>
      <p>
        {p.sex} · {birthText(p.birth)} {p.mobile ? `· ${p.mobile}` : ''} {p.address ? `· ${[p.address.line, p.address.locality, p.address.district, p.address.pin].filter(Boolean).join(', ')}` : ''}
        <br /><span className="hint">{t('reconcile.registered', { day: p.registeredDay, device: p.device })}</span>
      </p>
      {found?.typed ? (
        <p data-testid="typed-uhid" className={found.typed.inIndex ? 'ok' : 'warning'}>
          {t('reconcile.typedUhid', { uhid: found.typed.uhid })} — {t(found.typed.inIndex ? 'reconcile.typedInIndex' : 'reconcile.typedNotInIndex')}
        </p>
      ) : null}
      {item.status === 'conflict' ? <p className="warning">{t('reconcile.conflictNote')}</p> : null}
      {item.mergedIn.length ? <p>{t('reconcile.mergedIn', { patients: item.mergedIn.join(', ') })}</p> : null}
      {item.sameUhid.length ? <p className="warning">{t('reconcile.sameUhid', { patients: item.sameUhid.join(', ') })}</p> : null}

      <h3>{t('reconcile.candidates')}</h3>
      {found?.noIndex ? <p className="warning">{t('reconcile.noIndex')}</p> : null}
      {found && !found.noIndex && found.candidates.length === 0 ? <p>{t('reconcile.noCandidates')}</p> : null}
      <ol className="candidates">
        {found?.candidates.map((c, i) => (
          <li key={c.uhid} className={i === picked ? 'candidate picked' : 'candidate'} data-testid="candidate">
            <button type="button" className="secondary" aria-pressed={i === picked} onClick={() => onPick(i)}>{t('reconcile.pick', { n: i + 1 })}</button>
            {' '}<strong>{c.uhid}</strong> · {c.record.name} · {c.record.sex} · {birthText(c.record.birth)}
            {c.record.mobile ? ` · ${c.record.mobile}` : ''}{c.record.address ? ` · ${c.record.address}` : ''}
            {' '}— <strong>{t('reconcile.score', { score: c.score })}</strong>{i === picked ? ` (${t('reconcile.picked')})` : ''}
            <EvidenceList evidence={c.evidence} />
          </li>
        ))}
      </ol>

      {dupes?.length ? (
        <>
          <h3>{t('reconcile.suggestions')}</h3>
          <ul className="history" data-testid="duplicates">
            {dupes.map((d) => <li key={d.uhid}><code>{d.uhid}</code> · {d.record.name} · {t('reconcile.score', { score: d.score })}</li>)}
          </ul>
        </>
      ) : null}

      {item.row?.decisions.length ? (
        <>
          <h3>{t('reconcile.decisions')}</h3>
          <ul className="history" data-testid="decisions">
            {item.row.decisions.map((d) => {
              const u = undone.get(d.id);
              return (
                <li key={d.id}>
                  {u ? <s>{line(d)}</s> : line(d)}
                  {u ? <><br />{t('reconcile.undoneLine', { by: u.by, device: u.device, at: clock.dateTime(u.at), reason: u.reason })}</> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );

  function line(d: NonNullable<ReviewItem['row']>['decisions'][number]) {
    return t('reconcile.decisionLine', { what: t(`reconcile.what_${d.kind}`, { uhid: d.uhid, kept: d.kept }), by: d.by, device: d.device, at: clock.dateTime(d.at), reason: d.reason });
  }
}
