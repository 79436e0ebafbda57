import { canonicalJson } from '../domain/canonicalJson';
import type { BasicAuth } from './credentials';
import { buildDesignDoc, DESIGN_DOC_ID } from './designDoc';
import { StartupError } from './errors';
import { couchRequest, isRecord, type JsonResponse } from './http';

export interface SetupTarget {
  /** Credential-free base URL of a CouchDB 3 server (or the embedded store), ending in `/`. */
  url: string;
  db: string;
  auth: BasicAuth | null;
}

export interface SetupResult {
  database: 'created' | 'existed';
  designDoc: 'created' | 'updated' | 'unchanged';
  security: 'set' | 'unchanged';
}

/**
 * Who may use the database. CouchDB roles cannot be wildcards, so every device account carries the
 * plain role `device` (to be a member: read, write, replicate) besides `device:<CODE>` (checked by
 * validate_doc_update). Database admins may replace design documents, i.e. switch validation off,
 * so only server admins are; `_admin` in both lists is what CouchDB 3 itself writes for an
 * admin-only database (server admins pass anyway).
 */
export const SECURITY = {
  admins: { names: [], roles: ['_admin'] },
  members: { names: [], roles: ['_admin', 'device'] },
};

function fail(target: SetupTarget, what: string, res: JsonResponse): never {
  const reason = isRecord(res.body) ? ` ${String(res.body.error)}: ${String(res.body.reason)}` : '';
  throw new StartupError(`Set-up of ${target.url}${target.db} failed to ${what} (HTTP ${res.status}${reason}).`);
}

async function checkServer(target: SetupTarget) {
  const { url, auth } = target;
  const welcome = await couchRequest(url, '', { auth });
  if (welcome.status === 401) {
    throw new StartupError(`The central store at ${url} refused the credentials: put an admin's name and password in the URL (http://name:password@host:5984/).`);
  }
  if (!isRecord(welcome.body) || !('couchdb' in welcome.body || 'express-pouchdb' in welcome.body)) {
    throw new StartupError(`${url} does not answer like a CouchDB server (HTTP ${welcome.status}): check the address and port.`);
  }
  const session = await couchRequest(url, '_session', { auth });
  const ctx = isRecord(session.body) && isRecord(session.body.userCtx) ? session.body.userCtx : null;
  if (!ctx || !Array.isArray(ctx.roles) || !ctx.roles.includes('_admin')) {
    const who = auth ? `"${auth.username}"` : 'an anonymous user';
    throw new StartupError(`Set-up needs a server admin of ${url}, but ${who} is not one: use an admin's name and password.`);
  }
}

async function ensureDatabase(target: SetupTarget): Promise<SetupResult['database']> {
  const res = await couchRequest(target.url, target.db, { method: 'PUT', auth: target.auth });
  if (res.status === 201 || res.status === 202) return 'created';
  if (res.status === 412) return 'existed';
  return fail(target, 'create the database', res);
}

async function ensureDesignDoc(target: SetupTarget): Promise<SetupResult['designDoc']> {
  const path = `${target.db}/${DESIGN_DOC_ID}`;
  const wanted = buildDesignDoc();
  const current = await couchRequest(target.url, path, { auth: target.auth });
  let rev: string | undefined;
  if (current.status === 200 && isRecord(current.body)) {
    const { _id, _rev, ...stored } = current.body;
    const { _id: _wantedId, ...fields } = wanted;
    // Rewriting an unchanged design doc would make CouchDB rebuild its views for nothing.
    if (canonicalJson(stored) === canonicalJson(fields)) return 'unchanged';
    rev = String(_rev);
  } else if (current.status !== 404) {
    return fail(target, 'read the design document', current);
  }
  const body = rev === undefined ? wanted : { ...wanted, _rev: rev };
  const res = await couchRequest(target.url, path, { method: 'PUT', auth: target.auth, body });
  if (res.status !== 201 && res.status !== 202) return fail(target, 'write the design document', res);
  return rev === undefined ? 'created' : 'updated';
}

async function ensureSecurity(target: SetupTarget): Promise<SetupResult['security']> {
  const path = `${target.db}/_security`;
  const current = await couchRequest(target.url, path, { auth: target.auth });
  if (current.status === 200 && canonicalJson(current.body) === canonicalJson(SECURITY)) return 'unchanged';
  const res = await couchRequest(target.url, path, { method: 'PUT', auth: target.auth, body: SECURITY });
  if (res.status !== 200) return fail(target, 'set the database security', res);
  return 'set';
}

/**
 * Prepare a central store for Downtime Desk: database, design document, security. Idempotent, and
 * only the standard CouchDB 3 HTTP API, so the same set-up serves the embedded store and CouchDB.
 */
export async function setupCentral(target: SetupTarget): Promise<SetupResult> {
  await checkServer(target);
  const database = await ensureDatabase(target);
  const designDoc = await ensureDesignDoc(target);
  const security = await ensureSecurity(target);
  return { database, designDoc, security };
}
