import { bundleReminder, DEFAULT_REMINDER, type Reminder, type ReminderSettings } from '../domain/backup/reminder';
import type { DeskDb } from './db';
import type { Desk } from './desk';

/*
 * What a login needs of the backup bundles: whether to remind. Apart from backupDesk.ts, whose
 * sealing, signing and reading of bundles load only when a bundle is made or read (issue 15).
 */

export const LAST_BUNDLE = 'lastBundle';
export const REMINDER = 'bundleReminder';

export interface LastBundle {
  from: number;
  to: number;
  at: string;
  fileName: string;
}

export async function lastBundleOf(db: DeskDb): Promise<LastBundle | null> {
  return ((await db.settings.get(LAST_BUNDLE))?.value as LastBundle | undefined) ?? null;
}

export async function reminderSettingsOf(db: DeskDb): Promise<ReminderSettings> {
  return ((await db.settings.get(REMINDER))?.value as ReminderSettings | undefined) ?? DEFAULT_REMINDER;
}

/** This device's events in no bundle yet. */
export const notInBundle = (headSeq: number | undefined, last: LastBundle | null) => Math.max(0, (headSeq ?? 0) - (last?.to ?? 0));

/** What a login shows: a reminder when the device's events have gone too long outside any bundle. */
export async function reminderOf(desk: Desk): Promise<Reminder | null> {
  const { identity, log } = await desk.context();
  const [head, last, every] = await Promise.all([log.head(), lastBundleOf(desk.db), reminderSettingsOf(desk.db)]);
  return bundleReminder({ lastAt: last?.at ?? null, enrolledAt: identity.enrolledAt, notInBundle: notInBundle(head?.seq, last), now: desk.now(), every });
}
