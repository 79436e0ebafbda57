import { departmentList, type Department } from '../domain/device';
import { RuleError, ValidationError } from '../domain/errors';
import { printerDpi } from '../domain/printer';
import { idleMinutes } from '../domain/users';
import { toIssues } from '../domain/validation';
import { checkNewUser, wrapForNewUser } from './keyHolders';
import { IDENTITY, SETTINGS, type DeskParts, type SessionUser } from './desk';
import type { DeviceIdentity, DeviceSettings } from './identity';

/*
 * The administrator's changes to this device: its departments, its users and its settings. The
 * Desk loads them when one is made, so no other role's session downloads them (issue 15).
 */

/** Replace the OPD departments and whom each sees: one event, then this device's identity. */
export async function updateDepartments(desk: DeskParts, actor: SessionUser, input: unknown): Promise<Department[]> {
  if (actor.role !== 'admin') throw new RuleError('adminOnly');
  const parsed = departmentList.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(toIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `departments.${i.path}` : 'departments' })), input, 'departments');
  }
  const { identity, projector } = await desk.context();
  await projector.record('departments.updated', { departments: parsed.data }, actor.name);
  const next: DeviceIdentity = { ...((await desk.identity()) ?? identity), departments: parsed.data };
  await desk.deps.db.settings.put({ key: IDENTITY, value: next });
  desk.identityChanged(next);
  return parsed.data;
}

export async function addUser(desk: DeskParts, actor: SessionUser, input: unknown): Promise<SessionUser> {
  const user = await checkNewUser(desk.deps, actor, input);
  const { projector } = await desk.context();
  const record = await wrapForNewUser(desk.deps, user);
  await projector.record('user.added', { name: user.name, role: user.role }, actor.name);
  await desk.deps.db.users.put(record);
  return { name: user.name, role: user.role };
}

export async function setPrinterDpi(desk: DeskParts, actor: SessionUser, value: unknown): Promise<DeviceSettings> {
  if (actor.role !== 'admin') throw new RuleError('adminOnly');
  const dpi = printerDpi(value);
  if (dpi === null) throw new ValidationError([{ path: 'printerDpi', code: 'notAllowed' }], value, 'settings');
  const next: DeviceSettings = { ...(await desk.settings()), printerDpi: dpi };
  await desk.deps.db.settings.put({ key: SETTINGS, value: next });
  return next;
}

export async function setPaper(desk: DeskParts, actor: SessionUser, paper: unknown): Promise<DeviceSettings> {
  if (actor.role !== 'admin') throw new RuleError('adminOnly');
  if (paper !== '80mm' && paper !== 'A6') throw new ValidationError([{ path: 'paper', code: 'notAllowed' }], paper, 'settings');
  const next: DeviceSettings = { ...(await desk.settings()), paper };
  await desk.deps.db.settings.put({ key: SETTINGS, value: next });
  return next;
}

export async function setIdleMinutes(desk: DeskParts, actor: SessionUser, value: unknown): Promise<DeviceSettings> {
  if (actor.role !== 'admin') throw new RuleError('adminOnly');
  const parsed = idleMinutes.safeParse(value);
  if (!parsed.success) throw new ValidationError(toIssues(parsed.error).map((i) => ({ ...i, path: 'idleMinutes' })), value, 'settings');
  const next = { ...(await desk.settings()), idleMinutes: parsed.data };
  await desk.deps.db.settings.put({ key: SETTINGS, value: next });
  return next;
}
