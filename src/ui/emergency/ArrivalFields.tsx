import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '../shared/Field';

/** What the door asks about any arrival, known patient or not (emergency.arrived's fields). */
export interface ArrivalValues {
  arrival: string;
  broughtBy: string;
  isMlc: boolean;
  mlc: { station: string; officer: string; entry: string };
  complaint: string;
}

export const EMPTY_ARRIVAL: ArrivalValues = { arrival: '', broughtBy: '', isMlc: false, mlc: { station: '', officer: '', entry: '' }, complaint: '' };

/** The fields ArrivalFields registers. */
type ArrivalField = 'broughtBy' | 'isMlc' | 'mlc.station' | 'mlc.officer' | 'mlc.entry' | 'complaint';

/**
 * What ArrivalFields uses of a form: any react-hook-form whose values include ArrivalValues
 * satisfies it (the arrival form's own, the unknown patient's with sex and age besides), so
 * neither is cast. Methods, not function properties: a form's register takes any of its own
 * paths, these among them.
 */
export interface ArrivalForm {
  register(name: ArrivalField): UseFormRegisterReturn;
  watch(name: 'arrival'): string;
  watch(name: 'isMlc'): boolean;
  setValue(name: 'isMlc', value: boolean): void;
  formState: { errors: FieldErrors<ArrivalValues> };
}

/** The form's values as the use-case takes them: the MLC details only when the case is marked. */
export function arrivalInput<T extends ArrivalValues>({ isMlc, mlc, ...rest }: T) {
  return { ...rest, ...(isMlc ? { mlc } : {}) };
}

/**
 * Who brought the patient, the medico-legal flag with police station, officer and GD/DD entry,
 * and the complaint, after the "came by" choice the caller lays out. Brought by the police, the
 * case is marked medico-legal at once (the clerk can untick it), so its details follow in the
 * Tab order.
 */
export function ArrivalFields({ form }: { form: ArrivalForm }) {
  const { t } = useTranslation();
  const { register, watch, setValue, formState: { errors: e } } = form;
  const arrival = watch('arrival');
  const isMlc = watch('isMlc');
  useEffect(() => {
    if (arrival === 'police') setValue('isMlc', true);
  }, [arrival, setValue]);
  const required = t('patient.requiredMark');
  const optional = t('patient.optionalMark');
  return (
    <>
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
    </>
  );
}
