import { Fragment } from 'react';
import { get, useFieldArray, type ArrayPath, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../domain/device';
import { FieldError } from './Field';
import { RemoveIcon } from './icons';

/** A department as a form holds it: rules as typed ('' for none); the domain schema reads them. */
export interface DeptValues { code: string; name: string; nameHi: string; sex: string; minYears: string; maxYears: string }

export const deptValues = (d: Department): DeptValues => ({
  code: d.code, name: d.name, nameHi: d.nameHi, sex: d.sex ?? '', minYears: d.minYears?.toString() ?? '', maxYears: d.maxYears?.toString() ?? '',
});

const EMPTY: DeptValues = { code: '', name: '', nameHi: '', sex: '', minYears: '', maxYears: '' };

/**
 * The OPD departments of a form (enrollment, "This device"), each with whom it sees: a token for
 * anyone else asks the clerk first. `name` is where the list sits in the form's values.
 */
export function DepartmentTable<T extends FieldValues>({ form, name }: { form: UseFormReturn<T>; name: ArrayPath<T> }) {
  const { t } = useTranslation();
  const { register, control, formState: { errors } } = form;
  const departments = useFieldArray({ control, name });
  const at = (i: number, field: keyof DeptValues) => `${name}.${i}.${field}` as Path<T>;
  const error = (i: number, field: keyof DeptValues): string | undefined => get(errors, `${name}.${i}.${field}.message`);
  const listError: string | undefined = get(errors, `${name}.message`) ?? get(errors, `${name}.root.message`);
  return (
    <>
      <FieldError message={listError} />
      <table className="dept-table">
        <thead><tr><th>{t('enroll.deptCode')}</th><th>{t('enroll.deptName')}</th><th>{t('enroll.deptNameHi')}</th><th /></tr></thead>
        <tbody>
          {departments.fields.map((field, i) => (
            <Fragment key={field.id}>
              <tr>
                <td>
                  <input aria-label={`${t('enroll.deptCode')} ${i + 1}`} maxLength={6} className="code-input"
                    aria-invalid={error(i, 'code') ? true : undefined} {...register(at(i, 'code'))} />
                  <FieldError message={error(i, 'code')} />
                </td>
                <td>
                  <input aria-label={`${t('enroll.deptName')} ${i + 1}`} maxLength={70} {...register(at(i, 'name'))} />
                  <FieldError message={error(i, 'name')} />
                </td>
                <td>
                  <input aria-label={`${t('enroll.deptNameHi')} ${i + 1}`} lang="hi" maxLength={70} {...register(at(i, 'nameHi'))} />
                  <FieldError message={error(i, 'nameHi')} />
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => departments.remove(i)}
                    aria-label={t('enroll.removeDept', { code: (field as unknown as DeptValues).code || i + 1 })}><RemoveIcon /></button>
                </td>
              </tr>
              <tr className="dept-rules">
                <td />
                <td colSpan={3}>
                  <span className="dept-rules-line">
                    <span>{t('enroll.deptSees')}</span>
                    <select aria-label={`${t('enroll.deptSex')} ${i + 1}`} {...register(at(i, 'sex'))}>
                      <option value="">{t('enroll.deptSexAny')}</option>
                      <option value="F">{t('enroll.deptSexF')}</option>
                      <option value="M">{t('enroll.deptSexM')}</option>
                    </select>
                    <input aria-label={`${t('enroll.deptMinYears')} ${i + 1}`} title={t('enroll.deptMinYears')} inputMode="numeric" maxLength={3}
                      className="years" placeholder="0" aria-invalid={error(i, 'minYears') ? true : undefined} {...register(at(i, 'minYears'))} />
                    <span aria-hidden="true">–</span>
                    <input aria-label={`${t('enroll.deptMaxYears')} ${i + 1}`} title={t('enroll.deptMaxYears')} inputMode="numeric" maxLength={3}
                      className="years" placeholder="125" aria-invalid={error(i, 'maxYears') ? true : undefined} {...register(at(i, 'maxYears'))} />
                    <span>{t('enroll.deptYears')}</span>
                  </span>
                  <FieldError message={error(i, 'sex') ?? error(i, 'minYears') ?? error(i, 'maxYears')} />
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
      <button type="button" className="secondary" onClick={() => departments.append({ ...EMPTY } as never)}>
        {t('enroll.addDept')}
      </button>
    </>
  );
}
