import type { ProxyOptions } from 'vite';

export const CENTRAL_PREFIX = '/central';

/**
 * Which store paths the browser may reach: the server welcome, sessions and the one database.
 * Narrow on purpose: pouchdb-server 4.2 crashes on a `PUT /<new database>` from a non-admin, and
 * nothing in the app needs `_config`, `_all_dbs` or other databases.
 */
export function isAllowedCentralPath(path: string, db: string): boolean {
  const rest = path.slice(CENTRAL_PREFIX.length).split('?')[0] ?? '';
  return rest === '' || rest === '/' || rest === '/_session' || rest === `/${db}` || rest.startsWith(`/${db}/`);
}

/**
 * `/central/...` on the app's own origin is forwarded to the central store, so the browser needs no
 * CORS and the store's port stays on 127.0.0.1. No credentials are added: each device logs in with
 * its own account, so validate_doc_update sees the device's roles, and whoever reaches the app port
 * gains nothing. The administrator credentials of DD_CENTRAL_URL serve the set-up only.
 */
export function centralProxy(target: string, db: string): Record<string, ProxyOptions> {
  return {
    [`^${CENTRAL_PREFIX}(/|\\?|$)`]: {
      target,
      changeOrigin: true,
      rewrite: (path) => {
        const rest = path.slice(CENTRAL_PREFIX.length);
        return rest.startsWith('/') ? rest : `/${rest}`;
      },
      bypass: (req) => (isAllowedCentralPath(req.url ?? '', db) ? undefined : false),
    },
  };
}
