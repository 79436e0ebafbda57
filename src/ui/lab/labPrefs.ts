import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { LabelPaper } from '../../domain/lab/paper';
import type { WorklistFilters } from '../../domain/lab/worklist';

/**
 * What this lab bench usually does, remembered per browser: the label roll in its printer and
 * the worklist filters it last used.
 */
interface LabPrefs {
  paper: LabelPaper;
  filters: WorklistFilters;
  remember: (p: Partial<Omit<LabPrefs, 'remember'>>) => void;
}

export const useLabPrefs = create<LabPrefs>()(persist((set) => ({
  paper: '50x25',
  filters: { status: 'pending' },
  remember: (p) => set(p),
}), { name: 'downtime-desk:lab-prefs' }));
