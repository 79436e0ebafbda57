import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { discoverCentralUrl } from '../../sync/centralAddress';
import { DEFAULT_CENTRAL_URL, type GateConfig } from '../../sync/resync';
import { useResync } from './useResync';
import { errorText } from '../shared/errors';
import { Field, FieldError, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';

interface GateValues { url: string; username: string; password: string; declaredClean: boolean; pull: boolean }

/** Opening the gate checks the server and the account first; nothing is sent until "Resync now". */
export function GateForm({ actor, last, onOpened }: { actor: SessionUser; last: GateConfig | null; onOpened: () => void }) {
  const { t } = useTranslation();
  const resync = useResync();
  const form = useDomainForm<GateValues>({
    // A gate closed and opened again goes to the same store as the same account; the all-clear
    // and the password are asked again, since a closed gate means a new outage may have begun.
    defaultValues: { url: last?.url ?? DEFAULT_CENTRAL_URL, username: last?.username ?? '', password: '', declaredClean: false, pull: last?.pull ?? false },
  });
  const { register, formState: { errors, isSubmitting } } = form;
  const { setValue, getFieldState } = form;
  useEffect(() => {
    if (last?.url) return;
    let live = true;
    // The server may have been started with another database (DD_DB_NAME): ask its gateway.
    void discoverCentralUrl().then((url) => {
      if (live && !getFieldState('url').isDirty) setValue('url', url);
    });
    return () => { live = false; };
  }, [last?.url, setValue, getFieldState]);
  const submit = form.submitWith(async (values) => {
    await resync.openGate(actor, values);
    onOpened();
  });
  return (
    <form onSubmit={submit} noValidate className="narrow">
      <Field label={t('sync.url')} hint={t('sync.urlHint')} autoComplete="off" error={errors.url?.message} {...register('url')} />
      <Field label={t('sync.username')} autoComplete="off" error={errors.username?.message} {...register('username')} />
      <Field label={t('sync.password')} type="password" autoComplete="off" error={errors.password?.message} {...register('password')} />
      <label className="check"><input type="checkbox" {...register('declaredClean')} /> {t('sync.declaredClean')}</label>
      <FieldError message={errors.declaredClean?.message} />
      <label className="check"><input type="checkbox" {...register('pull')} /> {t('sync.pull')}</label>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      <button type="submit" className="primary" disabled={isSubmitting}>{t('sync.open')}</button>
    </form>
  );
}
