import { useEffect, useRef, useState } from 'react';
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
import { LabelPaperSelect } from './LabelPaperSelect';
import { usePrintOnOpen } from './labNotice';
import { useLabPrefs } from './labPrefs';
import { ageSex } from './labText';
import { printRequisitionSlip, printSpecimenLabels } from './printLabels';
import { Loading } from '../shared/Loading';

/** One requisition: its tubes and their state, and the label and slip prints (reprints say so). */
export function RequestScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lab = useLab();
  const user = useSession((s) => s.user)!;
  const view = useLiveLab((l) => l.requestView(id), [id]);
  const identity = useLive((d) => d.identity(), []);
  const settings = useLive((d) => d.settings(), []);
  const today = useToday();
  const paper = useLabPrefs((s) => s.paper);
  const { request: printNow, set: setPrintNow } = usePrintOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  const ready = view && identity && today && settings ? { lab, actor: user, identity, view, today, t, dpi: settings.printerDpi } : null;
  const labels = (specimens?: string[]) => ready && run(() => printSpecimenLabels({ ...ready, paper, specimens }));
  const slip = () => ready && run(() => printRequisitionSlip(ready));

  // Labels print right after the requisition is saved: the tubes are waiting for them.
  useEffect(() => {
    if (!ready || printNow !== id || started.current) return;
    started.current = true;
    setPrintNow(null);
    void labels();
  });

  if (view === undefined || !identity) return <Loading />;
  if (!view) return <main className="screen"><p className="form-error" role="alert">{t('errors.labRequestNotFound')}</p></main>;
  const { request: r, patient, catalogue, specimens } = view;
  const names = new Map(catalogue?.tests.map((x) => [x.code, i18n.language === 'hi' ? x.nameHi : x.name]));
  const dept = identity.departments.find((d) => d.code === r.dept);
  const toCollect = specimens.filter((s) => s.status === 'requested').map((s) => s.specimen);

  return (
    <main className="screen">
      <h1>{t('lab.request', { id: r.request })} <PriorityBadge priority={r.priority} /></h1>
      <p>
        <strong>{patient?.name ?? r.patient}</strong> {patient && today ? `· ${ageSex(patient, today, t)}` : ''} · <code>{r.patient}</code>
        {patient?.uhid ? <> · UHID <code>{patient.uhid}</code></> : null}
      </p>
      <p className="hint">{t('lab.orderedBy', { at: hospitalDateTime(r.requestedAt, identity.timeZone), by: r.requestedBy, clinician: r.clinician, dept: dept ? (i18n.language === 'hi' ? dept.nameHi : dept.name) : r.dept })}</p>
      {r.notes ? <p><em>{r.notes}</em></p> : null}
      <p className="hint">{catalogue ? t('lab.catalogueVersion', { version: r.catalogueVersion }) : t('lab.catalogueMissing', { version: r.catalogueVersion })}</p>

      <div className="actions">
        <LabelPaperSelect />
        <button type="button" className="primary" disabled={busy || !ready} onClick={() => void labels()}>{t('lab.printLabels')}</button>
        <button type="button" className="secondary" disabled={busy || !ready} onClick={() => void slip()}>{t('lab.printSlip')}</button>
        {toCollect.length ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => lab.collect(user, toCollect))}>{t('lab.collectAll')}</button>
        ) : null}
        <span className="hint">{t('lab.printed', { count: r.slipPrints })} (A5)</span>
      </div>
      <FormError text={error} />

      <table className="list">
        <tbody>
          {specimens.map((s) => (
            <tr key={s.specimen} data-testid="request-specimen">
              <td><div><Link href={`/specimen/${s.specimen}`}><code>{s.specimen}</code></Link></div><ContainerChip container={s.container} /></td>
              <td>{s.tests.map((c) => <div key={c}><strong>{c}</strong> {names.get(c) ?? ''}</div>)}</td>
              <td><div><StatusBadge status={s.status} /></div>{t('lab.printed', { count: s.labelPrints })}</td>
              <td><button type="button" className="secondary" disabled={busy || !ready} onClick={() => void labels([s.specimen])}>{t('lab.reprintLabel')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
