import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenProgress, Unlocked } from '../../device/desk';
import { useDoorLive, useFrontDoor } from '../services';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { lazyScreen } from '../shared/lazyScreen';
import { Loading } from '../shared/Loading';

// Recovery is rare, and its form brings react-hook-form: it loads when asked for, with its
// strings (and is precached).
const RecoveryForm = lazyScreen('recovery', () => import('./RecoveryForm').then((m) => m.RecoveryForm));

/**
 * Pick yourself from the device's users, type the PIN. Works with no network: the PIN unwraps
 * the device's data key right here. `fixedUser` is the lock screen: only the person who was
 * working can unlock. `title` and `onCancel` are for leaving the waiting-room display.
 */
export function LoginScreen({ onLogin, fixedUser, onSwitchUser, title, onCancel }: {
  onLogin: (user: Unlocked) => void;
  fixedUser?: Unlocked;
  onSwitchUser?: () => void;
  title?: string;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const door = useFrontDoor();
  const users = useDoorLive((d) => d.users(), []);
  const [name, setName] = useState(fixedUser?.name ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<OpenProgress | null>(null);
  const [recovering, setRecovering] = useState(false);

  // The desk (Dexie, the key ring) loads while the PIN is typed, not with the screen: the tap on a
  // name is answered first (issue 15). A failure to load shows at the submit, which asks again.
  const prepare = () => { door.desk().catch(() => undefined); };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name) return setError(t('errors.required'));
    setBusy(true);
    setError(null);
    try {
      const desk = await door.desk();
      onLogin(await desk.login(name, pin, setProgress));
    } catch (err) {
      setError(errorText(err, t));
      setPin('');
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  if (recovering) {
    return (
      <Suspense fallback={<Loading className="screen narrow" />}>
        <RecoveryForm users={users ?? []} initialName={name} onLogin={onLogin} onBack={() => setRecovering(false)} />
      </Suspense>
    );
  }

  return (
    <main className="screen narrow">
      <h1>{title ?? (fixedUser ? t('login.lockedTitle') : t('login.title'))}</h1>
      {fixedUser ? <p>{t('login.lockedBody', { name: fixedUser.name })}</p> : null}
      <form onSubmit={submit} noValidate>
        {fixedUser ? null : (
          <fieldset>
            <legend>{t('login.who')}</legend>
            <div className="user-tiles">
              {(users ?? []).map((u) => (
                <label key={u.name} className={`tile ${u.name === name ? 'selected' : ''}`}>
                  <input type="radio" name="user" value={u.name} checked={u.name === name} onChange={() => setName(u.name)} />
                  <span className="tile-name">{u.name}</span>
                  <span className="tile-role">{t(`roles.${u.role}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="login-pin">{t('login.pin')}</label>
          <input id="login-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={12} value={pin}
            autoFocus={Boolean(fixedUser)} onFocus={prepare} onChange={(e) => setPin(e.target.value)} />
        </div>
        <FormError text={error} />
        {progress && progress.total > 0 ? <OpeningProgress progress={progress} /> : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.checking') : fixedUser ? t('login.unlock') : t('login.submit')}
        </button>
        {onSwitchUser ? <button type="button" className="secondary" onClick={onSwitchUser}>{t('login.switchUser')}</button> : null}
        {onCancel ? <button type="button" className="secondary" onClick={onCancel}>{t('kiosk.back')}</button> : null}
        {fixedUser || onCancel ? null : <button type="button" className="link" onClick={() => setRecovering(true)}>{t('login.useRecovery')}</button>}
      </form>
    </main>
  );
}

/** Long only once: the first login after the update seals the old log and folds it again. */
function OpeningProgress({ progress }: { progress: OpenProgress }) {
  const { t } = useTranslation();
  const label = t(progress.step === 'sealLog' ? 'login.sealLog' : 'login.project', { done: progress.done, total: progress.total });
  return (
    <div className="field" role="status">
      <label htmlFor="login-progress">{label}</label>
      <progress id="login-progress" max={progress.total} value={progress.done} />
    </div>
  );
}
