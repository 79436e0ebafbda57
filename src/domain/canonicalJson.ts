/**
 * Canonical JSON (the JCS idea, RFC 8785): object keys sorted by code unit, no whitespace, numbers
 * as ECMAScript prints them. The same event hashes the same on every device and on the server.
 */
export function canonicalJson(value: unknown): string {
  // Events are built in canonical order (canonicalOrder), so what the gateway checks mostly is:
  // then JSON.stringify's text is the canonical one as it stands, at a fraction of the cost.
  return inCanonicalOrder(value) ? JSON.stringify(value) : sortedJson(value);
}

/**
 * The canonical text written key by key. Not JSON.stringify with a replacer handing back sorted
 * objects: an object lists integer-like keys ("9", "10") in numeric order whatever the order they
 * were added in, so "10" would come after "9".
 */
function sortedJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      // Array.from visits holes too (map skips them): a hole is undefined, which is refused.
      if (Array.isArray(value)) return `[${Array.from(value as unknown[], (item) => sortedJson(item)).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError('canonicalJson: only plain objects, arrays and primitives');
      }
      const entries = Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/** The same value with every object's keys in canonical order (what JSON.stringify keeps), so that canonicalJson needs no sorting. */
export function canonicalOrder<T>(value: T): T {
  return JSON.parse(canonicalJson(value)) as T;
}

/**
 * Whether JSON.stringify would write the canonical text of `value`: plain objects whose keys
 * come in code-unit order (as enumerated, so "10" and "9" do not), finite numbers, no undefined,
 * nothing canonicalJson refuses (those take the other path, which says what is wrong).
 */
function inCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (item === undefined || !inCanonicalOrder(item)) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      let last: string | null = null;
      for (const key of Object.keys(value)) {
        if (last !== null && !(last < key)) return false;
        last = key;
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined || !inCanonicalOrder(item)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
