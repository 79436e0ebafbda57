import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/**
 * What this desk usually does, to save keystrokes: the department it issues tokens for
 * (remembered per browser), and the district and state most of its patients come from (for this
 * tab only: they were typed for a patient, and web storage is not sealed).
 */
interface DeskPrefs {
  dept: string | null;
  district: string;
  state: string;
  remember: (p: Partial<Omit<DeskPrefs, 'remember'>>) => void;
}

export const useDeskPrefs = create<DeskPrefs>()(persist((set) => ({
  dept: null,
  district: '',
  state: '',
  remember: (p) => set(p),
}), {
  name: 'downtime-desk:desk-prefs',
  partialize: ({ dept }) => ({ dept }),
  // Version 0 also kept the district and state: they are dropped from storage at the first load.
  version: 1,
  migrate: (stored) => ({ dept: (stored as { dept?: string | null } | null)?.dept ?? null }),
}));
