import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ageLabel } from '../../domain/patients/age';
import { DISCHARGES } from '../../domain/wards/codes';
import { enteredInErrorFields } from '../../domain/wards/events';
import { parseWith } from '../../domain/validation';
import { useLiveWards, useWards } from '../wardUseCases';
import { useSession } from '../session';
import { useToday } from '../desk/useToday';
import { errorText } from '../shared/errors';
import { Field, FormError, SelectField } from '../shared/Field';
import { useClock } from '../shared/useClock';
import { useDomainForm } from '../shared/useDomainForm';
import { useAskFirst } from '../shared/useAskFirst';
import { shownName } from '../emergency/patientName';
import { useDesk } from '../services';
import { printWristbandFor } from './printWristband';
import { wardName } from './wardName';
import { Loading } from '../shared/Loading';

/** One admission: who, where now and where before, how they came; transfer and discharge, each an event. */
export function AdmissionScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const entry = useLiveWards((w) => w.admission(id), [id]);
  const today = useToday();
  const clock = useClock();
  if (entry === undefined) return <Loading />;
  if (entry === null) return <main className="screen"><p className="form-error" role="alert">{t('errors.admissionNotFound')}</p><Link href="/">{t('wards.back')}</Link></main>;
  const { admission: a, patient: p } = entry;
  return (
    <main className="screen">
      <p><Link href={`/ward/${a.ward}`}>{t('wards.board')} {a.ward}</Link> · <Link href="/">{t('wards.back')}</Link></p>
      <h1>
        {p ? shownName(p, i18n.language) : a.patient}{' '}
        <small>{p && today ? `${ageLabel({ kind: 'dob', dob: p.born }, p.registeredDay, today)} / ${t(`patient.sex${p.sex}`)}` : ''}</small>
      </h1>
      <p>
        {t('wards.ipNumber')} <code data-testid="admission-id">{a.admission}</code> · <Link href={`~/patient/${a.patient}`}><code>{a.patient}</code></Link>
        {a.mlc ? <span className="mlc-flag">{t('wards.mlcShort')}</span> : null}
      </p>
      <p className="place" data-testid="admission-place"><strong>{t('wards.place', { ward: a.ward, bed: a.bed })}</strong></p>
      <WristbandButton admission={a.admission} prints={a.wristbands ?? 0} />
      <dl className="facts">
        <dt>{t('wards.admission')}</dt>
        <dd>{t('wards.admittedAt', { at: clock.dateTime(a.admittedAt), by: a.admittedBy })} · {t(`wards.source_${a.source}`)}{a.visit ? ` (${a.visit})` : ''}</dd>
        <dt>{t('wards.dept')}</dt><dd>{a.dept} · {a.consultant}</dd>
        <dt>{t('wards.diagnosis')}</dt><dd>{a.diagnosis}</dd>
        <dt>{t('wards.moves')}</dt>
        <dd><ul className="history">{a.moves.map((m, i) => <li key={i}>{t('wards.moveLine', { at: clock.dateTime(m.at), ward: m.ward, bed: m.bed, by: m.by })}</li>)}</ul></dd>
      </dl>
      {a.status === 'admitted' ? (
        <>
          <TransferForm admission={a.admission} ward={a.ward} language={i18n.language} />
          <DischargeForm admission={a.admission} />
          <EnteredInErrorForm admission={a.admission} bed={`${a.ward} ${a.bed}`} />
        </>
      ) : a.status === 'enteredInError' ? (
        <p className="warning" role="status" data-testid="admission-in-error">
          {t('wards.inErrorLine', { at: clock.dateTime(a.errorAt!), by: a.errorBy, reason: a.errorReason })}
        </p>
      ) : (
        <p className="ok" role="status">
          {t('wards.discharged', { outcome: t(`wards.outcome_${a.outcome}`), at: clock.dateTime(a.dischargedAt!), by: a.dischargedBy })}
          {a.diedAt ? ` ${t('wards.diedAt', { at: clock.dateTime(a.diedAt) })}.` : ''}
          {a.note ? ` ${a.note}` : ''}
        </p>
      )}
    </main>
  );
}

function TransferForm({ admission, ward, language }: { admission: string; ward: string; language: string }) {
  const { t } = useTranslation();
  const wards = useWards();
  const user = useSession((s) => s.user)!;
  const form = useDomainForm<{ ward: string; bed: string }>({ defaultValues: { ward, bed: '' } });
  const { register, watch, formState: { errors: e, isSubmitting } } = form;
  const to = watch('ward');
  const options = useLiveWards(async (w) => ({ wards: await w.wards(), board: to ? await w.board(to) : null }), [to]);
  const free = (options?.board?.beds ?? []).filter((b) => b.type !== null && b.patients.length === 0);
  const submit = form.submitWith(async (values) => {
    await wards.transfer(user, admission, values);
    form.reset({ ward: values.ward, bed: '' });
  });
  return (
    <form onSubmit={submit} noValidate className="er-form">
      <h2>{t('wards.transfer')}</h2>
      <div className="row">
        <SelectField label={t('wards.toWard')} error={e.ward?.message} {...register('ward')}>
          {(options?.wards ?? []).map((w) => <option key={w.ward} value={w.ward}>{w.ward} · {wardName(w, language)}</option>)}
        </SelectField>
        <SelectField label={t('wards.toBed')} error={e.bed?.message} {...register('bed')}>
          <option value="" />
          {free.map((b) => <option key={b.label} value={b.label}>{b.label}{b.state !== 'free' ? ` · ${t(`wards.state_${b.state}`)}` : ''}</option>)}
        </SelectField>
      </div>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      <div className="actions"><button type="submit" className="secondary" disabled={isSubmitting}>{t('wards.transfer')}</button></div>
    </form>
  );
}

