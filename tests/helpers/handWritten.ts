import { buildEvent, computeHash, type AnyEvent, type ChainHead } from '../../src/domain/events/envelope';
import type { EventType } from '../../src/domain/events/catalog';
import { withRevision } from './gatewayHarness';

const AT = '2026-12-01T10:00:00.000Z';

/**
 * Events for tablet T1 as a push carries them, after `head`: `forged` as a hostile tablet writes
 * one by hand (hashed correctly, so only the schema can tell), `built` as the app builds it.
 */
export function forged(type: string, data: unknown, head: ChainHead, by = 'Kavita Joshi') {
  const body = { _id: `ev:T1:${String(head.seq + 1).padStart(10, '0')}`, type, device: 'T1', seq: head.seq + 1, at: AT, by, prev: head.hash, data };
  return withRevision({ ...body, hash: computeHash(body as never) } as AnyEvent);
}

export const built = <T extends EventType>(type: T, data: unknown, head: ChainHead, by = 'Kavita Joshi') =>
  withRevision(buildEvent({ type, data, device: 'T1', head, at: AT, by }) as AnyEvent);
