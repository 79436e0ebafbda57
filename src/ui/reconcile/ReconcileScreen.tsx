import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { downloadFile, REVIEW_PAGE, type ReviewFilter, type ReviewItem } from '../../device/reconcileDesk';
import { reconcileOutcome } from '../../domain/reconcile/state';
import { useLive } from '../services';
import { useClock } from '../shared/useClock';
import { errorText } from '../shared/errors';
import { DecisionForm, type DecisionDraft } from './DecisionForm';
import { matchedFields } from './Evidence';
import { PatientReview } from './PatientReview';
import { reviewCommand } from './reviewKeys';
import { useReconcile } from './useReconcile';

const FILTERS: ReviewFilter[] = ['unreviewed', 'conflicting', 'all'];

/**
 * The administrator's reconciliation workbench: the downtime patients (filtered), the one under
 * review with its HIS candidates and evidence, and the decisions, each asking for a reason.
 * Keyboard first (reviewKeys.ts), with a button for every key on a touch screen.
 */
export function ReconcileScreen({ actor, pageSize = REVIEW_PAGE }: { actor: SessionUser; pageSize?: number }) {
  const { t } = useTranslation();
  const rec = useReconcile();
  const [show, setShow] = useState<ReviewFilter>('unreviewed');
  const [device, setDevice] = useState('');
  const [day, setDay] = useState('');
  // The list is read a page at a time: moving past its end (j, ↓) or "Show more" reads one more.
  const [limit, setLimit] = useState(pageSize);
  const page = useLive(() => rec.reviewPage({ show, device: device || undefined, day: day || undefined }, limit), [rec, show, device, day, limit]);
  const items = page?.items;
  const more = page?.more ?? false;
  const devices = useLive(() => rec.devices(), [rec]);
  const [at, setAt] = useState(0);
  const [pick, setPick] = useState<{ patient: string | undefined; index: number }>({ patient: undefined, index: 0 });
  const [drafted, setDraftOnly] = useState<DecisionDraft | null>(null);
  // The patient a draft was opened for: a decision never lands on another one the list moved to.
  const [draftPatient, setDraftPatient] = useState<string | undefined>(undefined);
  const setDraft = (next: DecisionDraft | null) => { setDraftOnly(next); setDraftPatient(next ? id : undefined); };
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const index = items?.length ? Math.min(at, items.length - 1) : -1;
  const item = index >= 0 ? items![index] : undefined;
  const id = item?.patient.patient;
  const decidesHere = useLive(() => rec.decidesHere(), [rec]);
  // The marker "changes since" starts from (a download the HIS took), and the downloads not yet confirmed.
  const lastDownload = useLive(() => rec.lastDownload(), [rec]);
  const pendingDownloads = useLive(() => rec.pendingDownloads(), [rec]);
  const clock = useClock();
  // The list changed under an open form (a pull, another tab): the form closes, nothing is written.
  const moved = drafted !== null && draftPatient !== id;
  const draft = moved ? null : drafted;
  // Each answer names its patient: until the one under review has its own, nothing is shown or picked.
  const foundAny = useLive(() => (item ? rec.candidates(item.patient) : Promise.resolve(null)), [rec, id]);
  const found = foundAny?.patient === id ? foundAny : undefined;
  const dupesAny = useLive(async () => (item ? { patient: item.patient.patient, list: await rec.duplicates(item.patient) } : null), [rec, id]);
  const dupes = dupesAny && dupesAny.patient === id ? dupesAny.list : undefined;
  const active = item?.row ? reconcileOutcome(item.row.decisions, item.row.undos).active : [];
  const listRef = useRef<HTMLTableSectionElement>(null);
  // A pick belongs to its patient: moving on starts the next one at its best candidate.
  const picked = pick.patient === id ? pick.index : 0;
  const setPicked = (index: number) => setPick({ patient: id, index });
  useEffect(() => { listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }); }, [index]);

  function open(form: DecisionDraft['kind']) {
    if (!item) return;
    setMessage(null);
    const best = found?.candidates[picked];
    if (form === 'link') setDraft({ kind: 'link', uhid: best?.uhid ?? '', reason: best ? t('reconcile.reasonMatch', { fields: matchedFields(best.evidence, t), score: best.score }) : '' });
    if (form === 'new') setDraft({ kind: 'new', reason: t('reconcile.reasonNew') });
    if (form === 'merge') {
      const d = dupes?.[0];
      setDraft({ kind: 'merge', kept: d?.uhid ?? '', reason: d ? t('reconcile.reasonMerge', { fields: matchedFields(d.evidence, t) }) : '' });
    }
    if (form === 'undo') {
      const last = active[active.length - 1];
      if (!last) setMessage({ text: t('reconcile.nothingDecided'), error: true });
      else setDraft({ kind: 'undo', decision: last.id, reason: '' });
    }
  }

  // Keys work anywhere on the screen but in a field or an open form (listened to afresh at each
  // render, so a key always acts on what is shown).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (draft || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
      const command = reviewCommand(e);
      if (!command) return;
      e.preventDefault();
      const count = items?.length ?? 0;
      if (command.kind === 'move') {
        // Past the last patient shown, with more to come: the next page is read and the move lands on its first.
        if (command.by === 1 && index === count - 1 && more) {
          setLimit((l) => l + pageSize);
          setAt(count);
        } else setAt(Math.max(0, Math.min(count - 1, index + command.by)));
      }
      if (command.kind === 'pick' && (found?.candidates.length ?? 0) > command.index) setPick({ patient: id, index: command.index });
      if (command.kind === 'open') open(command.form);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function confirm() {
    const patient = draftPatient;
    if (!draft || !patient || patient !== id) return;
    setBusy(true);
    try {
      if (draft.kind === 'link') {
        const row = await rec.link(actor, patient, draft.uhid, draft.reason);
        setMessage({ text: t('reconcile.done_linked', { patient, uhid: row.uhid }) });
      } else if (draft.kind === 'new') {
        await rec.markNew(actor, patient, draft.reason);
        setMessage({ text: t('reconcile.done_new', { patient }) });
      } else if (draft.kind === 'merge') {
        await rec.merge(actor, draft.kept.trim(), patient, draft.reason);
        setMessage({ text: t('reconcile.done_merged', { patient, kept: draft.kept.trim() }) });
      } else {
        await rec.undo(actor, patient, draft.decision, draft.reason);
        setMessage({ text: t('reconcile.done_undone', { patient }) });
      }
      setDraft(null);
      // In "all" the patient stays listed: go on to the next. Elsewhere it left the list, and the next took its place.
      if (show === 'all') setAt((a) => a + 1);
    } catch (err) {
      setMessage({ text: errorText(err, t), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function download(what: 'everything' | 'changes') {
    setBusy(true);
    setMessage({ text: t('reconcile.exporting') });
    try {
      const out = await rec.exportFhir(actor, what);
      const url = URL.createObjectURL(new Blob([out.ndjson], { type: 'application/fhir+ndjson' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = downloadFile(what, out.exportId);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMessage({ text: t('reconcile.exported', { resources: out.resources, bundles: out.bundles, problems: out.problems.length }), error: out.problems.length > 0 });
    } catch (err) {
      setMessage({ text: errorText(err, t), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function confirmTaken(file: string) {
    setBusy(true);
    try {
      const taken = await rec.confirmTaken(actor, file);
      setMessage({ text: t('reconcile.confirmedTaken', { id: taken.exportId }) });
    } catch (err) {
      setMessage({ text: errorText(err, t), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="screen reconcile-screen">
      <h1>{t('reconcile.title')}</h1>
      <p className="hint">{t('reconcile.intro')}</p>
      <div className="filters">
        <label>{t('reconcile.show')}{' '}
          <select value={show} onChange={(e) => { setShow(e.target.value as ReviewFilter); setAt(0); setLimit(pageSize); }}>
            {FILTERS.map((f) => <option key={f} value={f}>{t(`reconcile.show_${f}`)}</option>)}
          </select>
        </label>
        <label>{t('reconcile.device')}{' '}
          <select value={device} onChange={(e) => { setDevice(e.target.value); setAt(0); setLimit(pageSize); }}>
            <option value="">{t('reconcile.anyDevice')}</option>
            {devices?.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label>{t('reconcile.day')}{' '}
          <input type="date" value={day} onChange={(e) => { setDay(e.target.value); setAt(0); setLimit(pageSize); }} />
        </label>
        <span data-testid="reconcile-count">{items ? t(more ? 'reconcile.countMore' : 'reconcile.count', { count: items.length }) : ''}</span>
      </div>
      <div className="filters" data-testid="reconcile-downloads">
        <button type="button" className="secondary" disabled={busy || !lastDownload} onClick={() => void download('changes')}>{t('reconcile.exportChanges')}</button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void download('everything')}>{t('reconcile.export')}</button>
        {lastDownload !== undefined ? (
          <span className="hint" data-testid="last-download">
            {!lastDownload ? t('reconcile.noDownloadYet')
              : t(lastDownload.confirmedBy ? 'reconcile.lastDownload' : 'reconcile.lastDownloadUnconfirmed', { at: clock.dateTime(lastDownload.at), by: lastDownload.by, id: lastDownload.exportId })}
          </span>
        ) : null}
      </div>
      {pendingDownloads?.length ? (
        <div data-testid="pending-download">
          <p className="hint">{t('reconcile.pendingDownloads')}</p>
          <ul className="pending-downloads">
            {pendingDownloads.map((d) => (
              <li key={d.file} className="filters" data-testid="pending-file">
                <span className="hint">{t('reconcile.pendingDownload', { file: d.file, at: clock.dateTime(d.at), by: d.by })}</span>
                <button type="button" disabled={busy} aria-label={t('reconcile.confirmTakenFile', { file: d.file })} onClick={() => void confirmTaken(d.file)}>{t('reconcile.confirmTaken')}</button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="hint" data-testid="reconcile-keys">{t('reconcile.keys')}</p>
      {decidesHere === false ? <p className="form-error" data-testid="reconcile-not-here">{t('reconcile.notHere')}</p> : null}
      {message ? <p role="status" className={message.error ? 'form-error' : 'ok'}>{message.text}</p> : null}
      {moved ? <p role="status" className="form-error">{t('reconcile.listMoved')}</p> : null}

      {items && items.length === 0 ? <p>{t('reconcile.none')}</p> : null}
      {items && items.length > 0 ? (
        <div className="his-scroll reconcile-list">
          <table className="his-table">
            <thead><tr><th>{t('reconcile.patientCol')}</th><th /><th>{t('reconcile.statusCol')}</th></tr></thead>
            <tbody ref={listRef}>
              {items.map((it, i) => (
                <tr key={it.patient.patient} aria-selected={i === index} className={i === index ? 'selected' : undefined} onClick={() => setAt(i)}>
                  <td><code>{it.patient.patient}</code></td>
                  <td>{it.patient.name}</td>
                  <td>{statusText(it)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more ? <button type="button" className="secondary" onClick={() => setLimit((l) => l + pageSize)}>{t('reconcile.showMore', { count: pageSize })}</button> : null}
        </div>
      ) : null}

      {item ? (
        <>
          <div className="actions reconcile-actions">
            <button type="button" className="primary" onClick={() => open('link')}>{t('reconcile.link')} (L)</button>
            <button type="button" className="secondary" onClick={() => open('new')}>{t('reconcile.markNew')} (N)</button>
            <button type="button" className="secondary" onClick={() => open('merge')}>{t('reconcile.merge')} (M)</button>
            <button type="button" className="secondary" onClick={() => open('undo')}>{t('reconcile.undo')} (U)</button>
          </div>
          {draft ? (
            <DecisionForm patient={item.patient.patient} draft={draft} active={active} suggestions={dupes ?? []} busy={busy}
              onChange={setDraft} onConfirm={() => void confirm()} onCancel={() => setDraft(null)} />
          ) : null}
          <PatientReview item={item} found={found} dupes={dupes} picked={picked} onPick={setPicked} />
        </>
      ) : null}
    </main>
  );

  function statusText(it: ReviewItem): string {
    if (it.status === 'linked') return t('reconcile.status_linked', { uhid: it.row?.uhid });
    if (it.status === 'merged') return t('reconcile.status_merged', { kept: it.under ?? it.row?.kept });
    return t(`reconcile.status_${it.status}`);
  }
}
