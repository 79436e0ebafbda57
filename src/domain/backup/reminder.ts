import * as z from 'zod/mini';

/** When to remind: after this many hours since the last bundle, or this many events outside any. */
export const reminderSettings = z.strictObject({
  hours: z.coerce.number({ error: 'number' }).check(z.int('number'), z.gte(1, 'reminderHours'), z.lte(24 * 14, 'reminderHours')),
  events: z.coerce.number({ error: 'number' }).check(z.int('number'), z.gte(1, 'reminderEvents'), z.lte(1_000_000, 'reminderEvents')),
});
export type ReminderSettings = z.output<typeof reminderSettings>;
export const DEFAULT_REMINDER: ReminderSettings = { hours: 12, events: 500 };

export type Reminder =
  | { reason: 'never'; events: number }
  | { reason: 'hours'; hours: number; events: number }
  | { reason: 'events'; hours: number; events: number };

/**
 * Whether a login should remind the user to make a bundle. A device with no events needs none;
 * one that never made a bundle is reminded once it holds as many events as the setting says or
 * has been enrolled that many hours.
 */
export function bundleReminder(args: { lastAt: string | null; enrolledAt: string; notInBundle: number; now: Date; every: ReminderSettings }): Reminder | null {
  const { notInBundle: events, every } = args;
  if (events === 0) return null;
  const since = args.lastAt ?? args.enrolledAt;
  const hours = Math.floor((args.now.getTime() - Date.parse(since)) / 3_600_000);
  if (events >= every.events) return args.lastAt ? { reason: 'events', hours, events } : { reason: 'never', events };
  if (hours >= every.hours) return args.lastAt ? { reason: 'hours', hours, events } : { reason: 'never', events };
  return null;
}
