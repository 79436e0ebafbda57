import { Suspense, useState } from 'react';
import { reminderOf } from '../../device/bundleReminder';
import { useLive } from '../services';
import { lazyScreen } from '../shared/lazyScreen';

const BackupReminder = lazyScreen('backup', () => import('./BackupReminder').then((m) => m.BackupReminder));

/**
 * The bundle reminder, whose screen and strings load when a reminder is first due: most logins
 * need neither (issue 15). Once shown it stays, so "bundle written to …" outlives the reminder.
 */
export function ReminderWhenDue() {
  // Read at every login, without the reminder's screen.
  const reminder = useLive((d) => reminderOf(d), []);
  const [due, setDue] = useState(false);
  if (reminder && !due) setDue(true);
  return due ? <Suspense fallback={null}><BackupReminder reminder={reminder} /></Suspense> : null;
}
