import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../domain/device';
import type { SessionUser } from '../../device/desk';
import { useDesk } from '../services';
import { DepartmentTable, deptValues, type DeptValues } from '../shared/DepartmentTable';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';

/** The OPD departments after enrollment, with whom each sees: saved as one event. */
export function DepartmentsForm({ actor, departments }: { actor: SessionUser; departments: Department[] }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const form = useDomainForm<{ departments: DeptValues[] }>({ defaultValues: { departments: departments.map(deptValues) } });
  const [saved, setSaved] = useState(false);
  const submit = form.submitWith(async ({ departments: list }) => {
    setSaved(false);
    await desk.updateDepartments(actor, list);
    setSaved(true);
  });
  return (
    <form onSubmit={submit} noValidate className="departments-form" aria-labelledby="departments-title">
      <h2 id="departments-title">{t('device.departments')}</h2>
      <p className="hint">{t('device.departmentsHint')}</p>
      <DepartmentTable form={form} name="departments" />
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      {saved ? <p className="ok" role="status">{t('device.saved')}</p> : null}
      <button type="submit" className="secondary">{t('device.saveDepartments')}</button>
    </form>
  );
}
