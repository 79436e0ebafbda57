import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceIdentity } from '../../device/identity';
import { REJECT_REASONS } from '../../domain/lab/status';
import { recentInstant, wallTime } from '../../domain/lab/wallClock';
import { zoneName } from '../../domain/time/hospitalClock';
import type { SpecimenRow } from '../../domain/projections/labRows';
import { useDesk } from '../services';
import { useLab } from '../labUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';

/**
 * The next steps a specimen can take, and only those; reject asks why. A received specimen is
 * reported through its result grid (ResultPanel: entry, then a pathologist's verification), which
 * every test has (a test without analytes is a free-text report), so there is no report note
 * here any more; notes stored by earlier versions still show in the specimen's history. The domain checks each
 * move again, so a stale screen (another tablet moved the tube) gets a clear refusal.
 */
export function SpecimenActions({ specimen: s, identity }: { specimen: SpecimenRow; identity: DeviceIdentity }) {
  const { t } = useTranslation();
  const lab = useLab();
  const desk = useDesk();
  const user = useSession((st) => st.user)!;
  const [collector, setCollector] = useState(user.name);
  const [time, setTime] = useState(() => wallTime(desk.now(), identity.timeZone));
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [rejectNote, setRejectNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      setRejecting(false);
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  const collectedAt = () => {
    const at = recentInstant(time, desk.now(), identity.timeZone);
    return at ?? 'invalid';
  };

  if (s.status === 'reported') return <p className="ok">{t('lab.finalReported')}</p>;
  if (s.status === 'rejected') return <p className="warning">{t('lab.finalRejected')}</p>;
  return (
    <section className="specimen-actions">
      {s.status === 'requested' ? (
        <form className="row" onSubmit={(e) => { e.preventDefault(); void act(() => lab.collect(user, [s.specimen], { collectedBy: collector, collectedAt: collectedAt() })); }}>
          <div className="field">
            <label htmlFor="sp-collector">{t('lab.collectedBy')}</label>
            <input id="sp-collector" maxLength={70} value={collector} onChange={(e) => setCollector(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="sp-time">{t('lab.collectedAt', { zone: zoneName(desk.now(), identity.timeZone) })}</label>
            <input id="sp-time" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
          </div>
          <button type="submit" className="primary">{t('lab.collect')}</button>
        </form>
      ) : null}
      {s.status === 'collected' ? (
        <button type="button" className="primary" onClick={() => void act(() => lab.receive(user, [s.specimen]))}>{t('lab.receive')}</button>
      ) : null}
      {s.status !== 'requested' ? (
        rejecting ? (
          <form className="reject-form" onSubmit={(e) => { e.preventDefault(); void act(() => lab.reject(user, s.specimen, reason, rejectNote)); }}>
            <div className="row">
              <div className="field">
                <label htmlFor="sp-reason">{t('lab.rejectReason')}</label>
                <select id="sp-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
                  <option value="" />
                  {REJECT_REASONS.map((r) => <option key={r} value={r}>{t(`lab.reason_${r}`)}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="sp-reject-note">{t('lab.rejectNote')}</label>
                <input id="sp-reject-note" maxLength={200} value={rejectNote} onChange={(e) => setRejectNote(e.target.value)} />
              </div>
            </div>
            <button type="submit" className="danger">{t('lab.confirmReject')}</button>
          </form>
        ) : (
          <button type="button" className="secondary" onClick={() => setRejecting(true)}>{t('lab.reject')}</button>
        )
      ) : null}
      <FormError text={error} />
    </section>
  );
}
