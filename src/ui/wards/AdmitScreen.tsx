import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ADMIT_SOURCES } from '../../domain/wards/codes';
import { useLive } from '../services';
import { useLiveWards, useWards } from '../wardUseCases';
import { useSession } from '../session';
import { errorText } from '../shared/errors';
import { Field, FormError, SelectField } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { shownName } from '../emergency/patientName';
import { wardName } from './wardName';
import { Loading } from '../shared/Loading';

interface AdmitValues {
  ward: string; bed: string; source: string; dept: string; consultant: string; diagnosis: string; mlc: boolean;
}

/**
 * Admit a patient: ward and a free bed of it, where from, the admitting department, consultant
 * and provisional diagnosis. From an emergency visit the source and the MLC flag come filled in.
 * Focus starts on the ward; Enter in any text field admits.
 */
export function AdmitScreen({ patient, visit }: { patient: string; visit?: string }) {
  const { t, i18n } = useTranslation();
  const wards = useWards();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const ctx = useLiveWards(async (w) => ({
    wards: await w.wards(),
    person: await w.patient(patient),
    visit: visit ? await w.visit(visit) : undefined,
    current: await w.currentAdmission(patient),
  }), [patient, visit]);
  const departments = useLive((d) => d.departments(), []);
  const form = useDomainForm<AdmitValues>({
    defaultValues: { ward: '', bed: '', source: visit ? 'emergency' : 'opd', dept: '', consultant: '', diagnosis: '', mlc: false },
  });
  const { register, watch, setValue, formState: { errors: e, isSubmitting } } = form;
  const ward = watch('ward');
  const board = useLiveWards((w) => (ward ? w.board(ward) : Promise.resolve(null)), [ward]);
  const freeBeds = (board?.beds ?? []).filter((b) => b.type !== null && b.patients.length === 0);

  // Filled in once the records are read: the first ward, the visit's MLC flag, the first department.
  useEffect(() => {
    if (!ctx) return;
    if (!form.getValues('ward') && ctx.wards[0]) setValue('ward', ctx.wards[0].ward);
    if (ctx.visit?.mlc) setValue('mlc', true);
  }, [ctx, form, setValue]);
  useEffect(() => {
    if (departments?.[0] && !form.getValues('dept')) setValue('dept', departments[0].code);
  }, [departments, form, setValue]);
  useEffect(() => {
    const first = freeBeds.find((b) => b.state === 'free') ?? freeBeds[0];
    if (board && !freeBeds.some((b) => b.label === form.getValues('bed'))) setValue('bed', first?.label ?? '');
  }, [board, freeBeds, form, setValue]);

  const submit = form.submitWith(async (values) => {
    const row = await wards.admit(user, { ...values, patient, visit: visit ?? '' });
    navigate(`/admission/${row.admission}`);
  });

  if (ctx === undefined) return <Loading />;
  if (!ctx.person) return <main className="screen"><p className="form-error" role="alert">{t('errors.patientNotFound')}</p></main>;
  return (
    <main className="screen">
      <p><Link href="/">{t('wards.back')}</Link></p>
      <h1>{t('wards.admitTitle')}: {shownName(ctx.person, i18n.language)} <small><code>{patient}</code>{visit ? <> · <code>{visit}</code></> : null}</small></h1>
      {ctx.current ? (
        <p className="warning" role="alert">
          <Link href={`/admission/${ctx.current.admission}`}>{t('wards.currentAdmission', { ward: ctx.current.ward, bed: ctx.current.bed, admission: ctx.current.admission })}</Link>
        </p>
      ) : null}
      {ctx.wards.length === 0 ? <p>{t('wards.none')}</p> : (
        <form onSubmit={submit} noValidate className="er-form">
          <div className="row">
            <SelectField label={t('wards.ward')} autoFocus error={e.ward?.message} {...register('ward')}>
              {ctx.wards.map((w) => <option key={w.ward} value={w.ward}>{w.ward} · {wardName(w, i18n.language)}</option>)}
            </SelectField>
            <SelectField label={t('wards.bed')} error={e.bed?.message} {...register('bed')}>
              {freeBeds.length === 0 ? <option value="">{t('wards.noFreeBed')}</option> : null}
              {freeBeds.map((b) => (
                <option key={b.label} value={b.label}>
                  {b.label}{b.type && b.type !== 'general' ? ` · ${t(`wards.type_${b.type}`)}` : ''}{b.state !== 'free' ? ` · ${t(`wards.state_${b.state}`)}` : ''}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('wards.source')} error={e.source?.message} {...register('source')}>
              {ADMIT_SOURCES.map((s) => <option key={s} value={s}>{t(`wards.source_${s}`)}</option>)}
            </SelectField>
            <SelectField label={t('wards.dept')} error={e.dept?.message} {...register('dept')}>
              {(departments ?? []).map((d) => <option key={d.code} value={d.code}>{d.code} · {i18n.language === 'hi' && d.nameHi ? d.nameHi : d.name}</option>)}
            </SelectField>
          </div>
          <div className="row">
            <Field label={t('wards.consultant')} maxLength={60} autoComplete="off" error={e.consultant?.message} {...register('consultant')} />
            <Field label={t('wards.diagnosis')} maxLength={200} autoComplete="off" error={e.diagnosis?.message} {...register('diagnosis')} />
          </div>
          <label className="check"><input type="checkbox" {...register('mlc')} /> {t('wards.mlc')}</label>
          <FormError text={form.formError ? errorText(form.formError, t) : null} />
          <div className="actions"><button type="submit" className="primary" disabled={isSubmitting}>{t('wards.admit')}</button></div>
        </form>
      )}
    </main>
  );
}
