import { create } from 'zustand';

/**
 * A requisition is saved on one screen and its labels are printed on the next (the request
 * page, where reprints and print errors are shown): this hands the "print now" over.
 */
export const usePrintOnOpen = create<{ request: string | null; set: (request: string | null) => void }>((set) => ({
  request: null,
  set: (request) => set({ request }),
}));
