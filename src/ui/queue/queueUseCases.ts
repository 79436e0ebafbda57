import { TokenQueue } from '../../device/tokenQueue';
import { useDesk, useLive } from '../services';
import { perDesk } from '../useCases';

const queueOf = perDesk((d) => new TokenQueue(d));

export const useTokenQueue = (): TokenQueue => queueOf(useDesk());

/** useLive for a department's queue (the queue screen, the waiting-room display). */
export function useLiveQueue<T>(query: (queue: TokenQueue) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const queue = useTokenQueue();
  return useLive(() => query(queue), [queue, ...deps]);
}
