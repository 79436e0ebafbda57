import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupDesk, planRestore, type BundleProgress } from '../../device/backupDesk';
import { fileBytes } from '../../device/fileText';
import { BundleRefusal } from '../../domain/backup/refusal';
import { DEFAULT_DEPARTMENTS, DEFAULT_TIME_ZONE } from '../../domain/device';
import type { Unlocked } from '../../device/desk';
import { useDesk } from '../services';
import { errorText } from '../shared/errors';
import { DepartmentTable, deptValues, type DeptValues } from '../shared/DepartmentTable';
import { Field, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { BundleProgressBar } from '../backup/BundleProgressBar';

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
  const [bundle, setBundle] = useState<File | null>(null);
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [progress, setProgress] = useState<BundleProgress | null>(null);

  const onSubmit = form.submitWith(async (values) => {
    setRefused(null);
    const code = values.enrollment.code.trim().toUpperCase();
    // A replacement for a lost tablet: its bundle is checked whole before anything is enrolled.
    let plan: Awaited<ReturnType<typeof planRestore>> | null = null;
    // One file without the other would enroll a blank tablet under the lost one's code, from
    // event 1: its numbers would repeat the lost tablet's and every push would fork.
    if (bundle || keyFile) {
      if (!bundle || !keyFile) {
        setRefused(t('enroll.restoreNeedsBoth'));
        return;
      }
      try {
        plan = await planRestore({ keyFileText: await keyFile.text(), bundle: () => fileBytes(bundle), hospital: values.enrollment.hospital.trim(), code, onProgress: setProgress });
      } catch (err) {
        setProgress(null);
        if (!(err instanceof BundleRefusal)) throw err;
        setRefused(t('backup.refused', { reason: t(`backup.refusedCode.${err.code}`), detail: err.message }));
        return;
      }
    }
    try {
      const admin = await desk.enroll({ enrollment: { ...values.enrollment, code }, admin: values.admin }, plan ? { restore: plan.into } : {});
      if (plan) await new BackupDesk(desk).recordRestore(plan);
      onEnrolled(admin);
    } finally {
      setProgress(null);
    }
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
        <fieldset>
          <legend>{t('enroll.replaces')}</legend>
          <p>{t('enroll.replacesHint')}</p>
          <label>{t('backup.bundleFile')}<input type="file" accept=".ddbundle" onChange={(e) => setBundle(e.target.files?.[0] ?? null)} /></label>
          <label>{t('backup.keyFile')}<input type="file" accept=".json" onChange={(e) => setKeyFile(e.target.files?.[0] ?? null)} /></label>
        </fieldset>
        <FormError text={refused ?? (form.formError ? errorText(form.formError, t) : null)} />
        <button type="submit" className="primary" disabled={isSubmitting}>{isSubmitting ? t('enroll.saving') : t('enroll.submit')}</button>
        {progress ? <BundleProgressBar progress={progress} /> : null}
      </form>
    </main>
  );
}
