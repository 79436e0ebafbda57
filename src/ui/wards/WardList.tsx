import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { bedCounts, twiceCount } from '../../domain/wards/bedBoard';
import { useLiveWards } from '../wardUseCases';
import { wardName } from './wardName';
import { Loading } from '../shared/Loading';

/** Every ward with its beds counted by state, and its conflicts (two in a bed, one patient in two beds) called out. */
export function WardList() {
  const { t, i18n } = useTranslation();
  const boards = useLiveWards(async (w) => Promise.all((await w.wards()).map((ward) => w.board(ward.ward))), []);
  if (boards === undefined) return <Loading />;
  const list = boards.filter((b) => b !== null);
  return (
    <main className="screen">
      <h1>{t('wards.title')}</h1>
      {list.length === 0 ? <p>{t('wards.none')}</p> : null}
      <ul className="ward-list">
        {list.map((b) => {
          const c = bedCounts(b.beds);
          const twice = twiceCount(b.beds);
          return (
            <li key={b.ward.ward} data-testid="ward-row">
              <Link href={`/ward/${b.ward.ward}`}>
                <strong>{b.ward.ward}</strong> · {wardName(b.ward, i18n.language)}
                <br /><small>{t('wards.counts', c)}</small>
                {c.conflict ? <><br /><span className="conflict-flag" role="alert">{t('wards.conflicts', { count: c.conflict })}</span></> : null}
                {twice ? <><br /><span className="conflict-flag" role="alert">{t('wards.twice', { count: twice })}</span></> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
