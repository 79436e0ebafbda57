import { useTranslation } from 'react-i18next';
import type { SessionUser, Unlocked } from '../../device/desk';
import { useDesk } from '../services';
import { errorText } from '../shared/errors';
import { Field, FieldError, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';

interface RecoveryValues { name: string; code: string; pin: string; pinAgain: string }

/** Every PIN lost: the code from the recovery sheet opens the data, and the chosen user gets a new PIN. */
export function RecoveryForm({ users, initialName, onLogin, onBack }: {
  users: SessionUser[];
  initialName: string;
  onLogin: (user: Unlocked) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const desk = useDesk();
  const form = useDomainForm<RecoveryValues>({ defaultValues: { name: initialName || (users.find((u) => u.role === 'admin')?.name ?? ''), code: '', pin: '', pinAgain: '' } });
  const { register, formState: { errors, isSubmitting } } = form;
  const onSubmit = form.submitWith(async (values) => { onLogin(await desk.recover(values)); });

  return (
    <main className="screen narrow">
      <h1>{t('recovery.title')}</h1>
      <p>{t('recovery.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="recovery-user">{t('recovery.who')}</label>
          <select id="recovery-user" {...register('name')}>
            {users.map((u) => <option key={u.name} value={u.name}>{u.name} · {t(`roles.${u.role}`)}</option>)}
          </select>
          <FieldError message={errors.name?.message} />
        </div>
        <Field label={t('recovery.code')} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={60}
          className="code-input" error={errors.code?.message} {...register('code')} />
        <Field label={t('user.pin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
          error={errors.pin?.message} {...register('pin')} />
        <Field label={t('user.pinAgain')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
          error={errors.pinAgain?.message} {...register('pinAgain')} />
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        <button type="submit" className="primary" disabled={isSubmitting}>{isSubmitting ? t('login.checking') : t('recovery.submit')}</button>
        <button type="button" className="secondary" onClick={onBack}>{t('recovery.back')}</button>
      </form>
      <p className="hint">{t('recovery.noData')}</p>
    </main>
  );
}
