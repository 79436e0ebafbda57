import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ageLabel } from '../../domain/patients/age';
import { bedCounts, twiceCount, type BoardBed } from '../../domain/wards/bedBoard';
import type { BedMark } from '../../domain/wards/codes';
import type { PlacedPatient } from '../../device/wardDesk';
import { useLiveWards, useWards } from '../wardUseCases';
import { useSession } from '../session';
import { useToday } from '../desk/useToday';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { shownName } from '../emergency/patientName';
import { printCensus } from './printCensus';
import { wardName } from './wardName';
import { Loading } from '../shared/Loading';

/**
 * One ward's beds as tiles in bed order: free, occupied, reserved, being cleaned, and a conflict
 * (two patients in one bed) with every patient in it and the way to decide. Tiles are links and
 * buttons in the Tab order, large enough for a finger.
 */
export function BedBoardScreen({ ward }: { ward: string }) {
  const { t, i18n } = useTranslation();
  const wards = useWards();
  const board = useLiveWards((w) => w.board(ward), [ward]);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  // Once per board, not per tile: each reads the device's time zone and keeps a timer.
  const today = useToday();
  if (board === undefined) return <Loading />;
  if (board === null) return <main className="screen"><p className="form-error" role="alert">{t('errors.wardNotFound')}</p><Link href="/">{t('wards.back')}</Link></main>;
  const c = bedCounts(board.beds);
  const twice = twiceCount(board.beds);
  const print = async () => {
    setError(null);
    setPrinting(true);
    try {
      await printCensus(wards, ward);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setPrinting(false);
    }
  };
  return (
    <main className="screen">
      <p><Link href="/">{t('wards.back')}</Link></p>
      <h1>{board.ward.ward} · {wardName(board.ward, i18n.language)}</h1>
      <p>{t('wards.counts', c)}</p>
      {c.conflict ? <p className="conflict-flag" role="alert">{t('wards.conflicts', { count: c.conflict })}</p> : null}
      {twice ? <p className="conflict-flag" role="alert">{t('wards.twice', { count: twice })}</p> : null}
      <div className="er-actions">
        <button type="button" className="secondary" disabled={printing} onClick={() => void print()}>{t('wards.printCensus')}</button>
      </div>
      <FormError text={error} />
      <ul className="bed-board" aria-label={t('wards.board')}>
        {board.beds.map((b) => <BedTile key={b.label} ward={ward} bed={b} onError={setError} language={i18n.language} today={today} />)}
      </ul>
    </main>
  );
}

function BedTile({ ward, bed, onError, language, today }: { ward: string; bed: BoardBed<PlacedPatient>; onError: (e: string | null) => void; language: string; today: ReturnType<typeof useToday> }) {
  const { t } = useTranslation();
  const wards = useWards();
  const user = useSession((s) => s.user)!;
  const mark = async (status: BedMark) => {
    onError(null);
    try {
      await wards.markBed(user, ward, bed.label, status);
    } catch (err) {
      onError(errorText(err, t));
    }
  };
  const marks: Array<[BedMark, string]> = [['free', 'wards.markFree'], ['reserved', 'wards.markReserved'], ['cleaning', 'wards.markCleaning']];
  return (
    <li className={`bed bed-${bed.state}`} data-testid="bed" data-bed={bed.label} data-state={bed.state}>
      <div className="bed-head">
        <strong className="bed-label">{bed.label}</strong>
        <span className="bed-state">{t(`wards.state_${bed.state}`)}</span>
        {bed.type && bed.type !== 'general' ? <small>{t(`wards.type_${bed.type}`)}</small> : null}
        {bed.type === null ? <small>{t('wards.notInSetup')}</small> : null}
      </div>
      {bed.state === 'conflict' ? <p className="hint">{t('wards.conflictHelp')}</p> : null}
      {bed.patients.map((a) => (
        <Link key={a.admission} href={`/admission/${a.admission}`} className="bed-patient">
          <strong>{a.person ? shownName(a.person, language) : a.patient}</strong>
          {a.person && today ? <> · {ageLabel({ kind: 'dob', dob: a.person.born }, a.person.registeredDay, today)} / {t(`patient.sex${a.person.sex}`)}</> : null}
          {a.mlc ? <span className="mlc-flag">{t('wards.mlcShort')}</span> : null}
          <br /><small>{a.admission} · {a.consultant}</small>
        </Link>
      ))}
      {bed.patients.filter((a) => a.elsewhere.length).map((a) => (
        <div key={`twice-${a.admission}`} data-testid="admitted-twice">
          {a.elsewhere.map((o) => (
            <p key={o.admission} className="conflict-flag">
              <Link href={`/admission/${o.admission}`}>{t('wards.alsoIn', { ward: o.ward, bed: o.bed, admission: o.admission })}</Link>
            </p>
          ))}
          <p className="hint">{t('wards.twiceHelp')}</p>
        </div>
      ))}
      {bed.patients.length === 0 && bed.type !== null ? (
        <div className="bed-marks">
          {marks.filter(([m]) => m !== bed.state).map(([m, key]) => (
            <button key={m} type="button" className="secondary" onClick={() => void mark(m)}>{t(key)}</button>
          ))}
        </div>
      ) : null}
    </li>
  );
}
