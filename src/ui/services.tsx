import { createContext, use, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Desk } from '../device/desk';
import { deskDoor, type FrontDoor } from '../device/frontDoor';

const DoorContext = createContext<FrontDoor | null>(null);

/**
 * The device for the screens: `door` as the app boots (the login screen reads through it, and the
 * whole desk loads on first use), or a `desk` already there (tests). The role use-cases
 * (useCases.ts) load with the screens that use them.
 */
export function DeskProvider({ desk, door, children }: { desk?: Desk; door?: FrontDoor; children: ReactNode }) {
  const value = useMemo(() => door ?? (desk ? deskDoor(desk) : null), [desk, door]);
  if (!value) throw new Error('DeskProvider needs a desk or a door');
  return <DoorContext.Provider value={value}>{children}</DoorContext.Provider>;
}

/** What the app shell and the login screen use: no Dexie until a PIN is typed (issue 15). */
export function useFrontDoor(): FrontDoor {
  const door = useContext(DoorContext);
  if (!door) throw new Error('used outside DeskProvider');
  return door;
}

/**
 * The whole desk. A screen that needs it before it is loaded (the enrolment, the waiting-room
 * display) suspends until it is: those screens render inside a Suspense boundary.
 */
export function useDesk(): Desk {
  const door = useFrontDoor();
  // `use` on every render, loaded or not: a render that suspended is replayed with the same calls.
  return use(door.loaded ? answered(door.loaded) : door.desk());
}

const answeredDesks = new WeakMap<Desk, Promise<Desk>>();
/** A promise React's `use` reads without suspending: it says it has its value (React's thenable fields). */
function answered(desk: Desk): Promise<Desk> {
  let p = answeredDesks.get(desk);
  if (!p) {
    p = Object.assign(Promise.resolve(desk), { status: 'fulfilled', value: desk });
    answeredDesks.set(desk, p);
  }
  return p;
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

/** The same for what the front door reads (the login screen's facts), with no desk loaded. */
export function useDoorLive<T>(query: (door: FrontDoor) => Promise<T>, deps: readonly unknown[], onError?: (err: unknown) => void): T | undefined {
  const door = useFrontDoor();
  const [value, setValue] = useState<T>();
  useEffect(() => door.observe(() => query(door), setValue, onError),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [door, ...deps]);
  return value;
}
