import { useTranslation } from 'react-i18next';
import { DEFAULT_DEPARTMENTS, DEFAULT_TIME_ZONE } from '../../domain/device';
import type { Unlocked } from '../../device/desk';
import { useDesk } from '../services';
import { errorText } from '../shared/errors';
import { DepartmentTable, deptValues, type DeptValues } from '../shared/DepartmentTable';
import { Field, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';

interface EnrollValues {
  enrollment: { hospital: string; code: string; timeZone: string; departments: DeptValues[] };
  admin: { name: string; pin: string; pinAgain: string };
}

/** First run: who this device is, its departments, and the administrator who will manage it. */
export function EnrollScreen({ onEnrolled }: { onEnrolled: (admin: Unlocked) => void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const form = useDomainForm<EnrollValues>({
    defaultValues: {
      enrollment: { hospital: '', code: '', timeZone: DEFAULT_TIME_ZONE, departments: DEFAULT_DEPARTMENTS.map(deptValues) },
      admin: { name: '', pin: '', pinAgain: '' },
    },
  });
  const { register, formState: { errors, isSubmitting } } = form;

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
          <DepartmentTable form={form} name="enrollment.departments" />
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
