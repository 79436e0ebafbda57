import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useLiveWards } from '../wardUseCases';
import { wardName } from './wardName';
import { Loading } from '../shared/Loading';

/**
 * Every ward with its beds counted by state, and its conflicts (two in a bed, one patient in two
 * beds) called out. Counts only (`WardDesk.summaries`): no patient is read for this list.
 */
export function WardList() {
  const { t, i18n } = useTranslation();
  const list = useLiveWards((w) => w.summaries(), []);
  if (list === undefined) return <Loading />;
  return (
    <main className="screen">
      <h1>{t('wards.title')}</h1>
      {list.length === 0 ? <p>{t('wards.none')}</p> : null}
      <ul className="ward-list">
        {list.map(({ ward, counts: c, twice }) => (
          <li key={ward.ward} data-testid="ward-row">
            <Link href={`/ward/${ward.ward}`}>
              <strong>{ward.ward}</strong> · {wardName(ward, i18n.language)}
              <br /><small>{t('wards.counts', c)}</small>
              {c.conflict ? <><br /><span className="conflict-flag" role="alert">{t('wards.conflicts', { count: c.conflict })}</span></> : null}
              {twice ? <><br /><span className="conflict-flag" role="alert">{t('wards.twice', { count: twice })}</span></> : null}
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
