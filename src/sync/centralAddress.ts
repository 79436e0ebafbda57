import { DEFAULT_CENTRAL_URL } from './resync';

// The same rule as the server's DD_DB_NAME: a name that goes into a URL path unescaped.
const DB_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/**
 * The central database behind this app's own server, as its gateway names it in the welcome
 * (`downtime_desk.database`), so that a server started with DD_DB_NAME needs no typing on the
 * tablet. Anything unexpected (offline, another server) falls back to the default address.
 */
export async function discoverCentralUrl(fetchFn: typeof fetch = fetch): Promise<string> {
  try {
    const res = await fetchFn('/central/', { headers: { accept: 'application/json' }, credentials: 'omit', signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { downtime_desk?: { database?: unknown } } | null;
    const db = body?.downtime_desk?.database;
    return typeof db === 'string' && DB_NAME.test(db) ? `/central/${db}` : DEFAULT_CENTRAL_URL;
  } catch {
    return DEFAULT_CENTRAL_URL;
  }
}
