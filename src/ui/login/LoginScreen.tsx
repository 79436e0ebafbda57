import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { useDesk, useLive } from '../services';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';

/**
 * Pick yourself from the device's users, type the PIN. Works with no network: the verifier is on
 * the device. `fixedUser` is the lock screen: only the person who was working can unlock.
 * `title` and `onCancel` are for leaving the waiting-room display.
 */
export function LoginScreen({ onLogin, fixedUser, onSwitchUser, title, onCancel }: {
  onLogin: (user: SessionUser) => void;
  fixedUser?: SessionUser;
  onSwitchUser?: () => void;
  title?: string;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const desk = useDesk();
  const users = useLive((d) => d.users(), []);
  const [name, setName] = useState(fixedUser?.name ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name) return setError(t('errors.required'));
    setBusy(true);
    setError(null);
    try {
      onLogin(await desk.login(name, pin));
    } catch (err) {
      setError(errorText(err, t));
      setPin('');
    } finally {
      setBusy(false);
    }
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
            autoFocus={Boolean(fixedUser)} onChange={(e) => setPin(e.target.value)} />
        </div>
        <FormError text={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.checking') : fixedUser ? t('login.unlock') : t('login.submit')}
        </button>
        {onSwitchUser ? <button type="button" className="secondary" onClick={onSwitchUser}>{t('login.switchUser')}</button> : null}
        {onCancel ? <button type="button" className="secondary" onClick={onCancel}>{t('kiosk.back')}</button> : null}
      </form>
    </main>
  );
}
