/** No document the app sends nests deeper than this; a body that does is an attack on the parser. */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text, found without parsing it, so that a
 * body of a million `[` is refused before JSON.parse or any recursive check meets it.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

export class BodyError extends Error {
  readonly statusCode = 400;
}

// As a key anywhere, escaped or not: no document of the app has one, and code that merges objects
// could be led into a prototype by it. A scan of the text is cheaper than a reviver on every value.
const PROTOTYPE_KEY = /"(?:__proto__|constructor|prototype|[^"]*\\u[0-9a-fA-F]{4}[^"]*)"\s*:/;

/** Parse a request body: bounded depth, and no keys that reach into prototypes. */
export function parseBoundedJson(text: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new BodyError(`The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  const key = PROTOTYPE_KEY.exec(text);
  if (key) throw new BodyError(`The body has a key ${key[0].replace(/\s*:$/, '')}.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError('The body is not valid JSON.');
  }
}
