import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { QueueAction } from '../../domain/tokens/queue';
import type { TokenRow } from '../../domain/projections/rows';
import { useLive } from '../services';
import { useLiveQueue, useTokenQueue } from './queueUseCases';
import { useSession } from '../session';
import { useDeskPrefs } from '../desk/deskPrefs';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { Loading } from '../shared/Loading';

/** One department's queue today: call next, then done, skip (back of the line) or cancel. */
export function QueueScreen() {
  const { t, i18n } = useTranslation();
  const tokenQueue = useTokenQueue();
  const user = useSession((s) => s.user)!;
  const identity = useLive((d) => d.identity(), []);
  const { dept: lastDept, remember } = useDeskPrefs();
  const dept = lastDept ?? identity?.departments[0]?.code ?? '';
  const queue = useLiveQueue((q) => q.queue(dept), [dept]);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  async function act(action: QueueAction, target: { id: string } | { dept: string }, why?: string) {
    setError(null);
    try {
      await tokenQueue.move(user, action, target, why);
      setCancelling(null);
      setReason('');
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  if (!identity || !queue) return <Loading />;
  const name = (tk: TokenRow) => queue.patients[tk.patient]?.name ?? tk.patient;
  const cancelForm = (id: string) => (
    <form className="row" onSubmit={(e) => { e.preventDefault(); void act('cancel', { id }, reason); }}>
      <input aria-label={t('queue.cancelReason')} placeholder={t('queue.cancelReason')} autoFocus maxLength={200}
        value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="secondary">{t('queue.confirmCancel')}</button>
    </form>
  );
  return (
    <main className="screen">
      <h1>{t('queue.title')}</h1>
      <div className="row">
        <div className="field">
          <label htmlFor="q-dept">{t('queue.dept')}</label>
          <select id="q-dept" value={dept} onChange={(e) => remember({ dept: e.target.value })}>
            {identity.departments.map((d) => <option key={d.code} value={d.code}>{d.code} · {i18n.language === 'hi' ? d.nameHi : d.name}</option>)}
          </select>
        </div>
        <button type="button" className="primary big" onClick={() => void act('call', { dept })} disabled={queue.waitingCount === 0}>
          {t('queue.callNext')}
        </button>
        <Link href={`/display/${dept}`} aria-describedby="q-display-hint">{t('queue.display')}</Link>
      </div>
      <p id="q-display-hint" className="hint">{t('queue.displayHint')}</p>
      <FormError text={error} />

      <h2>{t('queue.nowCalled')}</h2>
      <ul className="queue-called">
        {queue.called.map((tk) => (
          <li key={tk.id} data-testid="called-token">
            <strong className="token-big">{tk.token}</strong> {name(tk)}
            <button type="button" className="primary" onClick={() => void act('done', { id: tk.id })}>{t('queue.done')}</button>
            <button type="button" className="secondary" onClick={() => void act('skip', { id: tk.id })}>{t('queue.skip')}</button>
            <button type="button" className="secondary" onClick={() => setCancelling(tk.id)}>{t('queue.cancel')}</button>
            {cancelling === tk.id ? cancelForm(tk.id) : null}
          </li>
        ))}
      </ul>

      <h2>{t('queue.waiting', { count: queue.waitingCount })}</h2>
      {queue.waiting.length === 0 ? <p>{t('queue.nobodyWaiting')}</p> : (
        <ol className="queue-waiting">
          {queue.waiting.map((tk) => (
            <li key={tk.id} data-testid="waiting-token">
              <strong>{tk.token}</strong> {name(tk)}
              <button type="button" className="secondary" onClick={() => setCancelling(tk.id)}>{t('queue.cancel')}</button>
              {cancelling === tk.id ? cancelForm(tk.id) : null}
            </li>
          ))}
        </ol>
      )}
      <p className="hint">{t('queue.closed', { done: queue.doneCount, cancelled: queue.cancelledCount })}</p>
    </main>
  );
}
