import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../domain/users';
import type { SessionUser } from '../../device/desk';
import { useDesk, useLive } from '../services';
import { errorText } from '../shared/errors';
import { Field, FieldError, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { ResetPinForm } from './ResetPinForm';

interface UserValues { name: string; role: Role; pin: string; pinAgain: string }

export function UsersScreen({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const users = useLive((d) => d.users(), []);
  const [added, setAdded] = useState<SessionUser | null>(null);
  const form = useDomainForm<UserValues>({ defaultValues: { name: '', role: 'clerk', pin: '', pinAgain: '' } });
  const { register, formState: { errors, isSubmitting } } = form;

  const onSubmit = form.submitWith(async (values) => {
    setAdded(null);
    const user = await desk.addUser(actor, values);
    setAdded(user);
    form.reset({ name: '', role: values.role, pin: '', pinAgain: '' });
    form.setFocus('name');
  });

  return (
    <main className="screen">
      <h1>{t('users.title')}</h1>
      {users && users.length === 0 ? <p>{t('users.none')}</p> : null}
      <table className="list">
        <thead><tr><th>{t('user.name')}</th><th>{t('user.role')}</th></tr></thead>
        <tbody>
          {(users ?? []).map((u) => <tr key={u.name}><td>{u.name}</td><td>{t(`roles.${u.role}`)}</td></tr>)}
        </tbody>
      </table>
      <h2>{t('users.add')}</h2>
      <form onSubmit={onSubmit} noValidate className="narrow">
        <Field label={t('user.name')} autoComplete="off" maxLength={50} error={errors.name?.message} {...register('name')} />
        <div className="field">
          <label htmlFor="new-user-role">{t('user.role')}</label>
          <select id="new-user-role" {...register('role')}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
          <FieldError message={errors.role?.message} />
        </div>
        <Field label={t('user.pin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
          error={errors.pin?.message} {...register('pin')} />
        <Field label={t('user.pinAgain')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
          error={errors.pinAgain?.message} {...register('pinAgain')} />
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        {added ? <p className="ok" role="status">{t('users.added', { name: added.name, role: t(`roles.${added.role}`) })}</p> : null}
        <button type="submit" className="primary" disabled={isSubmitting}>{t('users.add')}</button>
      </form>
      <ResetPinForm actor={actor} users={users ?? []} />
    </main>
  );
}
