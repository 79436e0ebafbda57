import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Desk } from '../device/desk';

const DeskContext = createContext<Desk | null>(null);

/** The device for the screens. The role use-cases (useCases.ts) load with the screens that use them. */
export function DeskProvider({ desk, children }: { desk: Desk; children: ReactNode }) {
  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('used outside DeskProvider');
  return desk;
}

/** A live view of device data: re-renders when the underlying tables change, in any tab. */
export function useLive<T>(query: (desk: Desk) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const desk = useDesk();
  const [value, setValue] = useState<T>();
  useEffect(() => desk.observe(() => query(desk), setValue),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [desk, ...deps]);
  return value;
}
