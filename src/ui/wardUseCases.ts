import { WardDesk } from '../device/wardDesk';
import { useDesk, useLive } from './services';
import { perDesk } from './useCases';

/** The wards' use-cases (apart from useCases.ts: see labUseCases.ts). */
const wardsOf = perDesk((d) => new WardDesk(d));
export const useWards = (): WardDesk => wardsOf(useDesk());

/** useLive for the wards' queries (ward list, bed board, an admission). */
export function useLiveWards<T>(query: (wards: WardDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const wards = useWards();
  return useLive(() => query(wards), [wards, ...deps]);
}
