import { create } from 'zustand';
import type { SessionUser } from '../device/desk';
import { rememberedKiosk, rememberKiosk } from './kiosk/kioskMemory';

/**
 * UI state only: who is at the desk, whether the screen is locked, and whether this tab is a
 * waiting-room display (`kiosk`: its department). A display has no user: opening it ends the
 * session, and only a PIN (a new login) leaves it. Only the display flag outlives a reload.
 */
interface SessionState {
  user: SessionUser | null;
  locked: boolean;
  kiosk: string | null;
  login: (user: SessionUser) => void;
  lock: () => void;
  unlock: () => void;
  logout: () => void;
  openDisplay: (dept: string) => void;
}

export const useSession = create<SessionState>((set) => ({
  user: null,
  locked: false,
  kiosk: rememberedKiosk(),
  login: (user) => set({ user, locked: false, kiosk: null }),
  lock: () => set((s) => (s.user ? { locked: true } : s)),
  unlock: () => set({ locked: false }),
  logout: () => set({ user: null, locked: false, kiosk: null }),
  openDisplay: (dept) => set({ user: null, locked: false, kiosk: dept }),
}));

useSession.subscribe((s, prev) => {
  if (s.kiosk !== prev.kiosk) rememberKiosk(s.kiosk);
});
