import { useEffect, useState } from 'react';
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import type { DeviceIdentity } from '../../device/identity';
import { AGE_BANDS } from '../../domain/lab/results/analytes';
import { fromForm, toForm, type AnalyteForm } from '../../domain/lab/results/analyteForm';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import { useLiveResults, useResults } from '../labUseCases';
import { errorText } from '../shared/errors';
import { Field, FieldError, FormError, SelectField } from '../shared/Field';
import { RemoveIcon } from '../shared/icons';
import { useDomainForm } from '../shared/useDomainForm';

interface Values {
  analytes: AnalyteForm[];
}

/**
 * The administrator's edit of one test's analytes: units, decimals, reference ranges, critical
 * and impossible limits, answers. Publishing makes a new analyte version; results entered
 * before keep theirs, so an old report still prints the ranges it was released with.
 */
export function AnalyteEditor({ actor, identity }: { actor: SessionUser; identity: DeviceIdentity }) {
  const { t } = useTranslation();
  const results = useResults();
  const current = useLiveResults((r) => r.currentAnalytes(), []);
  const history = useLiveResults((r) => r.analyteHistory(), []);
  const [test, setTest] = useState('');
  const [published, setPublished] = useState<string | null>(null);
  const form = useDomainForm<Values>({ defaultValues: { analytes: [] } });
  const { register, control, reset, formState: { errors, isSubmitting } } = form;
  const version = current?.version;
  const analytes = current && test ? current.tests[test] : undefined;

  // The form starts from the current version of the chosen test, and again after each publish.
  useEffect(() => {
    reset({ analytes: (analytes ?? []).map(toForm) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, test]);

  const onSubmit = form.submitWith(async (values) => {
    setPublished(null);
    const next = await results.publishAnalytes(actor, test, fromForm(analytes ?? [], values.analytes));
    setPublished(next.version);
  });

  if (!current) return null;
  const tests = Object.keys(current.tests).filter((code) => current.tests[code]!.some((a) => a.kind !== 'text')).sort();
  return (
    <section className="analyte-editor" aria-labelledby="analyte-editor-title">
      <h2 id="analyte-editor-title">{t('analytes.title')}</h2>
      <p data-testid="analyte-version">{t('analytes.currentVersion', { version: current.version })}</p>
      <p className="hint">{t('analytes.versionsNote')}</p>
      <SelectField label={t('analytes.test')} value={test} onChange={(e) => { setPublished(null); setTest(e.target.value); }}>
        <option value="">{t('analytes.chooseTest')}</option>
        {tests.map((code) => <option key={code} value={code}>{code}</option>)}
      </SelectField>
      {analytes ? (
        <form onSubmit={onSubmit} noValidate>
          {analytes.map((a, i) => (
            <fieldset key={`${test}.${a.code}`} className="analyte">
              <legend>{a.name} · <span lang="hi">{a.nameHi}</span> ({a.code})</legend>
              {a.kind === 'number'
                ? <NumberFields i={i} label={a.code} register={register} control={control} errors={errors} />
                : a.kind === 'choice'
                  ? <ChoiceFields i={i} label={a.code} register={register} errors={errors} />
                  : <p className="hint">{t('analytes.freeText')}</p>}
            </fieldset>
          ))}
          <FieldError message={errors.analytes?.message ?? errors.analytes?.root?.message} />
          <FormError text={form.formError ? errorText(form.formError, t) : null} />
          {published ? <p className="ok" role="status">{t('analytes.published', { version: published, test })}</p> : null}
          <button type="submit" className="primary" disabled={isSubmitting}>{t('analytes.publish', { test })}</button>
        </form>
      ) : null}
      <h3>{t('analytes.versions')}</h3>
      <ul>
        {(history ?? []).map((h) => (
          <li key={h.version}>{t('analytes.versionLine', { version: h.version, test: h.test, at: hospitalDateTime(h.publishedAt, identity.timeZone), by: h.publishedBy, basedOn: h.basedOn })}</li>
        ))}
        <li>{t('analytes.builtIn')}</li>
      </ul>
    </section>
  );
}

interface RowProps {
  i: number;
  /** The analyte's code, in every field's accessible name: "HB unit". */
  label: string;
  register: UseFormRegister<Values>;
  errors: FieldErrors<Values>;
}

/** A typed field; `text` for words (a unit, answers), else a number with the decimal keypad on a tablet. */
function Num({ name, label, register, error, text }: { name: `analytes.${number}.${string}`; label: string; register: UseFormRegister<Values>; error?: string | undefined; text?: boolean }) {
  return (
    <Field label={label} error={error} className={text ? undefined : 'short'} inputMode={text ? 'text' : 'decimal'}
      {...register(name as `analytes.${number}.min`)} />
  );
}

function NumberFields({ i, label, register, control, errors }: RowProps & { control: Control<Values> }) {
  const { t } = useTranslation();
  const ranges = useFieldArray({ control, name: `analytes.${i}.ranges` });
  const e = errors.analytes?.[i];
  const named = (what: string) => `${label} ${what}`;
  return (
    <>
      <div className="row">
        <Num name={`analytes.${i}.unit`} label={named(t('analytes.unit'))} register={register} error={e?.unit?.message} text />
        <Num name={`analytes.${i}.decimals`} label={named(t('analytes.decimals'))} register={register} error={e?.decimals?.message} />
        <Num name={`analytes.${i}.min`} label={named(t('analytes.min'))} register={register} error={e?.min?.message} />
        <Num name={`analytes.${i}.max`} label={named(t('analytes.max'))} register={register} error={e?.max?.message} />
        <Num name={`analytes.${i}.criticalLow`} label={named(t('analytes.criticalLow'))} register={register} error={e?.criticalLow?.message} />
        <Num name={`analytes.${i}.criticalHigh`} label={named(t('analytes.criticalHigh'))} register={register} error={e?.criticalHigh?.message} />
      </div>
      <table className="list ranges">
        <thead><tr><th>{t('analytes.band')}</th><th>{t('analytes.sex')}</th><th>{t('analytes.low')}</th><th>{t('analytes.high')}</th><th /></tr></thead>
        <tbody>
          {ranges.fields.map((field, j) => {
            const re = e?.ranges?.[j];
            const row = (what: string) => `${label} ${what} ${j + 1}`;
            return (
              <tr key={field.id}>
                <td>
                  <select aria-label={row(t('analytes.band'))} {...register(`analytes.${i}.ranges.${j}.band`)}>
                    {AGE_BANDS.map((b) => <option key={b} value={b}>{t(`analytes.band_${b}`)}</option>)}
                  </select>
                  <FieldError message={re?.band?.message} />
                </td>
                <td>
                  <select aria-label={row(t('analytes.sex'))} {...register(`analytes.${i}.ranges.${j}.sex`)}>
                    <option value="">{t('analytes.anySex')}</option>
                    <option value="M">{t('analytes.male')}</option>
                    <option value="F">{t('analytes.female')}</option>
                  </select>
                </td>
                <td><input className="short" inputMode="decimal" aria-label={row(t('analytes.low'))} aria-invalid={re?.low ? true : undefined} {...register(`analytes.${i}.ranges.${j}.low`)} /><FieldError message={re?.low?.message} /></td>
                <td><input className="short" inputMode="decimal" aria-label={row(t('analytes.high'))} aria-invalid={re?.high ? true : undefined} {...register(`analytes.${i}.ranges.${j}.high`)} /><FieldError message={re?.high?.message} /></td>
                <td>
                  <button type="button" className="secondary small" aria-label={row(t('analytes.removeRange'))} onClick={() => ranges.remove(j)}><RemoveIcon /></button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="secondary small" onClick={() => ranges.append({ band: 'adult', sex: '', low: '', high: '' })}>{named(t('analytes.addRange'))}</button>
    </>
  );
}

function ChoiceFields({ i, label, register, errors }: RowProps) {
  const { t } = useTranslation();
  const e = errors.analytes?.[i];
  return (
    <div className="row">
      <Num name={`analytes.${i}.answers`} label={`${label} ${t('analytes.answers')}`} register={register} error={e?.answers?.message ?? e?.answers?.root?.message} text />
      <Num name={`analytes.${i}.normal`} label={`${label} ${t('analytes.normal')}`} register={register} error={e?.normal?.message ?? e?.normal?.root?.message} text />
    </div>
  );
}
