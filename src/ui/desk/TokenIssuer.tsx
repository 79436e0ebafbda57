import { useRef, useState } from 'react';
import { RuleError } from '../../domain/errors';
import { useTranslation } from 'react-i18next';
import type { PatientRow } from '../../domain/projections/rows';
import { useLive } from '../services';
import { useFront } from '../useCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { useDeskPrefs } from './deskPrefs';
import { useLastToken } from './lastToken';
import { printToken } from './printToken';
import { useToday } from './useToday';

/** What the use-case says when the patient does not fit the department's rules (domain misfitMessage). */
const MISFITS = new Set(['deptWomenOnly', 'deptMenOnly', 'deptTooYoung', 'deptTooOld']);

/**
 * Department, optional doctor and room, one key to issue and print. A department the patient does
 * not fit (OBG for a boy, paediatrics for an adult) asks first; Enter again confirms.
 */
export function TokenIssuer({ patient, onIssued }: { patient: PatientRow; onIssued: () => void }) {
  const { t, i18n } = useTranslation();
  const front = useFront();
  const user = useSession((s) => s.user)!;
  const identity = useLive((d) => d.identity(), []);
  const settings = useLive((d) => d.settings(), []);
  const today = useToday();
  const { dept: lastDept, remember } = useDeskPrefs();
  const [dept, setDept] = useState<string>('');
  const [doctor, setDoctor] = useState('');
  const [room, setRoom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [misfit, setMisfit] = useState<string | null>(null);
  const deptSelect = useRef<HTMLSelectElement>(null);
  const showToken = useLastToken((s) => s.show);
  if (!identity || !settings) return null;
  const chosen = dept || (identity.departments.some((d) => d.code === lastDept) ? lastDept! : identity.departments[0]?.code ?? '');

  async function issue(confirmMisfit: boolean) {
    setBusy(true);
    setError(null);
    setMisfit(null);
    try {
      const token = await front.issueToken(user, patient.patient, chosen, { doctor, room, confirmMisfit });
      remember({ dept: chosen });
      setIssued(token.token);
      const d = identity!.departments.find((x) => x.code === token.dept);
      showToken({ token: token.token, patient: patient.patient, name: patient.name, dept: (i18n.language === 'hi' ? d?.nameHi : d?.name) ?? token.dept });
      await printToken({ front, actor: user, identity: identity!, paper: settings!.paper, dpi: settings!.printerDpi, token, patient, today: today ?? token.day, t });
      onIssued();
    } catch (err) {
      if (err instanceof RuleError && MISFITS.has(err.code)) {
        const d = identity!.departments.find((x) => x.code === chosen);
        setMisfit(t(`errors.${err.code}`, { ...err.params, dept: (i18n.language === 'hi' ? d?.nameHi : d?.name) ?? chosen }));
      }
      else setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="token-issuer" onSubmit={(e) => { e.preventDefault(); void issue(false); }} noValidate>
      <h2>{t('token.issue')}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="t-dept">{t('token.dept')}</label>
          <select id="t-dept" ref={deptSelect} value={chosen} onChange={(e) => { setDept(e.target.value); setMisfit(null); }}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); e.currentTarget.form?.requestSubmit(); } }}>
            {identity.departments.map((d) => <option key={d.code} value={d.code}>{d.code} · {i18n.language === 'hi' ? d.nameHi : d.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="t-doctor">{t('token.doctor')}</label>
          <input id="t-doctor" tabIndex={-1} maxLength={60} value={doctor} onChange={(e) => setDoctor(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="t-room">{t('token.room')}</label>
          <input id="t-room" tabIndex={-1} maxLength={20} className="short" value={room} onChange={(e) => setRoom(e.target.value)} />
        </div>
      </div>
      <FormError text={error} />
      {issued ? <p className="ok" role="status">{t('token.issued', { token: issued })}</p> : null}
      {/* Focus starts here: one Enter issues the token for the remembered department and prints.
          Hidden, not unmounted, while asking: mounting it again would take the focus back. */}
      <button type="submit" className="primary" autoFocus disabled={busy} hidden={misfit !== null}>{t('token.issueAndPrint')}</button>
      {misfit ? (
        <div className="warning" role="alert">
          <p>{misfit}</p>
          <p>{t('token.misfitAsk')}</p>
          <div className="actions">
            <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void issue(true)}>{t('token.issueAnyway')}</button>
            <button type="button" className="secondary" onClick={() => { setMisfit(null); deptSelect.current?.focus(); }}>{t('token.changeDept')}</button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
