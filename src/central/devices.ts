import { randomBytes } from 'node:crypto';
import { DEVICE_CODE } from '../domain/device';
import type { BasicAuth } from './credentials';
import { StartupError } from './errors';
import { couchRequest, isRecord } from './http';

export const deviceAccount = (code: string) => `device-${code}`;

/**
 * One central account per enrolled device: role `device` makes it a member of the database, role
 * `device:<CODE>` is what validate_doc_update and the gateway check, so it can only add to its own
 * chain. Role `reader` (the administrator's device) may also pull every device's events through
 * the gateway. The password is returned once and never stored here.
 */
export async function addDevice(server: { url: string; auth: BasicAuth | null }, code: string, options: { reader?: boolean } = {}): Promise<BasicAuth> {
  if (!DEVICE_CODE.test(code)) throw new StartupError(`"${code}" is not a device code: 2–3 capital letters or digits, e.g. K7.`);
  const name = deviceAccount(code);
  const id = `org.couchdb.user:${name}`;
  const path = `_users/${encodeURIComponent(id)}`;
  const existing = await couchRequest(server.url, path, { auth: server.auth });
  if (existing.status === 200) throw new StartupError(`Device ${code} already has an account (${name}). Delete it on the server first to issue new credentials.`);
  if (existing.status === 401 || existing.status === 403) throw new StartupError(`Adding a device needs a server admin of ${server.url}.`);
  const password = randomBytes(18).toString('base64url');
  const res = await couchRequest(server.url, path, {
    method: 'PUT', auth: server.auth, body: { _id: id, name, type: 'user', roles: ['device', `device:${code}`, ...(options.reader ? ['reader'] : [])], password },
  });
  if (res.status !== 201 && res.status !== 202) {
    const why = isRecord(res.body) ? `${String(res.body.error)}: ${String(res.body.reason)}` : '';
    throw new StartupError(`The server refused to create ${name} (HTTP ${res.status} ${why}).`);
  }
  return { username: name, password };
}
