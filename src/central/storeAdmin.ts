import { ADMIN_NAME, generateAndSavePassword, passwordFile, readSavedPassword } from './adminPassword';
import type { BasicAuth } from './credentials';
import { StartupError } from './errors';
import { couchRequest, isRecord } from './http';

/**
 * Make sure the embedded store has the server admin `admin` and that we hold its password.
 * Out of the box it is in "admin party" mode (anyone may change anything); it stays so only for the
 * moment between its start and this call, on 127.0.0.1.
 * `/_config` is express-pouchdb's (and CouchDB 1's) API: this is for the embedded store only.
 */
export async function ensureStoreAdmin(
  url: string,
  dataDir: string,
  envPassword: string | null,
  log: (line: string) => void,
): Promise<BasicAuth> {
  let password = envPassword ?? readSavedPassword(dataDir);
  const source = envPassword !== null ? 'DD_ADMIN_PASSWORD' : passwordFile(dataDir);

  // Without credentials, `GET /_config/admins` answers 200 only while there is no admin at all.
  const party = await couchRequest(url, '_config/admins');
  if (party.status === 200 && isRecord(party.body) && Object.keys(party.body).length === 0) {
    if (password === null) {
      password = generateAndSavePassword(dataDir);
      log(`Created the store admin "${ADMIN_NAME}" with password ${password} (saved in ${passwordFile(dataDir)}, readable only by you).`);
    }
    const created = await couchRequest(url, `_config/admins/${ADMIN_NAME}`, { method: 'PUT', body: password });
    if (created.status !== 200) {
      throw new StartupError(`The embedded store refused to create its admin (HTTP ${created.status}): see ${dataDir}/log.txt.`);
    }
  }
  if (password === null) {
    throw new StartupError(`The embedded store in ${dataDir} already has an admin but ${passwordFile(dataDir)} is missing: set DD_ADMIN_PASSWORD to that admin's password.`);
  }

  const auth = { username: ADMIN_NAME, password };
  const session = await couchRequest(url, '_session', { auth });
  const roles = isRecord(session.body) && isRecord(session.body.userCtx) ? session.body.userCtx.roles : null;
  if (session.status !== 200 || !Array.isArray(roles) || !roles.includes('_admin')) {
    throw new StartupError(`The embedded store in ${dataDir} rejects the admin password from ${source}: put the right password there${envPassword !== null ? '' : ' or set DD_ADMIN_PASSWORD'}.`);
  }
  return auth;
}
