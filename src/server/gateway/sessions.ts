import { createHash } from 'node:crypto';
import { callerFrom, type Caller } from './caller';
import { jsonOf, type Upstream } from './upstream';

const TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

export interface Credentials {
  /** The headers that carry who is asking, exactly as the store should see them. */
  headers: Record<string, string>;
}

/** The caller's credentials from a request: Basic authorization or CouchDB's AuthSession cookie. */
export function credentialsOf(headers: Record<string, string | string[] | undefined>): Credentials {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.length > 0) return { headers: { authorization: auth } };
  const cookie = typeof headers.cookie === 'string' ? /(?:^|;\s*)(AuthSession=[^;]+)/.exec(headers.cookie)?.[1] : undefined;
  return cookie ? { headers: { cookie } } : { headers: {} };
}

/**
 * Who the credentials belong to, asked of the store's own `_session` (so a password change or a
 * removed account counts within TTL_MS) and remembered briefly under a digest of the credentials,
 * never the credentials themselves. Wrong credentials are a 401 from the store, passed on.
 */
export class Sessions {
  private readonly cache = new Map<string, { caller: Caller; until: number }>();

  constructor(private readonly upstream: Upstream, private readonly now: () => number = Date.now) {}

  async callerOf(credentials: Credentials): Promise<Caller | 'unauthorized'> {
    const values = Object.values(credentials.headers);
    if (values.length === 0) return { kind: 'anonymous' };
    const key = createHash('sha256').update(values.join('\n')).digest('hex');
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.caller;
    const answer = await this.upstream.send('GET', '_session', { accept: 'application/json', ...credentials.headers });
    if (answer.status === 401) return 'unauthorized';
    const body = jsonOf(answer) as { userCtx?: { name?: unknown; roles?: unknown } } | null;
    const caller = callerFrom(answer.status === 200 ? body?.userCtx ?? null : null);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { caller, until: this.now() + TTL_MS });
    return caller;
  }
}
