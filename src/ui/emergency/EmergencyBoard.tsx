import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { minutesWaiting } from '../../domain/emergency/board';
import { ageLabel } from '../../domain/patients/age';
import { useLiveEmergency } from '../emergencyUseCases';
import { useToday } from '../desk/useToday';
import { useClock } from '../shared/useClock';
import { shownName } from './patientName';
import { TriageBadge } from './TriageBadge';

/** Minutes waited move on their own: the board redraws every half minute as well as on every write. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** The device's emergency board: every open visit, red first, then by waiting time (domain/emergency/board.ts). */
export function EmergencyBoard() {
  const { t, i18n } = useTranslation();
  const board = useLiveEmergency((er) => er.board(), []);
  const today = useToday();
  const clock = useClock();
  const now = useNow();
  return (
    <main className="screen">
      <h1>{t('emergency.board')}</h1>
      <div className="er-actions">
        <Link href="/new" className="button primary">{t('emergency.unknownShortcut')}</Link>
      </div>
      {board && board.length === 0 ? <p>{t('emergency.boardEmpty')}</p> : null}
      {board && board.length > 0 ? (
        <table className="list er-board">
          <thead>
            <tr><th>{t('emergency.col_category')}</th><th>{t('emergency.patient')}</th><th>{t('emergency.col_waiting')}</th><th>{t('emergency.col_area')}</th></tr>
          </thead>
          <tbody>
            {board.map(({ visit: v, patient: p }) => (
              <tr key={v.visit} data-testid="er-row">
                <td><TriageBadge category={v.category} /></td>
                <td>
                  <Link href={`/visit/${v.visit}`}>
                    <strong>{p ? shownName(p, i18n.language) : v.patient}</strong>
                    {p && today ? <> · {ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, today)} / {t(`patient.sex${p.sex}`)}</> : null}
                    {v.mlc ? <span className="mlc-flag">{t('emergency.mlcShort')}</span> : null}
                    <br /><small className="hint">{v.visit} · {t('emergency.arrivedAt', { at: clock.time(v.arrivedAt) })}{v.complaint ? ` · ${v.complaint}` : ''}</small>
                  </Link>
                </td>
                <td>{t('emergency.waiting', { count: minutesWaiting(v.arrivedAt, now) })}</td>
                <td>{v.area ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
