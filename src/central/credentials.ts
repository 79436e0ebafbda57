export interface BasicAuth {
  username: string;
  password: string;
}

/**
 * Split `http://user:pass@host/` into a credential-free URL and the credentials: fetch refuses URLs
 * that carry credentials, and the bare URL is safe to print and to log.
 */
export function splitCredentials(url: URL): { url: string; auth: BasicAuth | null } {
  const bare = new URL(url.href);
  const auth = url.username
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : null;
  bare.username = '';
  bare.password = '';
  bare.hash = '';
  bare.search = '';
  if (!bare.pathname.endsWith('/')) bare.pathname += '/';
  return { url: bare.href, auth };
}

export const basicAuthHeader = (auth: BasicAuth) =>
  `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
