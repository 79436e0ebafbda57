import { create } from 'zustand';

export interface IssuedToken { token: string; patient: string; name: string; dept: string }

/**
 * The token just issued, kept on the desk in large type while the patient reads it off the
 * screen, until the clerk moves on to the next patient. Not persisted: a reload starts afresh.
 */
interface LastToken {
  last: IssuedToken | null;
  show: (t: IssuedToken) => void;
  /** The next patient is on screen: forget the last one's token unless it is theirs. */
  nextPatient: (patient: string | null) => void;
}

export const useLastToken = create<LastToken>()((set, get) => ({
  last: null,
  show: (last) => set({ last }),
  nextPatient: (patient) => { if (get().last && get().last?.patient !== patient) set({ last: null }); },
}));
