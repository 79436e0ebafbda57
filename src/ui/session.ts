import { create } from 'zustand';
import type { SessionUser } from '../device/desk';

/** UI state only: who is at the desk and whether the screen is locked. Never persisted. */
interface SessionState {
  user: SessionUser | null;
  locked: boolean;
  login: (user: SessionUser) => void;
  lock: () => void;
  unlock: () => void;
  logout: () => void;
}

export const useSession = create<SessionState>((set) => ({
  user: null,
  locked: false,
  login: (user) => set({ user, locked: false }),
  lock: () => set((s) => (s.user ? { locked: true } : s)),
  unlock: () => set({ locked: false }),
  logout: () => set({ user: null, locked: false }),
}));
