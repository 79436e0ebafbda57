import { useTranslation } from 'react-i18next';
import type { BadRow } from '../../domain/hisIndex/record';

/** The rows left out, by line, each with its reason and the value refused. */
export function BadRows({ rows, count }: { rows: readonly BadRow[]; count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <section aria-labelledby="his-bad-title">
      <h2 id="his-bad-title">{t('his.badTitle')}</h2>
      {rows.length < count ? <p>{t('his.badShown', { shown: rows.length, count })}</p> : null}
      <div className="his-scroll">
        <table className="his-table">
          <thead><tr><th scope="col">{t('his.line')}</th><th scope="col">{t('his.reason')}</th><th scope="col">{t('his.value')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.line}-${r.reason}`}>
                <td>{r.line}</td>
                <td>{t(`his.reason_${r.reason}`, { firstLine: r.firstLine, fields: r.fields, expected: r.expected })}</td>
                <td>{r.value ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
