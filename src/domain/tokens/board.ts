import { cleanText } from '../text';

/** What the waiting-room display may show of one called token: never a name. */
export interface BoardCall {
  token: string;
  room?: string | undefined;
  initials?: string | undefined;
}

export interface Board {
  called: BoardCall[];
  next: string[];
}

interface TokenLike {
  token: string;
  patient: string;
  room?: string | undefined;
}

/**
 * "R K" for Ravi Kumar: enough for two patients with the same token on paper to tell which of
 * them is meant, not enough to name anyone to a waiting hall.
 */
export function initialsOf(name: string): string {
  return cleanText(name).split(' ').filter(Boolean).map((w) => [...w][0]!.toLocaleUpperCase('en')).join(' ');
}

/**
 * The board is built from the queue here, so the screen on the wall never receives the patients'
 * names at all: initials only when the device is set to show them.
 */
export function boardOf(
  queue: { called: TokenLike[]; waiting: TokenLike[] },
  nameOf: (patient: string) => string | undefined,
  options: { initials: boolean; nextShown: number },
): Board {
  return {
    called: queue.called.map((tk) => {
      const name = options.initials ? nameOf(tk.patient) : undefined;
      return { token: tk.token, room: tk.room, initials: name ? initialsOf(name) : undefined };
    }),
    next: queue.waiting.slice(0, options.nextShown).map((tk) => tk.token),
  };
}
