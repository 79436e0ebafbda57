import { useEffect, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import type { LabTest } from '../../domain/lab/catalogue';
import { CONTAINERS, SAMPLES, SECTIONS } from '../../domain/lab/containers';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import { useLive } from '../services';
import { useLab, useLiveLab } from '../labUseCases';
import { errorText } from '../shared/errors';
import { FieldError, FormError } from '../shared/Field';
import { RemoveIcon } from '../shared/icons';
import { useDomainForm } from '../shared/useDomainForm';
import { AnalyteEditor } from './AnalyteEditor';
import { Loading } from '../shared/Loading';

interface CatalogueValues {
  tests: LabTest[];
}

const blank: LabTest = { code: '', name: '', nameHi: '', section: 'biochemistry', sample: 'serum', container: 'PLAIN' };

/**
 * The administrator's test catalogue. Saving publishes a new version; requisitions keep the
 * version they were made with, so nothing here can change what was ordered before.
 */
export function CatalogueScreen({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const lab = useLab();
  const identity = useLive((d) => d.identity(), []);
  const current = useLiveLab((l) => l.currentCatalogue(), []);
  const history = useLiveLab((l) => l.catalogueHistory(), []);
  const [published, setPublished] = useState<string | null>(null);
  const form = useDomainForm<CatalogueValues>({ defaultValues: { tests: [] } });
  const { register, control, reset, formState: { errors, isSubmitting } } = form;
  const rows = useFieldArray({ control, name: 'tests' });
  const version = current?.version;

  // The form starts from the current version, and again after each publish.
  useEffect(() => {
    if (current) reset({ tests: current.tests.map((x) => ({ ...x, separate: Boolean(x.separate) })) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  const onSubmit = form.submitWith(async (values) => {
    setPublished(null);
    const tests = values.tests.map(({ separate, ...rest }) => (separate ? { ...rest, separate } : rest));
    const next = await lab.publishCatalogue(actor, tests);
    setPublished(next.version);
  });

  if (!current || !identity) return <Loading />;
  return (
    <main className="screen wide">
      <h1>{t('lab.catalogue')}</h1>
      <p data-testid="catalogue-version">{t('lab.currentVersion', { version: current.version })}</p>
      <p className="hint">{t('lab.versionsNote')}</p>
      <form onSubmit={onSubmit} noValidate>
        <FieldError message={errors.tests?.message ?? errors.tests?.root?.message} />
        {/* Eight editable columns do not fit an upright tablet: the table scrolls, not the page. */}
        <div className="table-scroll">
          <table className="list catalogue-table">
            <thead>
              <tr>
                <th>{t('lab.code')}</th><th>{t('lab.name')}</th><th>{t('lab.nameHi')}</th><th>{t('lab.section')}</th>
                <th>{t('lab.sample')}</th><th>{t('lab.container')}</th><th>{t('lab.separate')}</th><th />
              </tr>
            </thead>
            <tbody>
              {rows.fields.map((field, i) => {
                const e = errors.tests?.[i];
                const label = (what: string) => `${what} ${i + 1}`;
                return (
                  <tr key={field.id}>
                    <td><input aria-label={label(t('lab.code'))} className="code-input short" maxLength={8} {...register(`tests.${i}.code`)} /><FieldError message={e?.code?.message} /></td>
                    <td><input aria-label={label(t('lab.name'))} maxLength={80} {...register(`tests.${i}.name`)} /><FieldError message={e?.name?.message} /></td>
                    <td><input aria-label={label(t('lab.nameHi'))} lang="hi" maxLength={80} {...register(`tests.${i}.nameHi`)} /><FieldError message={e?.nameHi?.message} /></td>
                    <td>
                      <select aria-label={label(t('lab.section'))} {...register(`tests.${i}.section`)}>
                        {SECTIONS.map((x) => <option key={x} value={x}>{t(`lab.section_${x}`)}</option>)}
                      </select>
                    </td>
                    <td>
                      <select aria-label={label(t('lab.sample'))} {...register(`tests.${i}.sample`)}>
                        {SAMPLES.map((x) => <option key={x} value={x}>{t(`lab.sample_${x}`)}</option>)}
                      </select>
                    </td>
                    <td>
                      <select aria-label={label(t('lab.container'))} {...register(`tests.${i}.container`)}>
                        {CONTAINERS.map((x) => <option key={x} value={x}>{t(`lab.container_${x}`)}</option>)}
                      </select>
                    </td>
                    <td><input type="checkbox" aria-label={label(t('lab.separate'))} {...register(`tests.${i}.separate`)} /></td>
                    <td>
                      <button type="button" className="secondary small" aria-label={t('lab.remove', { code: field.code || i + 1 })}
                        onClick={() => rows.remove(i)}><RemoveIcon /></button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="button" className="secondary" onClick={() => rows.append({ ...blank })}>{t('lab.addTest')}</button>
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        {published ? <p className="ok" role="status">{t('lab.published', { version: published })}</p> : null}
        <button type="submit" className="primary" disabled={isSubmitting}>{t('lab.publish')}</button>
      </form>

      <h2>{t('lab.versions')}</h2>
      <ul>
        {(history ?? []).map((h) => (
          <li key={h.version}>{t('lab.versionLine', { version: h.version, at: hospitalDateTime(h.publishedAt, identity.timeZone), by: h.publishedBy, basedOn: h.basedOn })}</li>
        ))}
        <li>{t('lab.builtIn')}</li>
      </ul>
      <AnalyteEditor actor={actor} identity={identity} />
    </main>
  );
}
