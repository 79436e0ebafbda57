import { LabDesk } from '../device/labDesk';
import { ResultDesk } from '../device/resultDesk';
import { useDesk, useLive } from './services';
import { perDesk } from './useCases';

/** The lab's use-cases (issue 15: apart from useCases.ts, so a clerk's desk loads none of them). */
const labOf = perDesk((d) => new LabDesk(d));
export const useLab = (): LabDesk => labOf(useDesk());

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
