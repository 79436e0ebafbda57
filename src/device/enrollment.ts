import { enrollment as enrollmentSchema, type Enrollment } from '../domain/device';
import { RuleError, ValidationError, type Issue } from '../domain/errors';
import { newUser } from '../domain/users';
import { toIssues } from '../domain/validation';
import { keySettings, newKeys } from './keyHolders';
import { IDENTITY, type DeskParts, type EnrollInput, type SessionUser } from './desk';
import type { EventLog } from './eventLog';
import type { DeviceIdentity } from './identity';

// Once per tablet: the Desk loads this when an administrator enrolls it (issue 15).

/** Enroll and log the administrator in, with the recovery code to show (see RECOVERY_PENDING). */
export async function enroll(desk: DeskParts, input: EnrollInput, options: { restore?: (log: EventLog) => Promise<void> } = {}): Promise<SessionUser & { recoveryCode: string }> {
  const issues: Issue[] = [];
  const e = enrollmentSchema.safeParse(input.enrollment);
  if (!e.success) issues.push(...toIssues(e.error).map((i) => ({ ...i, path: `enrollment.${i.path}` })));
  const a = newUser.safeParse({ ...(input.admin as object), role: 'admin' });
  if (!a.success) issues.push(...toIssues(a.error).map((i) => ({ ...i, path: `admin.${i.path}` })));
  if (issues.length || !e.success || !a.success) throw new ValidationError(issues, input, 'enrollment');
  if (await desk.identity()) throw new RuleError('alreadyEnrolled');

  const enrollment: Enrollment = e.data;
  const admin = a.data;
  const made = await newKeys(desk.deps, admin.name, 'admin', admin.pin, 'none');
  await desk.deps.keyRing.open(made.dataKey);
  const { log, projector } = await desk.openLog(enrollment.code);
  // A replacement tablet: the lost one's events first, so this device's own continue its sequence.
  if (options.restore) await options.restore(log);
  await log.appendMany([
    { type: 'device.enrolled', data: enrollment },
    { type: 'user.added', data: { name: admin.name, role: 'admin' } },
  ], admin.name);
  const now = desk.deps.now().toISOString();
  const identity: DeviceIdentity = { ...enrollment, enrolledAt: now };
  await desk.deps.db.transaction('rw', desk.deps.db.settings, desk.deps.db.users, async () => {
    await desk.deps.db.settings.bulkPut([...keySettings(made), { key: IDENTITY, value: identity }]);
    await desk.deps.db.users.put(made.user);
  });
  await projector.catchUp();
  return { name: admin.name, role: 'admin', recoveryCode: made.recoveryCode };
}
