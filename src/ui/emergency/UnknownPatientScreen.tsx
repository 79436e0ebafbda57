import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ARRIVALS } from '../../domain/emergency/codes';
import { useEmergency } from '../emergencyUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { Field, FormError, SelectField } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { SexOptions } from '../shared/SexOptions';

interface UnknownValues {
  sex: string;
  years: string;
  arrival: string;
  broughtBy: string;
  isMlc: boolean;
  mlc: { station: string; officer: string; entry: string };
  complaint: string;
}

const EMPTY: UnknownValues = { sex: '', years: '', arrival: '', broughtBy: '', isMlc: false, mlc: { station: '', officer: '', entry: '' }, complaint: '' };

/**
 * An unknown patient in one form, keyboard first: sex, estimated age and how they came are
 * required (marked), the rest optional. Brought by the police, the case is marked medico-legal
 * at once (the clerk can untick it), so the station, officer and GD/DD number follow in the Tab
 * order. Enter in any text field registers and opens the visit for triage.
 */
export function UnknownPatientScreen() {
  const { t } = useTranslation();
  const er = useEmergency();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const form = useDomainForm<UnknownValues>({ defaultValues: EMPTY });
  const { register, watch, setValue, formState: { errors: e, isSubmitting } } = form;
  const arrival = watch('arrival');
  const isMlc = watch('isMlc');
  useEffect(() => {
    if (arrival === 'police') setValue('isMlc', true);
  }, [arrival, setValue]);

  const submit = form.submitWith(async ({ isMlc: mlcFlag, mlc, ...rest }) => {
    const { visit } = await er.registerUnknown(user, { ...rest, ...(mlcFlag ? { mlc } : {}) });
    navigate(`/visit/${visit.visit}`);
  });
  const required = t('patient.requiredMark');
  const optional = t('patient.optionalMark');

  return (
    <main className="screen">
      <p><Link href="/">{t('emergency.back')}</Link></p>
      <h1>{t('emergency.unknownTitle')}</h1>
      <p className="hint">{t('emergency.unknownIntro')}</p>
      <form onSubmit={submit} noValidate className="er-form">
        <div className="row">
          <SelectField label={t('emergency.sex')} mark={required} autoFocus error={e.sex?.message} {...register('sex')}>
            <SexOptions />
          </SelectField>
          <Field label={t('emergency.years')} mark={required} inputMode="numeric" maxLength={3} error={e.years?.message} {...register('years')} />
          <SelectField label={t('emergency.arrival')} mark={required} error={e.arrival?.message} {...register('arrival')}>
            <option value="" />
            {ARRIVALS.map((a) => <option key={a} value={a}>{t(`emergency.arrival_${a}`)}</option>)}
          </SelectField>
        </div>
        <Field label={t('emergency.broughtBy')} mark={optional} maxLength={80} autoComplete="off" error={e.broughtBy?.message} {...register('broughtBy')} />
        <fieldset>
          <legend><label><input type="checkbox" {...register('isMlc')} /> {t('emergency.mlc')}</label></legend>
          {isMlc ? (
            <div className="row">
              <Field label={t('emergency.station')} mark={required} maxLength={80} autoComplete="off" error={e.mlc?.station?.message} {...register('mlc.station')} />
              <Field label={t('emergency.officer')} mark={optional} maxLength={80} autoComplete="off" error={e.mlc?.officer?.message} {...register('mlc.officer')} />
              <Field label={t('emergency.entry')} mark={optional} maxLength={30} autoComplete="off" error={e.mlc?.entry?.message} {...register('mlc.entry')} />
            </div>
          ) : null}
        </fieldset>
        <Field label={t('emergency.complaint')} mark={optional} maxLength={200} autoComplete="off" error={e.complaint?.message} {...register('complaint')} />
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>{t('emergency.register')}</button>
        </div>
      </form>
    </main>
  );
}
