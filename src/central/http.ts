import { basicAuthHeader, type BasicAuth } from './credentials';
import { StartupError } from './errors';

export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * One request to a CouchDB-compatible server, answering status and parsed JSON (null when the body
 * is not JSON). A server that cannot be reached becomes a StartupError naming the URL.
 * `path` is relative (no leading slash) so that a server behind a path prefix keeps its prefix.
 */
export async function couchRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; auth?: BasicAuth | null; body?: unknown; timeoutMs?: number } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.auth) headers.authorization = basicAuthHeader(options.auth);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new StartupError(`Cannot reach the central store at ${baseUrl} (${cause}): start it or correct the URL.`);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: callers decide whether that means "not a CouchDB".
  }
  return { status: response.status, body };
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
