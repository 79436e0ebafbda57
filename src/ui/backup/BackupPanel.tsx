import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupDesk } from '../../device/backupDesk';
import type { SessionUser } from '../../device/desk';
import { useDesk, useLive } from '../services';
import { errorText } from '../shared/errors';
import { Field, FormError } from '../shared/Field';
import { useClock } from '../shared/useClock';
import { MakeBundle } from './MakeBundle';
import { ReadOnlyImport } from './ReadOnlyImport';

/** "This device": the backup key, the last bundle, what no bundle holds yet, and when to remind. */
export function BackupPanel({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const clock = useClock();
  const backups = useMemo(() => new BackupDesk(desk), [desk]);
  const status = useLive(() => backups.status(), [backups]);
  const every = useLive(() => backups.reminderSettings(), [backups]);
  const [keyText, setKeyText] = useState('');
  const [hours, setHours] = useState<string | null>(null);
  const [events, setEvents] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<string>) {
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <section className="backup" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <p>{t('backup.why')}</p>
      {/* The facts only once read: before, "Not set" and 0 would be false on a tablet with a key. */}
      {status === undefined ? <p aria-busy="true">{t('app.loading')}</p> : (
        <dl className="facts">
          <dt>{t('backup.key')}</dt>
          <dd data-testid="backup-key">{status.keyId ?? t('backup.noKey')}</dd>
          <dt>{t('backup.last')}</dt>
          <dd data-testid="last-bundle">{status.last ? t('backup.lastValue', { at: clock.dateTime(status.last.at), from: status.last.from, to: status.last.to }) : t('backup.never')}</dd>
          <dt>{t('backup.outside')}</dt>
          <dd data-testid="not-in-bundle">{status.notInBundle}</dd>
          <dt>{t('backup.fingerprint')}</dt>
          <dd data-testid="device-fingerprint">{status.fingerprint}</dd>
        </dl>
      )}
      {status?.restored ? (
        <p className="warning" data-testid="restored">
          {t('backup.restored', { count: status.restored.events, at: clock.dateTime(status.restored.lastAt) })}{' '}
          {t(status.restored.authorised ? 'backup.restoredAuthorised' : 'backup.restoredNotAuthorised')}
        </p>
      ) : null}
      <MakeBundle backups={backups} />

      <form className="narrow" noValidate onSubmit={(e) => { e.preventDefault(); void run(async () => t('backup.keySet', { id: await backups.setBackupKey(actor, keyText) })); }}>
        <Field label={t('backup.enterKey')} hint={t('backup.enterKeyHint')} value={keyText} onChange={(e) => setKeyText(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit" className="secondary">{t('backup.saveKey')}</button>
      </form>

      <form className="narrow" noValidate onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await backups.setReminderSettings(actor, { hours: hours ?? every?.hours, events: events ?? every?.events });
          return t('device.saved');
        });
      }}>
        <Field label={t('backup.remindHours')} inputMode="numeric" maxLength={3} value={hours ?? String(every?.hours ?? '')} onChange={(e) => setHours(e.target.value)} />
        <Field label={t('backup.remindEvents')} inputMode="numeric" maxLength={7} value={events ?? String(every?.events ?? '')} onChange={(e) => setEvents(e.target.value)} />
        <button type="submit" className="secondary">{t('backup.saveReminder')}</button>
      </form>
      {message ? <p className="ok" role="status">{message}</p> : null}
      <FormError text={error} />
      <ReadOnlyImport />
    </section>
  );
}
