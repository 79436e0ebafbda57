import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { useDesk } from '../services';
import { errorText } from '../shared/errors';
import { Field, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';

interface ResetValues { name: string; pin: string; pinAgain: string }

/** A forgotten PIN, or a user from before the update: the administrator wraps the data key afresh for them. */
export function ResetPinForm({ actor, users }: { actor: SessionUser; users: SessionUser[] }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [done, setDone] = useState<string | null>(null);
  const form = useDomainForm<ResetValues>({ defaultValues: { name: '', pin: '', pinAgain: '' } });
  const { register, formState: { errors, isSubmitting } } = form;
  const onSubmit = form.submitWith(async ({ name, ...pin }) => {
    setDone(null);
    await desk.accounts.resetPin(actor, name, pin);
    setDone(name);
    form.reset({ name: '', pin: '', pinAgain: '' });
  });
  return (
    <form onSubmit={onSubmit} noValidate className="narrow">
      <h2>{t('users.resetPin')}</h2>
      <div className="field">
        <label htmlFor="reset-user">{t('users.resetFor')}</label>
        <select id="reset-user" {...register('name')}>
          <option value="" />
          {users.filter((u) => u.name !== actor.name).map((u) => <option key={u.name} value={u.name}>{u.name}</option>)}
        </select>
      </div>
      <Field label={t('users.newPin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
        error={errors.pin?.message} {...register('pin')} />
      <Field label={t('users.newPinAgain')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
        error={errors.pinAgain?.message} {...register('pinAgain')} />
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      {done ? <p className="ok" role="status">{t('users.resetDone', { name: done })}</p> : null}
      <button type="submit" className="primary" disabled={isSubmitting}>{t('users.resetPin')}</button>
    </form>
  );
}
