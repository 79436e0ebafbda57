import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ARRIVALS } from '../../domain/emergency/codes';
import { useEmergency } from '../emergencyUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError, SelectField } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';

/** A registered patient comes to the emergency department: how they came, then the visit opens for triage. */
export function ArrivalForm({ patient }: { patient: string }) {
  const { t } = useTranslation();
  const er = useEmergency();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const form = useDomainForm<{ arrival: string }>({ defaultValues: { arrival: '' } });
  const { register, formState: { errors: e, isSubmitting } } = form;
  const submit = form.submitWith(async (values) => {
    const visit = await er.arrive(user, patient, values);
    navigate(`/emergency/visit/${visit.visit}`);
  });
  return (
    <form onSubmit={submit} noValidate className="row">
      <SelectField label={t('emergency.arrival')} error={e.arrival?.message} {...register('arrival')}>
        <option value="" />
        {ARRIVALS.map((a) => <option key={a} value={a}>{t(`emergency.arrival_${a}`)}</option>)}
      </SelectField>
      <div className="actions"><button type="submit" className="secondary" disabled={isSubmitting}>{t('emergency.newArrival')}</button></div>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
    </form>
  );
}
