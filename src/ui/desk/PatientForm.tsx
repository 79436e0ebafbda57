import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientFields } from '../../domain/patients/fields';
import { RELATIONS } from '../../domain/patients/fields';
import type { PatientRow } from '../../domain/projections/rows';
import { useFront } from '../useCases';
import { errorText } from '../shared/errors';
import { Field, FieldError, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { DuplicateList } from './DuplicateList';
import { useDeskPrefs } from './deskPrefs';
import { SexOptions } from '../shared/SexOptions';

export interface PatientFormValues {
  name: string;
  alias: string;
  sex: string;
  birth: { kind: 'age' | 'dob'; years: string; months: string; days: string; dob: string; estimated: boolean };
  mobile: string;
  address: { line: string; locality: string; district: string; state: string; pin: string };
  relative: { name: string; relation: string };
  uhid: string;
  abha: string;
  remarks: string;
  reason: string;
}

export function emptyPatient(name: string, prefs: { district: string; state: string }): PatientFormValues {
  return {
    name, alias: '', sex: '', birth: { kind: 'age', years: '', months: '0', days: '0', dob: '', estimated: false }, mobile: '',
    address: { line: '', locality: '', district: prefs.district, state: prefs.state, pin: '' },
    relative: { name: '', relation: '' }, uhid: '', abha: '', remarks: '', reason: '',
  };
}

export function valuesOf(p: PatientFields): PatientFormValues {
  const b = p.birth;
  const a = p.address;
  return {
    name: p.name ?? '', alias: p.alias ?? '', sex: p.sex,
    birth: b.kind === 'age'
      ? { kind: 'age', years: String(b.years), months: String(b.months), days: String(b.days), dob: '', estimated: b.estimated === true }
      : { kind: 'dob', years: '', months: '0', days: '0', dob: b.dob, estimated: false },
    mobile: p.mobile ?? '',
    address: { line: a?.line ?? '', locality: a?.locality ?? '', district: a?.district ?? '', state: a?.state ?? '', pin: a?.pin ?? '' },
    relative: { name: p.relative?.name ?? '', relation: p.relative?.relation ?? '' },
    uhid: p.uhid ?? '', abha: p.abha ?? '', remarks: p.remarks ?? '', reason: '',
  };
}

/** The form's values in the shape the domain validates (the birth as age or as date). */
export function toInput(v: PatientFormValues) {
  const { reason: _reason, birth, ...rest } = v;
  return {
    ...rest,
    birth: birth.kind === 'age'
      ? { kind: 'age', years: birth.years, months: birth.months, days: birth.days, ...(birth.estimated ? { estimated: true } : {}) }
      : { kind: 'dob', dob: birth.dob },
  };
}

/**
 * Registration and correction share this form. Sex sits beside the name, as both are asked in
 * one breath; the required fields (a name or an alias, sex, age) come first and carry a mark, every
 * other one says "optional" before the clerk presses Register; the optional ones follow,
 * still above the button, so the form reads top to bottom and Enter in any text field submits.
 * Months and days are only in the Tab order for babies (age 0 years).
 */
export function PatientForm({ initial, mode, onSubmit, onPickExisting, onCancel }: {
  initial: PatientFormValues;
  mode: 'register' | 'correct';
  onSubmit: (values: PatientFormValues) => Promise<void>;
  onPickExisting?: (patient: PatientRow) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const front = useFront();
  const remember = useDeskPrefs((s) => s.remember);
  const form = useDomainForm<PatientFormValues>({ defaultValues: initial });
  const { register, watch, formState: { errors, isSubmitting } } = form;
  const [dups, setDups] = useState<Awaited<ReturnType<typeof front.duplicates>>>([]);
  const kind = watch('birth.kind');
  const years = watch('birth.years');
  const probe = JSON.stringify(toInput({ ...watch() }));

  useEffect(() => {
    if (mode !== 'register') return;
    const timer = window.setTimeout(() => {
      const v = JSON.parse(probe) as ReturnType<typeof toInput>;
      void front.duplicates(v).then(setDups, () => setDups([]));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [probe, front, mode]);

  const save = async (values: PatientFormValues) => {
    await onSubmit(values);
    remember({ district: values.address.district, state: values.address.state });
  };
  const submit = form.submitWith(async (values) => {
    if (mode === 'register' && dups.length > 0) {
      await front.checkFields(toInput(values)); // field errors first, then the duplicate question
      form.setFormError(new DuplicateQuestion());
      return;
    }
    await save(values);
  });
  const registerAnyway = form.submitWith(save);

  const babyOnly = kind === 'age' && years.trim() === '0' ? 0 : -1;
  const required = t('patient.requiredMark');
  const optionalMark = t('patient.optionalMark');
  const e = errors;
  return (
    <form onSubmit={submit} noValidate className="patient-form">
      <p className="hint">{t('patient.requiredNote')}</p>
      <div className="row name-row">
        <Field label={t('patient.name')} mark={t('patient.nameOrAliasMark')} autoComplete="off" maxLength={90} autoFocus={!initial.name}
          error={e.name?.message} {...register('name')} />
        <div className="field">
          <label htmlFor="p-sex" data-mark={required}>{t('patient.sex')}</label>
          <select id="p-sex" autoFocus={Boolean(initial.name) && mode === 'register'} aria-invalid={e.sex ? true : undefined} {...register('sex')}>
            <SexOptions />
          </select>
          <FieldError message={e.sex?.message} />
        </div>
      </div>
      <fieldset className="birth">
        <legend data-mark={required}>{t('patient.ageOrDob')}</legend>
        <label><input type="radio" value="age" tabIndex={-1} {...register('birth.kind')} /> {t('patient.byAge')}</label>
        <label><input type="radio" value="dob" tabIndex={-1} {...register('birth.kind')} /> {t('patient.byDob')}</label>
        {kind === 'age' ? (
          <div className="row">
            <Field label={t('patient.years')} inputMode="numeric" maxLength={3} className="short" error={e.birth?.years?.message} {...register('birth.years')} />
            <Field label={t('patient.months')} inputMode="numeric" maxLength={2} className="short" tabIndex={babyOnly} error={e.birth?.months?.message} {...register('birth.months')} />
            <Field label={t('patient.days')} inputMode="numeric" maxLength={2} className="short" tabIndex={babyOnly} error={e.birth?.days?.message} {...register('birth.days')} />
            {/* Out of the Tab order like the age/date switch: an estimate is the exception at the OPD desk. */}
            <label className="check"><input type="checkbox" tabIndex={-1} {...register('birth.estimated')} /> {t('patient.estimated')}</label>
          </div>
        ) : (
          <Field label={t('patient.dob')} type="date" error={e.birth?.dob?.message} {...register('birth.dob')} />
        )}
      </fieldset>
      <Field label={t('patient.mobile')} mark={optionalMark} type="tel" inputMode="tel" maxLength={16} autoComplete="off" error={e.mobile?.message} {...register('mobile')} />
      <fieldset>
        <legend data-mark={optionalMark}>{t('patient.address')}</legend>
        <Field label={t('patient.addressLine')} maxLength={130} error={e.address?.line?.message} {...register('address.line')} />
        <div className="row">
          <Field label={t('patient.locality')} maxLength={90} error={e.address?.locality?.message} {...register('address.locality')} />
          <Field label={t('patient.district')} maxLength={70} error={e.address?.district?.message} {...register('address.district')} />
        </div>
        <div className="row">
          <Field label={t('patient.state')} maxLength={50} error={e.address?.state?.message} {...register('address.state')} />
          <Field label={t('patient.pin')} inputMode="numeric" maxLength={7} className="short" error={e.address?.pin?.message} {...register('address.pin')} />
        </div>
      </fieldset>
      {/* Relation before the name, as in "S/o Mohan Lal". */}
      <div className="row">
        <div className="field">
          <label htmlFor="p-relation" data-mark={optionalMark}>{t('patient.relation')}</label>
          <select id="p-relation" aria-invalid={e.relative?.relation ? true : undefined} {...register('relative.relation')}>
            <option value="" />
            {RELATIONS.map((r) => <option key={r} value={r}>{t(`patient.rel_${r}`)}</option>)}
          </select>
          <FieldError message={e.relative?.relation?.message} />
        </div>
        <Field label={t('patient.relativeName')} mark={optionalMark} maxLength={90} error={e.relative?.name?.message} {...register('relative.name')} />
      </div>

      <fieldset className="optional-fields">
        <legend>{t('patient.optional')}</legend>
        <Field label={t('patient.alias')} hint={t('patient.aliasHint')} maxLength={60} autoComplete="off" error={e.alias?.message} {...register('alias')} />
        <Field label={t('patient.uhid')} maxLength={24} autoComplete="off" error={e.uhid?.message} {...register('uhid')} />
        <Field label={t('patient.abha')} inputMode="numeric" maxLength={17} autoComplete="off" error={e.abha?.message} {...register('abha')} />
        <Field label={t('patient.remarks')} maxLength={300} error={e.remarks?.message} {...register('remarks')} />
      </fieldset>

      {mode === 'register' && dups.length > 0 ? <DuplicateList duplicates={dups} onPick={onPickExisting} /> : null}
      <FormError text={form.formError instanceof DuplicateQuestion ? t('patient.confirmNew') : form.formError ? errorText(form.formError, t) : null} />
      {mode === 'correct' ? <Field label={t('patient.reason')} maxLength={200} error={e.reason?.message} {...register('reason')} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {mode === 'register' ? t('patient.registerAction') : t('patient.correctAction')}
        </button>
        {form.formError instanceof DuplicateQuestion ? (
          <button type="button" className="secondary" onClick={() => void registerAnyway()}>{t('patient.registerNew')}</button>
        ) : null}
        {onCancel ? <button type="button" className="secondary" onClick={onCancel}>{t('patient.cancel')}</button> : null}
      </div>
    </form>
  );
}

class DuplicateQuestion extends Error {}
