import type { Desk } from '../device/desk';
import { FrontDesk } from '../device/frontDesk';
import { useDesk, useLive } from './services';

/**
 * The role use-cases, one of each per device. Only the lazily loaded screens import this module,
 * so the first load carries none of them. Here the front desk's; the lab's, the emergency
 * department's and the wards' are in labUseCases.ts, emergencyUseCases.ts and wardUseCases.ts,
 * and the resync's in sync/useResync.ts, each with the screens that use it: a clerk's desk loads
 * none of them (issue 15).
 */
export function perDesk<T>(make: (desk: Desk) => T): (desk: Desk) => T {
  const made = new WeakMap<Desk, T>();
  return (desk) => {
    let value = made.get(desk);
    if (value === undefined) made.set(desk, (value = make(desk)));
    return value;
  };
}

const frontOf = perDesk((d) => new FrontDesk(d));

export const useFront = (): FrontDesk => frontOf(useDesk());

/** useLive for the front desk's queries (patients, tokens, queue). */
export function useLiveFront<T>(query: (front: FrontDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const front = useFront();
  return useLive(() => query(front), [front, ...deps]);
}
