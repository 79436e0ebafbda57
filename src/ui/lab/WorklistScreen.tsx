import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { WORKLIST_PAGE } from '../../device/labDesk';
import { CONTAINERS, type Container } from '../../domain/lab/containers';
import { PRIORITIES, type Priority } from '../../domain/lab/requisition';
import { SPECIMEN_STATUSES } from '../../domain/lab/status';
import { WORKLIST_VIEWS, type WorklistFilters, type WorklistStatus } from '../../domain/lab/worklist';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import { useLive } from '../services';
import { useLab, useLiveLab } from '../labUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { ContainerChip, PriorityBadge, StatusBadge } from './Badges';
import { useLabPrefs } from './labPrefs';
import { Loading } from '../shared/Loading';

// No bulk "reported": a specimen is reported by releasing its results (the result grid), never by a
// tick in a list, so no report reaches a ward without its values.
type Bulk = 'collect' | 'receive';

/** The bench's to-do list: filter by status, priority, department and container; oldest first. */
export function WorklistScreen() {
  const { t, i18n } = useTranslation();
  const lab = useLab();
  const user = useSession((s) => s.user)!;
  const identity = useLive((d) => d.identity(), []);
  const { filters, remember } = useLabPrefs();
  const [limit, setLimit] = useState(WORKLIST_PAGE);
  const key = JSON.stringify(filters);
  const list = useLiveLab((l) => l.worklist(filters, limit), [key, limit]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const set = (patch: Partial<WorklistFilters>) => {
    remember({ filters: { ...filters, ...patch } });
    setSelected(new Set());
    setLimit(WORKLIST_PAGE);
  };
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  async function bulk(action: Bulk) {
    setError(null);
    setNotice(null);
    const ids = [...selected];
    try {
      if (action === 'collect') await lab.collect(user, ids);
      else await lab.receive(user, ids);
      setSelected(new Set());
      setNotice(t('lab.moved', { count: ids.length }));
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  if (!identity) return <Loading />;
  const opt = (v: string | undefined) => (v === '' ? undefined : v);
  return (
    <main className="screen wide">
      <h1>{t('lab.worklist')}</h1>
      <div className="filters">
        <label>{t('lab.status')}{' '}
          <select value={filters.status ?? 'pending'} onChange={(e) => set({ status: e.target.value as WorklistStatus })}>
            {([...WORKLIST_VIEWS, ...SPECIMEN_STATUSES] as const).map((s) => <option key={s} value={s}>{t(`lab.status_${s}`)}</option>)}
          </select>
        </label>
        <label>{t('lab.priority')}{' '}
          <select value={filters.priority ?? ''} onChange={(e) => set({ priority: opt(e.target.value) as Priority | undefined })}>
            <option value="">{t('lab.any')}</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(`lab.priority_${p}`)}</option>)}
          </select>
        </label>
        <label>{t('lab.dept')}{' '}
          <select value={filters.dept ?? ''} onChange={(e) => set({ dept: opt(e.target.value) })}>
            <option value="">{t('lab.any')}</option>
            {identity.departments.map((d) => <option key={d.code} value={d.code}>{d.code} · {i18n.language === 'hi' ? d.nameHi : d.name}</option>)}
          </select>
        </label>
        <label>{t('lab.container')}{' '}
          <select value={filters.container ?? ''} onChange={(e) => set({ container: opt(e.target.value) as Container | undefined })}>
            <option value="">{t('lab.any')}</option>
            {CONTAINERS.map((c) => <option key={c} value={c}>{t(`lab.container_${c}`)}</option>)}
          </select>
        </label>
      </div>

      <div className="actions">
        <span role="status">{t('lab.selected', { count: selected.size })}</span>
        <button type="button" className="secondary" disabled={!selected.size} onClick={() => void bulk('collect')}>{t('lab.markCollected')}</button>
        <button type="button" className="secondary" disabled={!selected.size} onClick={() => void bulk('receive')}>{t('lab.markReceived')}</button>
      </div>
      <FormError text={error} />
      {notice ? <p className="ok" role="status">{notice}</p> : null}

      {!list ? <p aria-busy="true">{t('app.loading')}</p> : list.rows.length === 0 ? <p>{t('lab.none')}</p> : (
        <table className="list worklist">
          <thead>
            <tr>
              {/* Two facts per column, so that the list fits a tablet held upright. */}
              <th /><th>{t('lab.ordered')} · {t('lab.priority')}</th><th>{t('lab.specimen')} · {t('lab.patient')}</th>
              <th>{t('lab.container')} · {t('lab.tests')}</th><th>{t('lab.status')} · {t('lab.dept')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((s) => (
              <tr key={s.specimen} data-testid="worklist-row" className={s.priority === 'stat' ? 'row-stat' : undefined}>
                <td><input type="checkbox" aria-label={t('lab.select', { specimen: s.specimen })} checked={selected.has(s.specimen)} onChange={() => toggle(s.specimen)} /></td>
                <td><div>{hospitalDateTime(s.requestedAt, identity.timeZone)}</div><PriorityBadge priority={s.priority} /></td>
                <td><div><Link href={`/specimen/${s.specimen}`}><code>{s.specimen}</code></Link></div>{s.patientName}</td>
                <td><div><ContainerChip container={s.container} /></div>{s.tests.join(' ')}</td>
                <td><div><StatusBadge status={s.status} /></div>{s.dept}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list?.more ? <button type="button" className="secondary" onClick={() => setLimit((n) => n + WORKLIST_PAGE)}>{t('lab.more')}</button> : null}
    </main>
  );
}
