import { ALL_CLEAR_ID } from '../domain/sync/gate';
import { cleanText } from '../domain/text';
import type { SetupTarget } from './setup';
import { StartupError } from './errors';
import { couchRequest, isRecord } from './http';

/**
 * Declare the network clean: the marker devices look for before they send anything. Declaring
 * again moves its time forward (for a later incident); the document's history keeps the earlier one.
 */
export async function declareAllClear(target: SetupTarget, by: string, at: Date = new Date()): Promise<{ at: string; by: string }> {
  const who = cleanText(by);
  if (!who || who.length > 80) throw new StartupError('all-clear needs --by "<name of the person declaring the network clean>" (at most 80 characters).');
  const path = `${target.db}/${ALL_CLEAR_ID}`;
  const current = await couchRequest(target.url, path, { auth: target.auth });
  const rev = current.status === 200 && isRecord(current.body) ? current.body._rev : undefined;
  const marker = { _id: ALL_CLEAR_ID, type: 'allclear', at: at.toISOString(), by: who, ...(rev ? { _rev: rev } : {}) };
  const res = await couchRequest(target.url, path, { method: 'PUT', auth: target.auth, body: marker });
  if (res.status !== 201 && res.status !== 202) throw new StartupError(`The central store refused the all-clear (HTTP ${res.status}): use a server admin's credentials.`);
  return { at: marker.at, by: who };
}
