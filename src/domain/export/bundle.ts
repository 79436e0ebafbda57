import type { Change } from './mapper';
import type { Resource } from './resources';

/**
 * The changes of one batch, one per record: a record created and then moved in the same batch
 * goes out once, in its latest state, still as a create. A FHIR transaction may not touch the
 * same resource twice, and a back-entry clerk should not see one specimen on three rows.
 */
export class Batch {
  private readonly byKey = new Map<string, Change>();

  add(changes: readonly Change[]) {
    for (const c of changes) {
      const key = keyOf(c.resourceType, c.identifier.value);
      const earlier = this.byKey.get(key);
      // Delete first so the record moves to the end: it is written after what it refers to.
      if (earlier) this.byKey.delete(key);
      this.byKey.set(key, earlier ? { ...c, create: earlier.create || c.create } : c);
    }
  }

  get size() { return this.byKey.size; }

  drain(): Change[] {
    const out = [...this.byKey.values()];
    this.byKey.clear();
    return out;
  }
}

const keyOf = (type: string, value: string) => `${type}|${value}`;

/** 32 bits of a string (FNV-1a with a seed): fast, stable; not for anything secret. */
function hash32(text: string, seed: number): string {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * A stable urn:uuid per record, so that the same export written twice is byte for byte the same.
 * It only has to be unique within one bundle: four seeded 32-bit hashes of the record's key.
 */
export function recordUuid(type: string, value: string): string {
  const key = keyOf(type, value);
  const h = hash32(key, 1) + hash32(key, 2) + hash32(key, 3) + hash32(key, 4);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const search = (system: string, value: string) => `identifier=${encodeURIComponent(system)}|${encodeURIComponent(value)}`;

interface RefLike { type?: unknown; identifier?: { system?: unknown; value?: unknown }; reference?: unknown }

/** Logical references become the entry's urn:uuid when the target is in this bundle, else a conditional reference. */
function resolveRefs(value: unknown, inBundle: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, inBundle));
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown> & RefLike;
  const out: Record<string, unknown> = {};
  for (const k in obj) {
    const v = obj[k];
    out[k] = k === 'identifier' || typeof v !== 'object' ? v : resolveRefs(v, inBundle);
  }
  if (typeof obj.type === 'string' && obj.identifier && typeof obj.identifier.value === 'string' && typeof obj.identifier.system === 'string' && obj.reference === undefined) {
    out.reference = inBundle.get(keyOf(obj.type, obj.identifier.value)) ?? `${obj.type}?${search(obj.identifier.system, obj.identifier.value)}`;
  }
  return out;
}

/**
 * One FHIR `transaction` Bundle: conditional creates on identifiers (ifNoneExist) for records new
 * in this export, conditional updates for records changed since, so that loading the same export
 * twice creates nothing twice. Provenance has no identifier: it is written by its own id, made
 * from the event's id, which is just as idempotent.
 */
export function transactionBundle(changes: readonly Change[], bundleId: string, timestamp: string): Resource {
  const urls = new Map<string, string>();
  for (const c of changes) urls.set(keyOf(c.resourceType, c.identifier.value), `urn:uuid:${recordUuid(c.resourceType, c.identifier.value)}`);
  return {
    resourceType: 'Bundle',
    id: bundleId,
    type: 'transaction',
    timestamp,
    entry: changes.map((c) => {
      const fullUrl = urls.get(keyOf(c.resourceType, c.identifier.value))!;
      const { id, ...body } = resolveRefs(c.resource, urls) as Resource;
      if (c.resourceType === 'Provenance') return { fullUrl, resource: { id, ...body }, request: { method: 'PUT', url: `Provenance/${id}` } };
      const q = search(c.identifier.system, c.identifier.value);
      return c.create
        ? { fullUrl, resource: body, request: { method: 'POST', url: c.resourceType, ifNoneExist: q } }
        : { fullUrl, resource: body, request: { method: 'PUT', url: `${c.resourceType}?${q}` } };
    }),
  };
}
