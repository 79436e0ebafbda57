import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/**
 * What this desk usually does, remembered per browser to save keystrokes: the department it
 * issues tokens for, and the district and state most of its patients come from.
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
}), { name: 'downtime-desk:desk-prefs' }));
