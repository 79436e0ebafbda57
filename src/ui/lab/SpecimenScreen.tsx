import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import { useToday } from '../desk/useToday';
import { useLive } from '../services';
import { useLab, useLiveLab } from '../labUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { ContainerChip, PriorityBadge, StatusBadge } from './Badges';
import { useLabPrefs } from './labPrefs';
import { ageSex } from './labText';
import { printSpecimenLabels } from './printLabels';
import { ResultPanel } from './ResultPanel';
import { SpecimenActions } from './SpecimenActions';
import { Loading } from '../shared/Loading';

/** What a scan opens: the tube, whose it is, what happened to it, and what can happen next. */
export function SpecimenScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lab = useLab();
  const user = useSession((s) => s.user)!;
  const specimen = useLiveLab((l) => l.specimen(id), [id]);
  const view = useLiveLab(async (l) => {
    const s = await l.specimen(id);
    return s ? l.requestView(s.request) : null;
  }, [id]);
  const identity = useLive((d) => d.identity(), []);
  const settings = useLive((d) => d.settings(), []);
  const today = useToday();
  const paper = useLabPrefs((s) => s.paper);
  const [error, setError] = useState<string | null>(null);

  if (specimen === undefined || view === undefined || !identity) return <Loading />;
  if (!specimen || !view) return <main className="screen"><p className="form-error" role="alert">{t('errors.specimenNotFound', { specimen: id })}</p></main>;
  const s = specimen;
  const when = (at: string) => hospitalDateTime(at, identity.timeZone);
  const names = new Map(view.catalogue?.tests.map((x) => [x.code, i18n.language === 'hi' ? x.nameHi : x.name]));
  const history = [
    t('lab.ev_requested', { at: when(s.requestedAt), by: view.request.requestedBy }),
    s.collectedAt ? t('lab.ev_collected', { at: when(s.collectedAt), by: s.collectedBy }) : null,
    s.receivedAt ? t('lab.ev_received', { at: when(s.receivedAt), by: s.receivedBy }) : null,
    s.reportedAt ? `${t('lab.ev_reported', { at: when(s.reportedAt), by: s.reportedBy })}${s.reportNote ? ` — ${s.reportNote}` : ''}` : null,
    s.rejectedAt ? `${t('lab.ev_rejected', { at: when(s.rejectedAt), by: s.rejectedBy, reason: t(`lab.reason_${s.rejectReason}`) })}${s.rejectNote ? ` — ${s.rejectNote}` : ''}` : null,
  ].filter((line): line is string => Boolean(line));

  async function reprint() {
    setError(null);
    try {
      if (today && settings) await printSpecimenLabels({ lab, actor: user, identity: identity!, view: view!, today, t, paper, dpi: settings.printerDpi, specimens: [s.specimen] });
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <main className="screen">
      <p className="hint">{t('lab.specimenTitle')}</p>
      <h1><code data-testid="specimen-id">{s.specimen}</code> <StatusBadge status={s.status} /> <PriorityBadge priority={s.priority} /></h1>
      <p>
        <strong>{view.patient?.name ?? s.patient}</strong> {view.patient && today ? `· ${ageSex(view.patient, today, t)}` : ''} · <code>{s.patient}</code>
      </p>
      <p><ContainerChip container={s.container} /> · {t(`lab.sample_${s.sample}`)}</p>
      <ul>{s.tests.map((c) => <li key={c}><strong>{c}</strong> {names.get(c) ?? ''}</li>)}</ul>
      <p><Link href={`/request/${s.request}`}>{t('lab.openRequest', { id: s.request })}</Link> · {t('lab.printed', { count: s.labelPrints })}{' '}
        <button type="button" className="secondary" onClick={() => void reprint()}>{t('lab.reprintLabel')}</button>
      </p>
      <FormError text={error} />
      <SpecimenActions key={s.status} specimen={s} identity={identity} />
      {today ? <ResultPanel id={s.specimen} identity={identity} today={today} tests={view.catalogue?.tests ?? []} /> : null}
      <h2 id="specimen-history">{t('lab.history')}</h2>
      <ol className="history" aria-labelledby="specimen-history">{history.map((line) => <li key={line}>{line}</li>)}</ol>
    </main>
  );
}
