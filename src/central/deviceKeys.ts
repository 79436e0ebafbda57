import { DEVICE_CODE } from '../domain/device';
import { deviceKeyId } from '../domain/sync/signedHead';
import { cleanText } from '../domain/text';
import { StartupError } from './errors';
import { couchRequest, isRecord } from './http';
import type { SetupTarget } from './setup';

/**
 * Forget the key registered for a device code (a tablet replaced, or reset), so that the next
 * tablet to open its gate with that code registers its own. The old key is kept in a record of
 * the replacement, saying who did it and when: `verify` then tells the old tablet's signed heads
 * from the new one's only through that record, which is the point.
 */
export async function replaceDeviceKey(target: SetupTarget, code: string, by: string, at: Date = new Date()): Promise<{ replaced: boolean }> {
  if (!DEVICE_CODE.test(code)) throw new StartupError(`"${code}" is not a device code: 2–3 capital letters or digits, e.g. K7.`);
  const who = cleanText(by);
  if (!who || who.length > 80) throw new StartupError('replace-device-key needs --by "<name of the person replacing the key>" (at most 80 characters).');
  const path = `${target.db}/${encodeURIComponent(deviceKeyId(code))}`;
  const current = await couchRequest(target.url, path, { auth: target.auth });
  if (current.status === 404) return { replaced: false };
  if (current.status !== 200 || !isRecord(current.body)) throw new StartupError(`Cannot read the key of device ${code} (HTTP ${current.status}): use a server admin's credentials.`);
  const record = { _id: `devicekey-replaced:${code}:${at.toISOString()}`, type: 'device-key-replaced', device: code, by: who, at: at.toISOString(), oldKey: current.body.publicKey, registeredAt: current.body.registeredAt };
  const saved = await couchRequest(target.url, `${target.db}/${encodeURIComponent(record._id)}`, { method: 'PUT', auth: target.auth, body: record });
  if (saved.status !== 201 && saved.status !== 202) throw new StartupError(`The central store refused the replacement record (HTTP ${saved.status}).`);
  const removed = await couchRequest(target.url, `${path}?rev=${encodeURIComponent(String(current.body._rev))}`, { method: 'DELETE', auth: target.auth });
  if (removed.status !== 200 && removed.status !== 202) throw new StartupError(`The central store refused to remove the old key (HTTP ${removed.status}).`);
  return { replaced: true };
}
