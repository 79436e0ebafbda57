import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { DISPOSITIONS, TRIAGE } from '../../domain/emergency/codes';
import { dispositionFields } from '../../domain/emergency/events';
import { parseWith } from '../../domain/validation';
import { ageLabel } from '../../domain/patients/age';
import { useEmergency, useLiveEmergency } from '../emergencyUseCases';
import { useSession } from '../session';
import { useToday } from '../desk/useToday';
import { errorText } from '../shared/errors';
import { Field, FormError, SelectField } from '../shared/Field';
import { useClock } from '../shared/useClock';
import { useDomainForm } from '../shared/useDomainForm';
import { useAskFirst } from '../shared/useAskFirst';
import { shownName } from './patientName';
import { TriageBadge } from './TriageBadge';
import { Loading } from '../shared/Loading';

/**
 * One emergency visit: who, how they came, the MLC details; triage (category first, so one
 * letter and Enter triage a patient) and the disposition, each an event. Identifying the
 * patient is a correction on the patient's page, which keeps the alias.
 */
export function VisitScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const entry = useLiveEmergency((er) => er.visit(id), [id]);
  const today = useToday();
  const clock = useClock();
  if (entry === undefined) return <Loading />;
  if (entry === null) return <main className="screen"><p className="form-error" role="alert">{t('errors.visitNotFound')}</p><Link href="/">{t('emergency.back')}</Link></main>;
  const { visit: v, patient: p } = entry;
  return (
    <main className="screen">
      <p><Link href="/">{t('emergency.back')}</Link></p>
      <h1>
        {p ? shownName(p, i18n.language) : v.patient}{' '}
        <small>{p && today ? `${ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, today)} / ${t(`patient.sex${p.sex}`)}` : ''}</small>
      </h1>
      <p>
        <TriageBadge category={v.category} /> <code data-testid="visit-id">{v.visit}</code> · <code>{v.patient}</code>
        {v.mlc ? <span className="mlc-flag">{t('emergency.mlcShort')}</span> : null}
      </p>
      <dl className="facts">
        <dt>{t('emergency.arrival')}</dt>
        <dd>{t(`emergency.arrival_${v.arrival}`)} · {t('emergency.arrivedAt', { at: clock.dateTime(v.arrivedAt) })}{v.broughtBy ? ` · ${v.broughtBy}` : ''}</dd>
        {v.mlc ? <><dt>{t('emergency.mlc')}</dt><dd>{[v.mlc.station, v.mlc.officer, v.mlc.entry].filter(Boolean).join(' · ')}</dd></> : null}
        {v.complaint ? <><dt>{t('emergency.complaint')}</dt><dd>{v.complaint}</dd></> : null}
        {v.triagedAt ? <><dt>{t('emergency.category')}</dt><dd>{t('emergency.triagedAt', { at: clock.dateTime(v.triagedAt), by: v.triagedBy })}{v.area ? ` · ${v.area}` : ''}</dd></> : null}
      </dl>
      <p><Link href={`~/patient/${v.patient}`}>{t('emergency.identify')}</Link></p>
      {v.status === 'open' ? (
        <>
          <TriageForm visit={v.visit} initial={v.category ?? ''} />
          <DispositionForm visit={v.visit} patient={v.patient} />
        </>
      ) : (
        <p className="ok" role="status">
          {t('emergency.disposed', { disposition: t(`emergency.disposition_${v.disposition}`), at: clock.dateTime(v.disposedAt!), by: v.disposedBy })}
          {v.note ? ` ${v.note}` : ''}
        </p>
      )}
    </main>
  );
}

function TriageForm({ visit, initial }: { visit: string; initial: string }) {
  const { t } = useTranslation();
  const er = useEmergency();
  const user = useSession((s) => s.user)!;
  const [saved, setSaved] = useState<string | null>(null);
  const form = useDomainForm<{ category: string; area: string; complaint: string }>({ defaultValues: { category: initial, area: '', complaint: '' } });
  const { register, formState: { errors: e, isSubmitting } } = form;
  const submit = form.submitWith(async (values) => {
    const row = await er.triage(user, visit, values);
    setSaved(t('emergency.triageSaved', { category: t(`emergency.category_${row.category}`) }));
  });
  return (
    <form onSubmit={submit} noValidate className="er-form">
      <h2>{t('emergency.category')}</h2>
      <div className="row">
        <SelectField label={t('emergency.category')} autoFocus={!initial} error={e.category?.message} {...register('category')}>
          <option value="" />
          {TRIAGE.map((c) => <option key={c} value={c}>{t(`emergency.category_${c}`)}</option>)}
        </SelectField>
        <Field label={t('emergency.area')} maxLength={40} autoComplete="off" error={e.area?.message} {...register('area')} />
        <Field label={t('emergency.complaint')} maxLength={200} autoComplete="off" error={e.complaint?.message} {...register('complaint')} />
      </div>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      {saved ? <p className="ok" role="status">{saved}</p> : null}
      <div className="actions"><button type="submit" className="primary" disabled={isSubmitting}>{t('emergency.saveTriage')}</button></div>
    </form>
  );
}

/**
 * The disposition closes the visit for good, so it is asked twice: the first Enter (or the
 * button) checks the choice and asks; "Yes, record it" has the focus, so a second Enter records
 * it, and Escape or "Go back" returns to the choice with nothing written.
 */
function DispositionForm({ visit, patient }: { visit: string; patient: string }) {
  const { t } = useTranslation();
  const er = useEmergency();
  const user = useSession((s) => s.user)!;
  const form = useDomainForm<{ disposition: string; note: string }>({ defaultValues: { disposition: '', note: '' } });
  const { register, formState: { errors: e, isSubmitting } } = form;
  const [, navigate] = useLocation();
  // "Admitted to ward" leads straight to the admit form for this patient, from this visit.
  const { asking, busy, ask, back, record } = useAskFirst(form, 'disposition',
    (values) => parseWith(dispositionFields, values, 'disposition'),
    async (values) => {
      const row = await er.dispose(user, visit, values);
      if (row.disposition === 'admitted') navigate(`~/wards/admit/${patient}/from/${visit}`);
    });
  return (
    <form onSubmit={ask} noValidate className="er-form">
      <h2>{t('emergency.disposition')}</h2>
      <div className="row">
        <SelectField label={t('emergency.disposition')} disabled={asking !== null} error={e.disposition?.message} {...register('disposition')}>
          <option value="" />
          {DISPOSITIONS.map((d) => <option key={d} value={d}>{t(`emergency.disposition_${d}`)}</option>)}
        </SelectField>
        <Field label={t('emergency.note')} maxLength={200} autoComplete="off" readOnly={asking !== null} error={e.note?.message} {...register('note')} />
      </div>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      {/* Hidden, not unmounted, while asking, so that the focus moves to the question. */}
      <div className="actions" hidden={asking !== null}><button type="submit" className="secondary" disabled={isSubmitting}>{t('emergency.dispose')}</button></div>
      {asking ? (
        <div className="warning" role="alert" onKeyDown={(ev) => { if (ev.key === 'Escape') back(); }}>
          <p>{t('emergency.confirmDisposition', { disposition: t(`emergency.disposition_${asking.disposition}`) })}</p>
          <div className="actions">
            <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void record()}>{t('emergency.confirmYes')}</button>
            <button type="button" className="secondary" disabled={busy} onClick={back}>{t('emergency.confirmBack')}</button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
