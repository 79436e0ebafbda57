import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainReport } from '../../domain/events/chain';
import type { SessionUser } from '../../device/desk';
import { requestPersistence, type StorageStatus } from '../../device/storageStatus';
import { useDesk, useLive } from '../services';
import { errorText } from '../shared/errors';
import { Field, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { formatBytes } from './formatBytes';
import { DepartmentsForm } from './DepartmentsForm';
import { WardsForm } from './WardsForm';
import { PrinterSettings } from './PrinterSettings';
import { BackupPanel } from '../backup/BackupPanel';

/** The administrator's view of the tablet itself: identity, storage safety, log integrity. */
export function DeviceScreen({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const identity = useLive((d) => d.identity(), []);
  // Undefined until read (identity first): a count shown before then would be a false 0.
  const events = useLive(async (d) => (identity ? (await d.devices()).find((r) => r.code === identity.code)?.eventCount ?? 0 : undefined), [identity?.code]);
  const rejects = useLive((d) => d.rejectCount(), []);
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const [report, setReport] = useState<ChainReport | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useDomainForm<{ idleMinutes: string }>({ defaultValues: { idleMinutes: '' } });

  useEffect(() => {
    void desk.storageStatus().then(setStorage);
    void desk.settings().then((s) => form.reset({ idleMinutes: String(s.idleMinutes) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [desk]);

  async function askPersistence() {
    await requestPersistence();
    setStorage(await desk.storageStatus());
  }

  async function verify() {
    setVerifying(true);
    setError(null);
    try {
      setReport(await desk.verifyOwnChain());
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setVerifying(false);
    }
  }

  const saveIdle = form.submitWith(async ({ idleMinutes }) => {
    setSaved(false);
    await desk.setIdleMinutes(actor, idleMinutes.trim() === '' ? undefined : idleMinutes);
    setSaved(true);
  });

  const percent = storage?.usage !== undefined && storage.quota ? ((storage.usage / storage.quota) * 100).toFixed(1) : null;

  return (
    <main className="screen">
      <h1>{t('device.title')}</h1>
      <dl className="facts">
        <dt>{t('device.code')}</dt><dd data-testid="device-code">{identity?.code}</dd>
        <dt>{t('device.hospital')}</dt><dd>{identity?.hospital}</dd>
        <dt>{t('device.events')}</dt><dd data-testid="event-count" aria-busy={events === undefined}>{events ?? t('app.loading')}</dd>
        <dt>{t('device.persisted')}</dt>
        <dd data-testid="persisted">
          {storage?.persisted === true ? t('device.granted') : storage?.persisted === false ? t('device.denied') : t('device.unknown')}
          {storage?.persisted === false ? <> <button type="button" className="secondary" onClick={askPersistence}>{t('device.ask')}</button></> : null}
        </dd>
        <dt>{t('device.usage')}</dt>
        <dd data-testid="usage">
          {percent !== null ? t('device.usageValue', { used: formatBytes(storage!.usage!), quota: formatBytes(storage!.quota!), percent }) : t('device.unknown')}
        </dd>
      </dl>
      {storage?.level === 'warn' || storage?.level === 'critical' ? <p className="warning" role="alert">{t(`device.${storage.level}`)}</p> : null}
      {rejects ? <p className="warning">{t('device.rejects', { count: rejects })}</p> : null}

      <button type="button" className="primary" onClick={verify} disabled={verifying}>{verifying ? t('device.verifying') : t('device.verify')}</button>
      {report ? (
        <p className={report.ok ? 'ok' : 'warning'} role="status" data-testid="chain-report">
          {report.ok
            ? t('device.chainOk', { count: report.count, device: report.device })
            : t('device.chainBroken', { seq: report.break.seq, kind: report.break.kind, detail: report.break.detail })}
        </p>
      ) : null}
      <FormError text={error} />

      <BackupPanel actor={actor} />
      <PrinterSettings actor={actor} />
      {identity ? <DepartmentsForm key={identity.code} actor={actor} departments={identity.departments} /> : null}
      {identity ? <WardsForm actor={actor} /> : null}

      <form onSubmit={saveIdle} noValidate className="narrow">
        <Field label={t('device.idle')} inputMode="numeric" maxLength={3} error={form.formState.errors.idleMinutes?.message}
          {...form.register('idleMinutes', { onChange: () => setSaved(false) })} />
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        {saved ? <p className="ok" role="status">{t('device.saved')}</p> : null}
        <button type="submit" className="secondary">{t('device.save')}</button>
      </form>
    </main>
  );
}
