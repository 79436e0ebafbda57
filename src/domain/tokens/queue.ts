/** A token's life in the OPD queue; every move is an event. */
export type TokenStatus = 'waiting' | 'called' | 'done' | 'cancelled';
export type QueueAction = 'call' | 'skip' | 'done' | 'cancel';

const MOVES: Record<QueueAction, Partial<Record<TokenStatus, TokenStatus>>> = {
  call: { waiting: 'called' },
  skip: { called: 'waiting' },
  done: { called: 'done' },
  cancel: { waiting: 'cancelled', called: 'cancelled' },
};

export function nextStatus(status: TokenStatus, action: QueueAction): TokenStatus | null {
  return MOVES[action][status] ?? null;
}

export const ACTION_EVENT = {
  call: 'token.called',
  skip: 'token.skipped',
  done: 'token.done',
  cancel: 'token.cancelled',
} as const;
