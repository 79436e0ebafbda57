export const CENTRAL_PREFIX = '/central';

export type PathVerdict =
  | { ok: true; segments: string[]; query: URLSearchParams }
  | { ok: false; status: 400 | 404; reason: string };

// Anything a server or proxy further down could read as a different path than we check: dot
// segments, encoded slashes, backslashes and dots, doubled slashes, control characters.
const TRICKS: Array<[RegExp, string]> = [
  [/%(2f|5c|2e|00)/i, 'encoded "/", "\\", "." or NUL in the path'],
  [/\\/, 'a backslash in the path'],
  [/\/\//, 'a doubled slash in the path'],
  [/(^|\/)\.{1,2}(\/|$)/, 'a dot segment in the path'],
];

/**
 * The raw request target of a `/central/...` request, checked before anything is decoded, then
 * split into decoded path segments below the prefix. The check runs on the raw target so that
 * what is matched against the route table is exactly what the store will see.
 */
export function readCentralPath(rawUrl: string): PathVerdict {
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
  if (rawPath !== CENTRAL_PREFIX && !rawPath.startsWith(`${CENTRAL_PREFIX}/`)) return { ok: false, status: 404, reason: 'not a central store path' };
  for (const [pattern, reason] of TRICKS) if (pattern.test(rawPath)) return { ok: false, status: 400, reason };
  // Some servers also split a query on ";": a parameter could hide inside another's value.
  if (rawQuery.includes(';')) return { ok: false, status: 400, reason: 'a ";" in the query' };
  if ([...rawPath].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return { ok: false, status: 400, reason: 'a control character in the path' };
  const rest = rawPath.slice(CENTRAL_PREFIX.length).replace(/^\//, '');
  // One trailing slash is what PouchDB puts after a database name; it means the same path.
  const trimmed = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  let segments: string[];
  try {
    segments = trimmed === '' ? [] : trimmed.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return { ok: false, status: 400, reason: 'the path is not valid percent-encoding' };
  }
  if (segments.some((s) => s === '')) return { ok: false, status: 400, reason: 'an empty path segment' };
  return { ok: true, segments, query: new URLSearchParams(rawQuery) };
}
