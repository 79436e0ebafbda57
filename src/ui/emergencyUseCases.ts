import { EmergencyDesk } from '../device/emergencyDesk';
import { useDesk, useLive } from './services';
import { perDesk } from './useCases';

/** The emergency department's use-cases (apart from useCases.ts: see labUseCases.ts). */
const emergencyOf = perDesk((d) => new EmergencyDesk(d));
export const useEmergency = (): EmergencyDesk => emergencyOf(useDesk());

/** useLive for the emergency department's queries (the board, a visit). */
export function useLiveEmergency<T>(query: (er: EmergencyDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const er = useEmergency();
  return useLive(() => query(er), [er, ...deps]);
}