function DischargeForm({ admission }: { admission: string }) {
  const { t } = useTranslation();
  const wards = useWards();
  const user = useSession((s) => s.user)!;
  const form = useDomainForm<{ outcome: string; diedTime: string; note: string }>({ defaultValues: { outcome: '', diedTime: '', note: '' } });
  const { register, watch, formState: { errors: e, isSubmitting } } = form;
  const death = watch('outcome') === 'death';
  const submit = form.submitWith(async (values) => { await wards.discharge(user, admission, values); });
  return (
    <form onSubmit={submit} noValidate className="er-form">
      <h2>{t('wards.discharge')}</h2>
      <div className="row">
        <SelectField label={t('wards.outcome')} error={e.outcome?.message} {...register('outcome')}>
          <option value="" />
          {DISCHARGES.map((d) => <option key={d} value={d}>{t(`wards.outcome_${d}`)}</option>)}
        </SelectField>
        {death ? <Field label={t('wards.diedTime')} inputMode="numeric" maxLength={5} autoComplete="off" error={e.diedTime?.message} {...register('diedTime')} /> : null}
        <Field label={t('wards.note')} maxLength={200} autoComplete="off" error={e.note?.message} {...register('note')} />
      </div>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      <div className="actions"><button type="submit" className="secondary" disabled={isSubmitting}>{t('wards.discharge')}</button></div>
    </form>
  );
}

/**
 * An admission that should never have been recorded: asked twice, like an emergency
 * disposition. The first Enter checks the reason and asks; "Yes, mark it" has the focus, so a
 * second Enter records it, and Escape or "Go back" returns with nothing written.
 */
function EnteredInErrorForm({ admission, bed }: { admission: string; bed: string }) {
  const { t } = useTranslation();
  const wards = useWards();
  const user = useSession((s) => s.user)!;
  const form = useDomainForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const { register, formState: { errors: e, isSubmitting } } = form;
  const { asking, busy, ask, back, record } = useAskFirst(form, 'reason',
    (values) => parseWith(enteredInErrorFields, values, 'enteredInError'),
    (values) => wards.enteredInError(user, admission, values).then(() => undefined));
  return (
    <form onSubmit={ask} noValidate className="er-form" aria-label={t('wards.enteredInError')}>
      <h2>{t('wards.enteredInError')}</h2>
      <p className="hint">{t('wards.errorHelp')}</p>
      <div className="row">
        <Field label={t('wards.errorReason')} maxLength={200} autoComplete="off" readOnly={asking !== null} error={e.reason?.message} {...register('reason')} />
      </div>
      <FormError text={form.formError ? errorText(form.formError, t) : null} />
      {/* Hidden, not unmounted, while asking, so that the focus moves to the question. */}
      <div className="actions" hidden={asking !== null}><button type="submit" className="secondary" disabled={isSubmitting}>{t('wards.markInError')}</button></div>
      {asking ? (
        <div className="warning" role="alert" onKeyDown={(ev) => { if (ev.key === 'Escape') back(); }}>
          <p>{t('wards.confirmInError', { admission, bed })}</p>
          <div className="actions">
            <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void record()}>{t('wards.confirmYes')}</button>
            <button type="button" className="secondary" disabled={busy} onClick={back}>{t('wards.confirmBack')}</button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

/** Prints the wristband (recorded first, so a reprint says so) on the band printer at the device's resolution. */
function WristbandButton({ admission, prints }: { admission: string; prints: number }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const wards = useWards();
  const user = useSession((s) => s.user)!;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setError(null);
    setBusy(true);
    try {
      const [identity, settings] = await Promise.all([desk.identity(), desk.settings()]);
      if (!identity) return;
      await printWristbandFor({ wards, actor: user, admission, hospital: identity.hospital, timeZone: identity.timeZone, dpi: settings.printerDpi, now: desk.now() });
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="er-actions">
      <button type="button" className="secondary" disabled={busy} onClick={() => void print()}>{t('wards.printWristband')}</button>
      {prints ? <span className="hint">{t('wards.wristbands', { count: prints })}</span> : null}
      <FormError text={error} />
    </div>
  );
}
