import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../domain/backup/reminder';
import type { BackupDesk } from '../../device/backupDesk';
import { useDesk } from '../services';
import { MakeBundle } from './MakeBundle';

/**
 * After a login, when the device's events have gone too long outside any bundle (the setting on
 * "This device"; ReminderWhenDue reads whether they have): a reminder with the button itself, so
 * a clerk need not find an administrator. A bundle made here ends the reminder, but which file was
 * written (to find it on the stick) stays on screen until the clerk has read it and pressed OK.
 */
export function BackupReminder({ reminder }: { reminder: Reminder | null | undefined }) {
  const { t } = useTranslation();
  const desk = useDesk();
  // The bundle code (sealing, signing) loads only when one is made.
  const backups = useMemo<Pick<BackupDesk, 'make'>>(() => ({
    make: async (options) => new (await import('../../device/backupDesk')).BackupDesk(desk).make(options),
  }), [desk]);
  const [later, setLater] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  if (made) {
    return (
      <aside className="backup-reminder" data-testid="bundle-made">
        <p className="ok" role="status">{made}</p>
        <button type="button" className="secondary" onClick={() => setMade(null)}>{t('backup.dismiss')}</button>
      </aside>
    );
  }
  if (!reminder || later) return null;
  const text = reminder.reason === 'never' ? t('backup.remindNever', { count: reminder.events })
    : reminder.reason === 'hours' ? t('backup.remindHoursText', { hours: reminder.hours, count: reminder.events })
      : t('backup.remindEventsText', { count: reminder.events });
  return (
    <aside className="warning backup-reminder" role="alert" data-testid="bundle-reminder">
      <p>{text}</p>
      <MakeBundle backups={backups} onMade={setMade} />
      <button type="button" className="secondary" onClick={() => setLater(true)}>{t('backup.later')}</button>
    </aside>
  );
}
