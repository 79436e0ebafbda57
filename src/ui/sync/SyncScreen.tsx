import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pendingOf, type SyncProgress } from '../../domain/sync/progress';
import type { SessionUser } from '../../device/desk';
import type { GateConfig } from '../../sync/resync';
import { useLive } from '../services';
import { useResync } from './useResync';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { useClock } from '../shared/useClock';
import { GateForm } from './GateForm';
import { Overview } from './Overview';

/** The administrator's resync: the gate, a verified push with progress, history and refusals. */
export function SyncScreen({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const resync = useResync();
  const clock = useClock();
  const [gate, setGate] = useState<GateConfig | null | undefined>(undefined);
  const [progress, setProgress] = useState<SyncProgress>(resync.current());
  const [error, setError] = useState<string | null>(null);
  const history = useLive((d) => d.db.syncHistory.orderBy('startedAt').reverse().limit(20).toArray(), []);
  const refusals = useLive((d) => d.db.syncRefusals.orderBy('id').toArray(), []);

  const reload = () => void resync.gate().then(setGate);
  useEffect(reload, [resync]);
  useEffect(() => resync.subscribe(setProgress), [resync]);

  async function run() {
    setError(null);
    try {
      await resync.run(actor);
    } catch (err) {
      // A run that started reports its own failure in the progress box: once is enough.
      if (resync.current().phase !== 'failed') setError(errorText(err, t));
    }
  }

  const busy = !['idle', 'done', 'failed'].includes(progress.phase);
  const counts = (c: { total: number; sent: number; confirmed: number; refused: number }) =>
    t('sync.counts', { count: c.total, sent: c.sent, confirmed: c.confirmed, refused: c.refused, pending: pendingOf(c) });
  const message = progress.message && { ...progress.message, params: clock.instantsIn(progress.message.params) };
  const done = progress.total ? Math.round(((progress.confirmed + progress.refused) / progress.total) * 100) : 0;
  return (
    <main className="screen">
      <h1>{t('sync.title')}</h1>
      {gate === undefined ? null : gate?.open ? (
        <>
          <p className="ok" data-testid="gate-state">{t('sync.gateOpen', { at: clock.dateTime(gate.openedAt), by: gate.openedBy, url: gate.url, user: gate.username })}</p>
          <div className="actions">
            <button type="button" className="primary big" onClick={() => void run()} disabled={busy}>{t('sync.run')}</button>
            {busy && progress.phase !== 'paused' ? <button type="button" className="secondary" onClick={() => resync.pause()}>{t('sync.pause')}</button> : null}
            {progress.phase === 'paused' ? <button type="button" className="secondary" onClick={() => resync.resume()}>{t('sync.resume')}</button> : null}
            <button type="button" className="secondary" onClick={() => void resync.closeGate(actor).then(reload)}>{t('sync.close')}</button>
          </div>
        </>
      ) : (
        <>
          <p className="warning" data-testid="gate-state">{t('sync.gateClosed')}</p>
          <GateForm actor={actor} last={gate} onOpened={reload} />
        </>
      )}

      {progress.phase !== 'idle' ? (
        <section aria-label={t(`sync.phase_${progress.phase}`)} className="progress-box">
          <p><strong>{t(`sync.phase_${progress.phase}`)}</strong></p>
          <progress max={100} value={done} aria-valuetext={`${done}%`} />
          <p>{counts(progress)}</p>
          {progress.pullExpected !== null ? (
            <>
              <progress max={Math.max(1, progress.pullExpected)} value={Math.min(progress.pulled, progress.pullExpected)} aria-label={t('sync.phase_pulling')} />
              <p data-testid="pull-progress">{t('sync.pulled', { pulled: progress.pulled, count: progress.pullExpected })}</p>
            </>
          ) : null}
          {progress.pullError ? (
            <p className="form-error" role="alert" data-testid="pull-error">{progress.pullError.code === 'pullConflicts' ? null : `${t('sync.pullFailed')} `}{t(`sync.errors.${progress.pullError.code}`, { defaultValue: progress.pullError.code, ...progress.pullError.params })}</p>
          ) : null}
          {progress.rate && busy ? <p>{t('sync.rate', { rate: Math.round(progress.rate), eta: Math.round(progress.etaSeconds ?? 0) })}</p> : null}
          {progress.phase === 'waiting' && progress.retryAt ? <p>{t('sync.retryIn', { time: clock.time(progress.retryAt, { seconds: true }) })}</p> : null}
          {message ? (
            <p role="status" data-testid="sync-message" className={progress.phase === 'failed' ? 'form-error' : message.code === 'degraded' ? 'warning' : progress.phase === 'done' ? 'ok' : ''}>
              {message.code === 'allConfirmed' || message.code === 'confirmedWithRefusals' || message.code === 'degraded'
                ? t(`sync.${message.code}`, message.params)
                : t(`sync.errors.${message.code}`, { defaultValue: message.code, ...message.params })}
            </p>
          ) : null}
        </section>
      ) : null}
      <FormError text={error} />

      <h2>{t('sync.refusals')}</h2>
      {refusals && refusals.length === 0 ? <p>{t('sync.noRefusals')}</p> : (
        <ul data-testid="refusals">{(refusals ?? []).map((r) => <li key={r.id}><code>{r.id}</code>: {r.reason}</li>)}</ul>
      )}

      <h2>{t('sync.history')}</h2>
      <table className="list">
        <thead><tr><th>{t('sync.when')}</th><th>{t('sync.who')}</th><th>{t('sync.outcome')}</th><th /></tr></thead>
        <tbody>
          {(history ?? []).map((h) => (
            <tr key={h.id}>
              <td>{clock.dateTime(h.startedAt, { seconds: true })}</td><td>{h.by}</td><td>{t(`sync.outcome_${h.outcome}`)}</td>
              <td>{counts(h)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {gate?.pull ? <Overview gate={gate} /> : null}
    </main>
  );
}
