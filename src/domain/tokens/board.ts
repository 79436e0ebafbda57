/** What the waiting-room display shows of one called token: never a name, nor initials. */
export interface BoardCall {
  token: string;
  room?: string | undefined;
}

export interface Board {
  called: BoardCall[];
  next: string[];
}

interface TokenLike {
  token: string;
  room?: string | undefined;
}

/**
 * The board is built from the queue's tokens alone: the display holds no key to the patients'
 * records (it has no session), so there is nothing of them it could show.
 */
export function boardOf(queue: { called: TokenLike[]; waiting: TokenLike[] }, nextShown: number): Board {
  return {
    called: queue.called.map((tk) => ({ token: tk.token, room: tk.room })),
    next: queue.waiting.slice(0, nextShown).map((tk) => tk.token),
  };
}
