import type { Desk } from '../device/desk';
import { EmergencyDesk } from '../device/emergencyDesk';
import { FrontDesk } from '../device/frontDesk';
import { LabDesk } from '../device/labDesk';
import { ResultDesk } from '../device/resultDesk';
import { useDesk, useLive } from './services';

/**
 * The role use-cases, one of each per device. Only the lazily loaded screens import this module,
 * so a clerk's first load carries neither the lab nor the resync code (nor the desk's, before login).
 * The resync's is in sync/useResync.ts, with the screens that use it: a clerk's desk never does.
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
const labOf = perDesk((d) => new LabDesk(d));

export const useFront = (): FrontDesk => frontOf(useDesk());
export const useLab = (): LabDesk => labOf(useDesk());

/** useLive for the front desk's queries (patients, tokens, queue). */
export function useLiveFront<T>(query: (front: FrontDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const front = useFront();
  return useLive(() => query(front), [front, ...deps]);
}

/** useLive for the lab's queries (worklist, requests, specimens, catalogue). */
export function useLiveLab<T>(query: (lab: LabDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const lab = useLab();
  return useLive(() => query(lab), [lab, ...deps]);
}

const resultsOf = perDesk((d) => new ResultDesk(d));
export const useResults = (): ResultDesk => resultsOf(useDesk());

/** useLive for a specimen's results. */
export function useLiveResults<T>(query: (results: ResultDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const results = useResults();
  return useLive(() => query(results), [results, ...deps]);
}

const emergencyOf = perDesk((d) => new EmergencyDesk(d));
export const useEmergency = (): EmergencyDesk => emergencyOf(useDesk());

/** useLive for the emergency department's queries (the board, a visit). */
export function useLiveEmergency<T>(query: (er: EmergencyDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const er = useEmergency();
  return useLive(() => query(er), [er, ...deps]);
}
