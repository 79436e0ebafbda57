import { useTranslation } from 'react-i18next';
import { HIS_FIELDS, mappingProblems, type ColumnMapping, type HisField } from '../../domain/hisIndex/mapping';
import type { CsvPreview } from '../../domain/hisIndex/reader';

/** One choice of column per field, beside the file's first rows, so the administrator sees what each column holds. */
export function MappingForm({ preview, mapping, onChange }: { preview: CsvPreview; mapping: ColumnMapping; onChange: (m: ColumnMapping) => void }) {
  const { t } = useTranslation();
  const problems = mappingProblems(mapping);
  const set = (field: HisField, value: string) => onChange({ ...mapping, [field]: value === '' ? null : Number(value) });
  return (
    <section aria-labelledby="his-map-title">
      <h2 id="his-map-title">{t('his.mappingTitle')}</h2>
      <p>{t('his.mappingIntro')}</p>
      <div className="his-mapping">
        {HIS_FIELDS.map((field) => (
          <label key={field}>
            {t(`his.field_${field}`)}
            <select value={mapping[field] ?? ''} onChange={(e) => set(field, e.target.value)}>
              <option value="">{t('his.noColumn')}</option>
              {preview.header.map((h, i) => <option key={i} value={i}>{h || `#${i + 1}`}</option>)}
            </select>
          </label>
        ))}
      </div>
      {problems.map((p) => <p key={p} className="form-error" role="alert">{t(`his.problem_${p}`)}</p>)}
      <h3>{t('his.preview')}</h3>
      <div className="his-scroll">
        <table className="his-table">
          <thead><tr>{preview.header.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
          <tbody>{preview.rows.map((row, r) => <tr key={r}>{row.map((c, i) => <td key={i}>{c}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}
