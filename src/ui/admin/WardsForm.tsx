import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { bedListText } from '../../domain/wards/bedList';
import { useLiveWards, useWards } from '../wardUseCases';
import { errorText } from '../shared/errors';
import { Field, FieldError, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';

interface WardValues { ward: string; name: string; nameHi: string; beds: string }
const EMPTY: WardValues = { ward: '', name: '', nameHi: '', beds: '' };

/**
 * Set up a ward and its beds ("This device", administrators): one ward.defined event a save.
 * Saving a ward code again replaces its set-up; patients in a bed no longer listed stay on the board.
 */
export function WardsForm({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const wards = useWards();
  const list = useLiveWards((w) => w.wards(), []);
  const form = useDomainForm<WardValues>({ defaultValues: EMPTY });
  const { register, formState: { errors: e, isSubmitting } } = form;
  const [saved, setSaved] = useState<string | null>(null);
  const submit = form.submitWith(async (values) => {
    setSaved(null);
    const row = await wards.defineWard(actor, values);
    setSaved(t('wards.wardSaved', { ward: row.ward, count: row.beds.length }));
    form.reset(EMPTY);
  });
  return (
    <form onSubmit={submit} noValidate className="er-form" aria-labelledby="wards-title">
      <h2 id="wards-title">{t('wards.setup')}</h2>
      {list && list.length ? (
        <ul className="history">
          {list.map((w) => (
            <li key={w.ward}>
              <strong>{w.ward}</strong> · {w.name}{w.nameHi ? ` · ${w.nameHi}` : ''} · {t('wards.beds')}: {w.beds.length}{' '}
              <button type="button" className="secondary" onClick={() => { setSaved(null); form.reset({ ward: w.ward, name: w.name, nameHi: w.nameHi ?? '', beds: bedListText(w.beds) }); }}>
                {t('wards.edit')} {w.ward}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="hint">{t('wards.setupHint')}</p>
      <div className="row">
        <Field label={t('wards.code')} maxLength={6} autoComplete="off" autoCapitalize="characters" error={e.ward?.message} {...register('ward')} />
        <Field label={t('wards.name')} maxLength={60} autoComplete="off" error={e.name?.message} {...register('name')} />
        <Field label={t('wards.nameHi')} maxLength={60} autoComplete="off" error={e.nameHi?.message} {...register('nameHi')} />
      </div>
      <div className="field">
        <label htmlFor="ward-beds">{t('wards.bedList')}</label>
        <textarea id="ward-beds" rows={4} aria-invalid={e.beds ? true : undefined} aria-describedby="ward-beds-error" {...register('beds')} />
        <FieldError id="ward-beds-error" message={e.beds?.message} />
      </div>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      {saved ? <p className="ok" role="status">{saved}</p> : null}
      <button type="submit" className="secondary" disabled={isSubmitting}>{t('wards.saveWard')}</button>
    </form>
  );
}
