import type { LAB_EVENT_SCHEMAS } from '../lab/labEvents';
import type { EMERGENCY_EVENT_SCHEMAS } from '../emergency/events';
import type { WARD_EVENT_SCHEMAS } from '../wards/events';
import type { RECONCILE_EVENT_SCHEMAS } from '../reconcile/events';
import type { RowUpdate } from '../projections/rows';
import type { AnyEvent } from './envelope';

/**
 * The departments' own event types, beyond the registration desk's (catalog.ts). Their schemas and
 * projections load on the first event of their kind, so a clerk's tablet, whose log holds none,
 * never downloads the lab's or the wards' code (issue 15); a log that does hold them loads each
 * family once, before its events are parsed, appended or folded.
 */
export interface FamilySchemas {
  lab: typeof LAB_EVENT_SCHEMAS;
  emergency: typeof EMERGENCY_EVENT_SCHEMAS;
  wards: typeof WARD_EVENT_SCHEMAS;
  reconcile: typeof RECONCILE_EVENT_SCHEMAS;
}
export type Family = keyof FamilySchemas;

export interface FamilyCode<F extends Family = Family> {
  family: F;
  schemas: FamilySchemas[F];
  project(event: AnyEvent): RowUpdate[];
}

// Each family's type names, known before its code is: an unknown type and a type whose code has not
// loaded yet are different answers. The mapped type makes the compiler hold each list to its schemas.
const TYPES: { readonly [F in Family]: { readonly [T in keyof FamilySchemas[F]]: true } } = {
  lab: {
    'lab.requested': true, 'specimen.collected': true, 'specimen.received': true, 'specimen.reported': true,
    'specimen.rejected': true, 'lab.printed': true, 'catalogue.updated': true, 'result.drafted': true,
    'result.entered': true, 'result.verified': true, 'result.amended': true, 'result.calledOut': true,
    'analytes.updated': true,
  },
  emergency: { 'emergency.arrived': true, 'emergency.triaged': true, 'emergency.disposed': true },
  wards: {
    'ward.defined': true, 'bed.marked': true, 'ward.admitted': true, 'ward.transferred': true,
    'ward.discharged': true, 'ward.enteredInError': true, 'ward.wristbandPrinted': true,
  },
  reconcile: { 'patient.linked': true, 'patient.markedNew': true, 'patient.merged': true, 'reconcile.undone': true },
};

const FAMILY_OF: ReadonlyMap<string, Family> = new Map(
  (Object.keys(TYPES) as Family[]).flatMap((family) => Object.keys(TYPES[family]).map((type) => [type, family] as const)),
);

export const FAMILY_EVENT_TYPES: readonly string[] = [...FAMILY_OF.keys()];

export const familyOf = (type: string): Family | undefined => FAMILY_OF.get(type);

const LOADERS: { readonly [F in Family]: () => Promise<FamilyCode<F>> } = {
  lab: () => import('./family/lab').then((m) => m.LAB_FAMILY),
  emergency: () => import('./family/emergency').then((m) => m.EMERGENCY_FAMILY),
  wards: () => import('./family/wards').then((m) => m.WARDS_FAMILY),
  reconcile: () => import('./family/reconcile').then((m) => m.RECONCILE_FAMILY),
};

const loaded = new Map<Family, FamilyCode>();
const loading = new Map<Family, Promise<void>>();

/** Use a family's code from now on (everyFamily.ts hands over all of them at once). */
export function useEventFamily(code: FamilyCode): void {
  loaded.set(code.family, code);
}

/**
 * Load the code of every family among these types. Anything else (the desk's own types, garbage)
 * is passed over: parsing it names the problem. A failed load (a chunk missing offline) rejects,
 * and the next call tries again.
 */
export function loadEventFamilies(types: Iterable<unknown>): Promise<void> {
  const waits = new Set<Promise<void>>();
  for (const type of types) {
    const family = typeof type === 'string' ? FAMILY_OF.get(type) : undefined;
    if (!family || loaded.has(family)) continue;
    let wait = loading.get(family);
    if (!wait) {
      wait = LOADERS[family]().then(useEventFamily, (err: unknown) => {
        loading.delete(family);
        throw err;
      });
      loading.set(family, wait);
    }
    waits.add(wait);
  }
  return waits.size ? Promise.all(waits).then(() => undefined) : Promise.resolve();
}

/** Every family: for the rare whole-log work (backups, exports, chain checks). */
export const loadEveryEventFamily = () => loadEventFamilies(FAMILY_EVENT_TYPES);

/** A loaded family's code; asking for one not loaded is a bug in the caller, never bad data. */
export function familyCode<F extends Family>(family: F): FamilyCode<F> {
  const code = loaded.get(family);
  if (!code) throw new Error(`The ${family} events' code is not loaded: call loadEventFamilies first`);
  return code as FamilyCode<F>;
}
