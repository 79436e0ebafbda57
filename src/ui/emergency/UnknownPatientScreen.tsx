import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ARRIVALS } from '../../domain/emergency/codes';
import { useEmergency } from '../emergencyUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { Field, FormError, SelectField } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { SexOptions } from '../shared/SexOptions';
import { ArrivalFields, arrivalInput, EMPTY_ARRIVAL, type ArrivalValues } from './ArrivalFields';

interface UnknownValues extends ArrivalValues {
  sex: string;
  years: string;
}

const EMPTY: UnknownValues = { sex: '', years: '', ...EMPTY_ARRIVAL };

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
  const { register, formState: { errors: e, isSubmitting } } = form;

  const submit = form.submitWith(async (values) => {
    const { visit } = await er.registerUnknown(user, arrivalInput(values));
    navigate(`/visit/${visit.visit}`);
  });
  const required = t('patient.requiredMark');

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
        {/* The arrival's own fields, as for a registered patient (ArrivalForm). */}
        <ArrivalFields form={form} />
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>{t('emergency.register')}</button>
        </div>
      </form>
    </main>
  );
}
