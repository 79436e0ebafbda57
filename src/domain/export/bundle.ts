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

  drain(): Change[] {
    const out = [...this.byKey.values()];
    this.byKey.clear();
    return out;
  }
}

const keyOf = (type: string, value: string) => `${type}|${value}`;

/** 32 bits of a string (FNV-1a): fast and stable; not for anything secret. */
function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The urn:uuid of a bundle's n-th entry. It only has to be unique within its bundle, and stable,
 * so that the same export written twice is byte for byte the same: the bundle's id and the
 * entry's place say both.
 */
export const entryUuid = (bundleId: string, n: number) =>
  `${hash32(bundleId)}-0000-5000-8000-${n.toString(16).padStart(12, '0')}`;

const search = (system: string, value: string) => `identifier=${enc(system)}|${encodeURIComponent(value)}`;

interface RefLike { type?: unknown; identifier?: { system?: unknown; value?: unknown }; reference?: unknown }

/** Identifier systems are few: each is URL-encoded once. */
const encoded = new Map<string, string>();
const enc = (system: string) => {
  let e = encoded.get(system);
  if (e === undefined) {
    e = encodeURIComponent(system);
    if (encoded.size < 100) encoded.set(system, e);
  }
  return e;
};

/**
 * Logical references become the entry's urn:uuid when the target is in this bundle, else a
 * conditional reference. In place: the resources of a drained batch are written once and dropped.
 */
function resolveRefs(value: unknown, inBundle: ReadonlyMap<string, string>): void {
  if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null) resolveRefs(v, inBundle);
    return;
  }
  const obj = value as Record<string, unknown> & RefLike;
  for (const k in obj) {
    const v = obj[k];
    if (k !== 'identifier' && typeof v === 'object' && v !== null) resolveRefs(v, inBundle);
  }
  const id = obj.identifier;
  if (typeof obj.type === 'string' && id && typeof id.value === 'string' && typeof id.system === 'string' && obj.reference === undefined) {
    obj.reference = inBundle.get(keyOf(obj.type, id.value)) ?? `${obj.type}?${search(id.system, id.value)}`;
  }
}

/**
 * One FHIR `transaction` Bundle: conditional creates on identifiers (ifNoneExist) for records new
 * in this export, conditional updates for records changed since, so that loading the same export
 * twice creates nothing twice. Provenance has no identifier: it is written by its own id, made
 * from the event's id, which is just as idempotent.
 */
export function transactionBundle(changes: readonly Change[], bundleId: string, timestamp: string): Resource {
  // The changes' resources gain their references here: build a bundle once per batch.
  const urls = new Map<string, string>();
  changes.forEach((c, n) => urls.set(keyOf(c.resourceType, c.identifier.value), `urn:uuid:${entryUuid(bundleId, n)}`));
  return {
    resourceType: 'Bundle',
    id: bundleId,
    type: 'transaction',
    timestamp,
    entry: changes.map((c) => {
      const fullUrl = urls.get(keyOf(c.resourceType, c.identifier.value))!;
      resolveRefs(c.resource, urls);
      const { id, ...body } = c.resource;
      if (c.resourceType === 'Provenance') return { fullUrl, resource: { id, ...body }, request: { method: 'PUT', url: `Provenance/${id}` } };
      const q = search(c.identifier.system, c.identifier.value);
      return c.create
        ? { fullUrl, resource: body, request: { method: 'POST', url: c.resourceType, ifNoneExist: q } }
        : { fullUrl, resource: body, request: { method: 'PUT', url: `${c.resourceType}?${q}` } };
    }),
  };
}
