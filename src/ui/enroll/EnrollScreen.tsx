import { Fragment } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DEPARTMENTS, DEFAULT_TIME_ZONE, type Department } from '../../domain/device';
import type { SessionUser } from '../../device/desk';
import { useDesk } from '../services';
import { errorText } from '../shared/errors';
import { Field, FieldError, FormError } from '../shared/Field';
import { RemoveIcon } from '../shared/icons';
import { useDomainForm } from '../shared/useDomainForm';

/** A department as the form holds it: rules as typed ('' for none); the domain schema reads them. */
interface DeptValues { code: string; name: string; nameHi: string; sex: string; minYears: string; maxYears: string }

const deptValues = (d: Department): DeptValues => ({
  code: d.code, name: d.name, nameHi: d.nameHi, sex: d.sex ?? '', minYears: d.minYears?.toString() ?? '', maxYears: d.maxYears?.toString() ?? '',
});

interface EnrollValues {
  enrollment: { hospital: string; code: string; timeZone: string; departments: DeptValues[] };
  admin: { name: string; pin: string; pinAgain: string };
}

/** First run: who this device is, its departments, and the administrator who will manage it. */
export function EnrollScreen({ onEnrolled }: { onEnrolled: (admin: SessionUser) => void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const form = useDomainForm<EnrollValues>({
    defaultValues: {
      enrollment: { hospital: '', code: '', timeZone: DEFAULT_TIME_ZONE, departments: DEFAULT_DEPARTMENTS.map(deptValues) },
      admin: { name: '', pin: '', pinAgain: '' },
    },
  });
  const { register, control, formState: { errors, isSubmitting } } = form;
  const departments = useFieldArray({ control, name: 'enrollment.departments' });

  const onSubmit = form.submitWith(async (values) => {
    onEnrolled(await desk.enroll({
      enrollment: { ...values.enrollment, code: values.enrollment.code.trim().toUpperCase() },
      admin: values.admin,
    }));
  });

  return (
    <main className="screen narrow">
      <h1>{t('enroll.title')}</h1>
      <p>{t('enroll.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field label={t('enroll.hospital')} autoComplete="organization" maxLength={120}
          error={errors.enrollment?.hospital?.message} {...register('enrollment.hospital')} />
        <Field label={t('enroll.code')} hint={t('enroll.codeHint')} autoCapitalize="characters" maxLength={5}
          className="code-input" error={errors.enrollment?.code?.message} {...register('enrollment.code')} />
        <Field label={t('enroll.timeZone')} error={errors.enrollment?.timeZone?.message} {...register('enrollment.timeZone')} />

        <fieldset>
          <legend>{t('enroll.departments')}</legend>
          <FieldError message={errors.enrollment?.departments?.message ?? errors.enrollment?.departments?.root?.message} />
          <table className="dept-table">
            <thead><tr><th>{t('enroll.deptCode')}</th><th>{t('enroll.deptName')}</th><th>{t('enroll.deptNameHi')}</th><th /></tr></thead>
            <tbody>
              {departments.fields.map((field, i) => {
                const e = errors.enrollment?.departments?.[i];
                return (
                  <Fragment key={field.id}>
                  <tr>
                    <td>
                      <input aria-label={`${t('enroll.deptCode')} ${i + 1}`} maxLength={6} className="code-input"
                        aria-invalid={e?.code ? true : undefined} {...register(`enrollment.departments.${i}.code`)} />
                      <FieldError message={e?.code?.message} />
                    </td>
                    <td>
                      <input aria-label={`${t('enroll.deptName')} ${i + 1}`} maxLength={70} {...register(`enrollment.departments.${i}.name`)} />
                      <FieldError message={e?.name?.message} />
                    </td>
                    <td>
                      <input aria-label={`${t('enroll.deptNameHi')} ${i + 1}`} lang="hi" maxLength={70} {...register(`enrollment.departments.${i}.nameHi`)} />
                      <FieldError message={e?.nameHi?.message} />
                    </td>
                    <td>
                      <button type="button" className="secondary" onClick={() => departments.remove(i)}
                        aria-label={t('enroll.removeDept', { code: field.code || i + 1 })}><RemoveIcon /></button>
                    </td>
                  </tr>
                  {/* Whom the department sees: a token for anyone else asks the clerk first. */}
                  <tr className="dept-rules">
                    <td />
                    <td colSpan={3}>
                      <span className="dept-rules-line">
                        <span>{t('enroll.deptSees')}</span>
                        <select aria-label={`${t('enroll.deptSex')} ${i + 1}`} {...register(`enrollment.departments.${i}.sex`)}>
                          <option value="">{t('enroll.deptSexAny')}</option>
                          <option value="F">{t('enroll.deptSexF')}</option>
                          <option value="M">{t('enroll.deptSexM')}</option>
                        </select>
                        <input aria-label={`${t('enroll.deptMinYears')} ${i + 1}`} title={t('enroll.deptMinYears')} inputMode="numeric" maxLength={3}
                          className="years" placeholder="0" aria-invalid={e?.minYears ? true : undefined} {...register(`enrollment.departments.${i}.minYears`)} />
                        <span aria-hidden="true">–</span>
                        <input aria-label={`${t('enroll.deptMaxYears')} ${i + 1}`} title={t('enroll.deptMaxYears')} inputMode="numeric" maxLength={3}
                          className="years" placeholder="125" aria-invalid={e?.maxYears ? true : undefined} {...register(`enrollment.departments.${i}.maxYears`)} />
                        <span>{t('enroll.deptYears')}</span>
                      </span>
                      <FieldError message={e?.sex?.message ?? e?.minYears?.message ?? e?.maxYears?.message} />
                    </td>
                  </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          <button type="button" className="secondary" onClick={() => departments.append({ code: '', name: '', nameHi: '', sex: '', minYears: '', maxYears: '' })}>
            {t('enroll.addDept')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('enroll.admin')}</legend>
          <Field label={t('user.name')} autoComplete="off" maxLength={50} error={errors.admin?.name?.message} {...register('admin.name')} />
          <Field label={t('user.pin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
            error={errors.admin?.pin?.message} {...register('admin.pin')} />
          <Field label={t('user.pinAgain')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12}
            error={errors.admin?.pinAgain?.message} {...register('admin.pinAgain')} />
        </fieldset>
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        <button type="submit" className="primary" disabled={isSubmitting}>{isSubmitting ? t('enroll.saving') : t('enroll.submit')}</button>
      </form>
    </main>
  );
}
