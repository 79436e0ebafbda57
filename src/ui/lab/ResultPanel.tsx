import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceIdentity } from '../../device/identity';
import type { ResultView } from '../../device/resultDesk';
import type { LabTest } from '../../domain/lab/catalogue';
import type { ReportPaper } from '../../domain/lab/paper';
import { missingCallOuts } from '../../domain/lab/results/resultState';
import { typedFrom } from '../../domain/lab/results/sheet';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import { useDesk } from '../services';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { useLiveResults, useResults } from '../labUseCases';
import { CallOutForm } from './CallOutForm';
import { CumulativeView } from './CumulativeView';
import { printResults } from './printResultReport';
import { ResultGrid } from './ResultGrid';

interface Props {
  id: string;
  identity: DeviceIdentity;
  today: string;
  tests: readonly LabTest[];
}

/** A specimen's results: entry, call-outs, verification, amendment and the printed report. */
export function ResultPanel(props: Props) {
  const { t } = useTranslation();
  // A view that cannot be shown (its analyte version not pulled yet) says why instead of staying blank.
  const read = useLiveResults((r) => r.view(props.id).then((view) => ({ view }), (error: unknown) => ({ error })), [props.id]);
  if (read && 'error' in read) return <FormError text={errorText(read.error, t)} />;
  const view = read?.view;
  if (!view) return null;
  // A new draft, entry or release (here or pulled) starts the form again from what is stored; a
  // call-out does not, so an amendment being typed survives recording one.
  const { draft, pending, released } = view.state;
  const key = [view.specimen.status, draft?.id, pending?.id, released?.id].join('/');
  return <ResultBody key={key} view={view} {...props} />;
}

function ResultBody({ view, identity, today, tests }: Props & { view: ResultView }) {
  const { t } = useTranslation();
  const results = useResults();
  const desk = useDesk();
  const user = useSession((s) => s.user)!;
  const [typed, setTyped] = useState(view.typed);
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const { state, specimen } = view;
  const when = (at: string | undefined) => (at ? hospitalDateTime(at, identity.timeZone) : '');

  const entering = (state.status === 'none' || state.status === 'draft') && specimen.status === 'received';
  const editing = entering || amending;
  const shown = editing ? typed : typedFrom(view.analytes, (state.pending ?? state.released)?.values ?? []);
  const sheet = results.sheet(view, shown);
  const criticals = sheet.lines.filter((l) => l.critical && l.value !== undefined).map((l) => ({ test: l.test, analyte: l.analyte.code, value: l.value! }));
  const uncalled = missingCallOuts(criticals, state.callOuts);
  const pathologist = user.role === 'pathologist';
  if (state.status === 'none' && !entering) return null;

  async function act(action: () => Promise<unknown>, message: string) {
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(message);
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  const print = (paper: ReportPaper) => act(() => printResults({ results, actor: user, identity, view, tests, today, paper, t, now: desk.now() }), '');

  return (
    <section className="result-panel" aria-labelledby="results-title">
      <h2 id="results-title">{t('results.title')} <span className="badge" data-testid="result-status">{t(`results.status_${state.status}`)}</span></h2>
      {editing ? <p className="hint">{t('results.enterHint')}</p> : null}
      <ResultGrid sheet={sheet} typed={shown} onChange={editing ? (k, v) => setTyped((prev) => ({ ...prev, [k]: v })) : undefined}
        onLastEnter={() => submitRef.current?.focus()} />
      <p className="hint">{t('results.analyteVersion', { version: view.analytes.version })}</p>
      <CumulativeView view={view} identity={identity} />

      {uncalled.length > 0 && (editing || state.status === 'entered') ? (
        <div className="warning">
          <p><strong>{t('results.criticalTitle')}</strong>: {uncalled.map((c) => `${c.analyte} ${c.value}`).join(', ')}</p>
          <CallOutForm identity={identity} onSubmit={(input) => void act(() => results.callOut(user, specimen.specimen, input, amending ? typed : undefined), '')} />
        </div>
      ) : null}

      {entering ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void act(() => results.saveDraft(user, specimen.specimen, typed), t('results.saved'))}>{t('results.saveDraft')}</button>
          <button ref={submitRef} type="button" className="primary" onClick={() => void act(() => results.enter(user, specimen.specimen, typed), t('results.submitted'))}>{t('results.submit')}</button>
        </div>
      ) : null}

      {state.status === 'entered' ? (
        <div className="actions">
          <p>{t('results.enteredBy', { at: when(state.pending?.at), by: state.pending?.by })}</p>
          {pathologist ? <button ref={submitRef} type="button" className="primary" onClick={() => void act(() => results.verify(user, specimen.specimen), t('results.verified'))}>{t('results.verify')}</button>
            : <p className="hint">{t('results.verifyHint')}</p>}
        </div>
      ) : null}

      {state.released && !amending ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void print('A4')}>{t('results.printA4')}</button>
          <button type="button" className="secondary" onClick={() => void print('A5')}>{t('results.printA5')}</button>
          {pathologist ? <button type="button" className="secondary" onClick={() => { setTyped(view.typed); setAmending(true); }}>{t('results.amend')}</button> : null}
          {specimen.reportPrints ? <span className="hint">{t('results.reportPrints', { count: specimen.reportPrints })}</span> : null}
        </div>
      ) : null}

      {amending ? (
        <form className="row" onSubmit={(e) => { e.preventDefault(); void act(() => results.amend(user, specimen.specimen, typed, reason), ''); }}>
          <div className="field">
            <label htmlFor="amend-reason">{t('results.amendReason')}</label>
            <input id="amend-reason" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button ref={submitRef} type="submit" className="primary">{t('results.saveAmendment')}</button>
          <button type="button" className="secondary" onClick={() => setAmending(false)}>{t('results.cancel')}</button>
        </form>
      ) : null}

      <FormError text={error} />
      {done ? <p className="ok" role="status">{done}</p> : null}

      {state.callOuts.length || state.releases.length ? (
        <>
          <h3 id="results-history">{t('results.history')}</h3>
          <ol className="history" aria-labelledby="results-history">
            {state.releases.map((v, i) => (
              <li key={v.id}>
                {t('results.version', {
                  n: i + 1,
                  what: v.kind === 'amended' ? t('results.amendedBy', { at: when(v.at), by: v.by, reason: v.reason })
                    : `${t('results.enteredBy', { at: when(v.at), by: v.by })}; ${t('results.verifiedBy', { at: when(v.verifiedAt), by: v.verifiedBy })}`,
                })}: {v.values.filter((x) => !x.calculated).map((x) => `${x.analyte} ${x.value}`).join(', ')}
              </li>
            ))}
            {state.callOuts.map((c) => (
              <li key={c.id}>{t('results.calledOut', { values: c.values.map((x) => `${x.analyte} ${x.value}`).join(', '), to: c.to, by: c.by, at: when(c.calledAt) })}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
