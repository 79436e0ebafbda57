import { useTranslation } from 'react-i18next';
import type { DeviceIdentity } from '../../device/identity';
import type { ResultView } from '../../device/resultDesk';
import { cumulativeTable } from '../../domain/lab/results/cumulative';
import { analytesOf } from '../../domain/lab/results/sheet';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import { useLiveResults } from '../labUseCases';

/** The patient's earlier released results of this specimen's analytes, side by side, newest first. */
export function CumulativeView({ view, identity }: { view: ResultView; identity: DeviceIdentity }) {
  const { t } = useTranslation();
  const codes = view.specimen.tests.flatMap((test) => analytesOf(view.analytes, test).filter((a) => a.kind !== 'text').map((a) => a.code));
  const table = useLiveResults(async (r) => cumulativeTable(await r.earlier(view), codes), [view.specimen.specimen, view.patient.patient, codes.join()]);
  if (!table?.columns.length) return null;
  return (
    <details className="cumulative">
      <summary>{t('results.cumulative', { count: table.columns.length })}</summary>
      <div className="table-scroll">
        <table className="result-grid" aria-label={t('results.cumulativeTable')}>
          <thead>
            <tr>
              <th>{t('results.analyte')}</th>
              {table.columns.map((c) => <th key={c.specimen}>{hospitalDateTime(c.at, identity.timeZone)}<br /><small className="hint">{c.specimen}</small></th>)}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.analyte}><th scope="row">{r.analyte}</th>{r.values.map((v, i) => <td key={table.columns[i]!.specimen}>{v ?? '—'}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
