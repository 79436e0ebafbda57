import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ageLabel } from '../../domain/patients/age';
import type { PatientRow } from '../../domain/projections/rows';
import { useLive } from '../services';
import { useFront, useLiveFront } from '../useCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { BackIcon } from '../shared/icons';
import { useClock } from '../shared/useClock';
import { PatientForm, toInput, valuesOf, type PatientFormValues } from './PatientForm';
import { fieldsOf } from '../../device/frontDesk';
import { relativeText } from './relativeText';
import { aliasInHindi } from '../../domain/patients/alias';
import { shownName } from '../emergency/patientName';
import { canOpen } from '../../domain/users';
import { printToken } from './printToken';
import { TokenIssuer } from './TokenIssuer';
import { useLastToken } from './lastToken';
import { useToday } from './useToday';
import { Loading } from '../shared/Loading';
import { lazyScreen } from '../shared/lazyScreen';

// Opened for the few patients who come to the emergency department from here: the registration
// desk's own path does not load the emergency department's forms and rules (issue 15).
const ArrivalForm = lazyScreen('emergency', () => import('../emergency/ArrivalForm').then((m) => m.ArrivalForm));

export function PatientScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const front = useFront();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const patient = useLiveFront((f) => f.patient(id), [id]);
  const tokens = useLiveFront((f) => f.tokensOf(id), [id]);
  const identity = useLive((d) => d.identity(), []);
  const settings = useLive((d) => d.settings(), []);
  const today = useToday();
  const clock = useClock();
  const [correcting, setCorrecting] = useState(false);
  // Whose arrival form is open: another patient's screen starts with it closed.
  const [arrivalOf, setArrivalOf] = useState<string | null>(null);
  const nextPatient = useLastToken((s) => s.nextPatient);
  useEffect(() => nextPatient(id), [id, nextPatient]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (patient === undefined) return <Loading />;
  if (!patient) return <main className="screen"><p className="form-error" role="alert">{t('errors.patientNotFound')}</p></main>;

  async function correct(values: PatientFormValues) {
    await front.correct(user, id, toInput(values), values.reason);
    setCorrecting(false);
    setNotice(t('patient.corrected'));
  }

  async function reprint(tokenId: string) {
    setError(null);
    try {
      const token = tokens?.find((x) => x.id === tokenId);
      if (token && identity && settings) {
        await printToken({ front, actor: user, identity, paper: settings.paper, dpi: settings.printerDpi, token, patient: patient as PatientRow, today: today ?? token.day, t });
      }
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  const p = patient;
  return (
    <main className="screen">
      <p><Link href="/desk" className="with-icon"><BackIcon /> {t('patient.back')}</Link></p>
      <h1>{shownName(p, i18n.language)} <small>{today ? ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, today) : ''} / {t(`patient.sex${p.sex}`)}</small></h1>
      <p><strong>{t('patient.id')}:</strong> <code data-testid="patient-id">{p.patient}</code>{p.uhid ? <> · UHID <code>{p.uhid}</code></> : null}</p>
      {!correcting ? <TokenIssuer patient={p} onIssued={() => navigate('/desk')} /> : null}
      <FormError text={error} />
      {notice ? <p className="ok" role="status">{notice}</p> : null}

      {correcting ? (
        <>
          <h2>{t('patient.correct')}</h2>
          <PatientForm mode="correct" initial={valuesOf(fieldsOf(p))} onSubmit={correct} onCancel={() => setCorrecting(false)} />
        </>
      ) : (
        <>
          <h2>{t('patient.details')}</h2>
          <dl className="facts">
            {p.alias ? <><dt>{t('patient.alias')}</dt><dd>{i18n.language === 'hi' ? aliasInHindi(p.alias) : p.alias}</dd></> : null}
            <dt>{t('patient.mobile')}</dt><dd>{p.mobile ?? '—'}</dd>
            <dt>{t('patient.address')}</dt><dd>{p.address ? [p.address.line, p.address.locality, p.address.district, p.address.state, p.address.pin].filter(Boolean).join(', ') : '—'}</dd>
            <dt>{t('patient.relative')}</dt><dd>{p.relative ? relativeText(p.relative, t) : '—'}</dd>
            {p.abha ? <><dt>ABHA</dt><dd>{p.abha}</dd></> : null}
            {p.remarks ? <><dt>{t('patient.remarks')}</dt><dd>{p.remarks}</dd></> : null}
          </dl>
          <p className="hint">{t('patient.registeredBy', { at: clock.dateTime(p.registeredAt), by: p.registeredBy, device: p.device })}</p>
          <button type="button" className="secondary" onClick={() => { setNotice(null); setCorrecting(true); }}>{t('patient.correct')}</button>
        </>
      )}

      {canOpen(user.role, 'wards') && !correcting ? (
        <p><Link href={`/wards/admit/${p.patient}`} className="button secondary">{t('wards.admitToWard')}</Link></p>
      ) : null}

      {canOpen(user.role, 'emergency') && !correcting ? (
        <>
          <h2>{t('nav.emergency')}</h2>
          {arrivalOf === id
            ? <Suspense fallback={<Loading />}><ArrivalForm patient={p.patient} focusFirst /></Suspense>
            : <button type="button" className="secondary" onClick={() => setArrivalOf(id)}>{t('patient.arrivedInEmergency')}</button>}
        </>
      ) : null}

      <h2>{t('patient.tokens')}</h2>
      <table className="list">
        <tbody>
          {(tokens ?? []).map((tk) => (
            <tr key={tk.id}>
              <td><strong>{tk.token}</strong></td><td>{tk.day}</td><td>{t(`token.status_${tk.status}`)}</td>
              <td>{t('token.printed', { count: tk.prints })}</td>
              <td><button type="button" className="secondary" onClick={() => void reprint(tk.id)}>{t('token.reprint')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('patient.history')}</h2>
      {p.history.length === 0 ? <p>{t('patient.noHistory')}</p> : (
        <ul className="history">
          {p.history.map((h, i) => (
            <li key={i}>
              {t('patient.historyLine', { at: clock.dateTime(h.at), by: h.by, device: h.device, fields: Object.keys(h.changes).map((k) => t(`patient.${k}`, { defaultValue: k })).join(', ') })}
              {h.reason ? <> — <em>{h.reason}</em></> : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
