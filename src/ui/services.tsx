import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Desk } from '../device/desk';
import { FrontDesk } from '../device/frontDesk';
import { Resync } from '../sync/resync';
import { LabDesk } from '../device/labDesk';

const DeskContext = createContext<{ desk: Desk; front: FrontDesk; lab: LabDesk; resync: Resync } | null>(null);

export function DeskProvider({ desk, children }: { desk: Desk; children: ReactNode }) {
  const value = useMemo(() => ({ desk, front: new FrontDesk(desk), lab: new LabDesk(desk), resync: new Resync(desk) }), [desk]);
  return <DeskContext.Provider value={value}>{children}</DeskContext.Provider>;
}

function useServices() {
  const services = useContext(DeskContext);
  if (!services) throw new Error('used outside DeskProvider');
  return services;
}

export const useDesk = (): Desk => useServices().desk;
export const useFront = (): FrontDesk => useServices().front;
export const useResync = (): Resync => useServices().resync;
export const useLab = (): LabDesk => useServices().lab;

/** A live view of device data: re-renders when the underlying tables change, in any tab. */
export function useLive<T>(query: (desk: Desk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const desk = useDesk();
  const [value, setValue] = useState<T>();
  useEffect(() => desk.observe(() => query(desk), setValue),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [desk, ...deps]);
  return value;
}

/** The same for the front desk's queries (patients, tokens, queue). */
export function useLiveFront<T>(query: (front: FrontDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const front = useFront();
  return useLive(() => query(front), [front, ...deps]);
}

/** The same for the lab's queries (worklist, requests, specimens, catalogue). */
export function useLiveLab<T>(query: (lab: LabDesk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const lab = useLab();
  return useLive(() => query(lab), [lab, ...deps]);
}
