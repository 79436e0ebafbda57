/** A resync problem the administrator can act on; `code` is a translation key under `sync.errors`. */
export class SyncError extends Error {
  constructor(readonly code: string, readonly params: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'SyncError';
  }
}

/** Failures worth retrying with backoff (the network dropped, the server restarted). */
export const isTransient = (err: unknown) =>
  err instanceof SyncError && (err.code === 'unreachable' || err.code === 'serverError');
