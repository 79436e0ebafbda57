import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { EVENT_TYPES } from '../domain/events/catalog';
import { EVERY_EVENT_SCHEMA } from '../domain/events/everyFamily';
import { RECONCILE_TYPES } from '../domain/reconcile/events';

export const DESIGN_DOC_ID = '_design/downtime';
const PLACEHOLDER = '/*EVENT_TYPES*/[]';
const SCHEMAS_PLACEHOLDER = '/*DATA_SCHEMAS*/{}';
const RECONCILE_PLACEHOLDER = '/*RECONCILE_TYPES*/[]';

/** Each event type's data as JSON Schema, from the same zod schemas the devices validate with. */
export function dataSchemas(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(EVERY_EVENT_SCHEMA).map(([type, schema]) => {
    const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
    return [type, json];
  }));
}

export interface DesignDoc {
  _id: string;
  _rev?: string;
  language: 'javascript';
  validate_doc_update: string;
  views: Record<string, { map: string; reduce?: string }>;
}

// Kept as a .js file rather than a string in TypeScript so it can be read, diffed and reviewed as
// the code CouchDB runs; the known types come from the domain catalog so the two cannot drift.
export function validateDocUpdateSource(eventTypes: readonly string[] = EVENT_TYPES): string {
  // A string, not a URL object: under the browser-like test environment URL is not Node's own.
  const here = dirname(fileURLToPath(import.meta.url));
  const source = readFileSync(join(here, 'design/validate_doc_update.js'), 'utf8');
  // Each placeholder exactly once: one left out would leave its check without its list.
  const fill = (text: string, placeholder: string, value: unknown) => {
    const parts = text.split(placeholder);
    if (parts.length !== 2) throw new Error(`validate_doc_update.js must contain ${placeholder} exactly once`);
    return parts.join(JSON.stringify(value));
  };
  // The reader-only types come from the same domain list the gateway's push check uses.
  const withTypes = fill(fill(source, PLACEHOLDER, eventTypes), RECONCILE_PLACEHOLDER, [...RECONCILE_TYPES]);
  return fill(withTypes, SCHEMAS_PLACEHOLDER, dataSchemas()).trim();
}

// Devices and the admin screens compare chains per device: the latest seq and hash of each.
const BY_DEVICE_MAP = `function (doc) {
  if (doc._id.indexOf('ev:') === 0 && typeof doc.device === 'string') emit([doc.device, doc.seq], doc.hash);
}`;

export function buildDesignDoc(eventTypes: readonly string[] = EVENT_TYPES): DesignDoc {
  return {
    _id: DESIGN_DOC_ID,
    language: 'javascript',
    validate_doc_update: validateDocUpdateSource(eventTypes),
    views: { by_device: { map: BY_DEVICE_MAP, reduce: '_count' } },
  };
}
