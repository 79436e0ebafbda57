import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ARRIVALS } from '../../domain/emergency/codes';
import { useEmergency } from '../emergencyUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { FormError, SelectField } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { ArrivalFields, arrivalInput, EMPTY_ARRIVAL, type ArrivalValues } from './ArrivalFields';

/**
 * A registered patient comes to the emergency department: how they came, who brought them, MLC
 * and complaint, as for an unknown patient; then the visit opens for triage. A patient whose
 * visit is still open is refused with that visit's number (nothing is written). Opened from a
 * button, it takes the focus (`focusFirst`), so the keyboard goes on where the click was.
 */
export function ArrivalForm({ patient, focusFirst = false }: { patient: string; focusFirst?: boolean }) {
  const { t } = useTranslation();
  const er = useEmergency();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const form = useDomainForm<ArrivalValues>({ defaultValues: EMPTY_ARRIVAL });
  const { register, setFocus, formState: { errors: e, isSubmitting } } = form;
  useEffect(() => {
    if (focusFirst) setFocus('arrival');
  }, [focusFirst, setFocus]);
  const submit = form.submitWith(async (values) => {
    const visit = await er.arrive(user, patient, arrivalInput(values));
    navigate(`/emergency/visit/${visit.visit}`);
  });
  return (
    <form onSubmit={submit} noValidate className="er-form" aria-label={t('emergency.newArrival')}>
      <div className="row">
        <SelectField label={t('emergency.arrival')} mark={t('patient.requiredMark')} error={e.arrival?.message} {...register('arrival')}>
          <option value="" />
          {ARRIVALS.map((a) => <option key={a} value={a}>{t(`emergency.arrival_${a}`)}</option>)}
        </SelectField>
      </div>
      <ArrivalFields form={form} />
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      <div className="actions"><button type="submit" className="secondary" disabled={isSubmitting}>{t('emergency.newArrival')}</button></div>
    </form>
  );
}
