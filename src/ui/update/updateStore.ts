import { create } from 'zustand';

/** A new service worker is waiting; `apply` activates it and reloads, only when the user says so. */
interface UpdateState {
  apply: (() => void) | null;
  offer: (apply: () => void) => void;
  dismiss: () => void;
}

export const useUpdate = create<UpdateState>((set) => ({
  apply: null,
  offer: (apply) => set({ apply }),
  dismiss: () => set({ apply: null }),
}));
