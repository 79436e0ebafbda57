import type { Desk } from './desk';
import type { DeviceIdentity } from './identity';
import { liveQuery } from './liveQuery';
import { UnreadableDeviceData, type LoginFacts } from './loginReader';
import type { SessionUser } from './userList';

/**
 * What the app needs before anyone has logged in: the login screen's facts, kept live, and the
 * way to the whole desk (Dexie, the key ring, the log), which a PIN, the enrolment or the
 * waiting-room display loads on first use (issue 15: the first load carries no Dexie).
 */
export interface FrontDoor {
  identity(): Promise<DeviceIdentity | null>;
  users(): Promise<SessionUser[]>;
  idleMinutes(): Promise<number>;
  /** Runs `query` now and again whenever the device's data changes, in this tab or another. */
  observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError?: (err: unknown) => void): () => void;
  /** The whole desk, loaded on the first call; every call gives the same promise until one fails. */
  desk(): Promise<Desk>;
  /** The desk once loaded, to use without waiting. */
  readonly loaded: Desk | null;
  /** Take the data key out of memory (nothing to do before the desk is loaded: nothing was unlocked). */
  lock(): void;
}

/** A front door to a desk already there (the tests render screens with one). */
export function deskDoor(desk: Desk): FrontDoor {
  const ready = Promise.resolve(desk);
  return {
    identity: () => desk.identity(),
    users: () => desk.users(),
    idleMinutes: async () => (await desk.settings()).idleMinutes,
    observe: (query, onValue, onError) => desk.observe(query, onValue, onError),
    desk: () => ready,
    loaded: desk,
    lock: () => desk.lock(),
  };
}

export interface LightDoorDeps {
  /** The login screen's facts, read without Dexie (loginReader.ts). */
  read: () => Promise<LoginFacts>;
  /** Calls back whenever the device's database is written, in any tab (storageChanges.ts). */
  changes: (listener: () => void) => () => void;
  /** Loads and wires the whole desk. */
  openDesk: () => Promise<Desk>;
}

/**
 * The app's front door: reads straight from IndexedDB until the desk is loaded, then asks the
 * desk. A database the reader cannot make sense of (or any failure of the reader) is the desk's to
 * open or to report: it is loaded then, as before issue 15.
 */
export class LightDoor implements FrontDoor {
  private loading: Promise<Desk> | null = null;
  private desk_: Desk | null = null;
  private reading: Promise<LoginFacts> | null = null;
  private nextRead: Promise<LoginFacts> | null = null;

  constructor(private readonly deps: LightDoorDeps) {}

  get loaded(): Desk | null {
    return this.desk_;
  }

  desk(): Promise<Desk> {
    this.loading ??= this.deps.openDesk().then((desk) => {
      this.desk_ = desk;
      return desk;
    }, (err: unknown) => {
      // A chunk that failed to load (an update replaced it, say) is asked for again next time.
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  identity(): Promise<DeviceIdentity | null> {
    return this.fact((f) => f.identity, (d) => d.identity());
  }

  users(): Promise<SessionUser[]> {
    return this.fact((f) => f.users, (d) => d.users());
  }

  idleMinutes(): Promise<number> {
    return this.fact((f) => f.idleMinutes, async (d) => (await d.settings()).idleMinutes);
  }

  observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (err: unknown) => void = console.error): () => void {
    return liveQuery(query, onValue, onError, (rerun) => this.deps.changes(rerun.soon));
  }

  lock(): void {
    this.desk_?.lock();
  }

  /**
   * One read at a time: the boot asks for the identity, the idle time and the users at once, and
   * each read opens the database. A caller arriving during a read gets the next one (shared with
   * the others arriving then), which starts after it: never an answer read before it asked.
   */
  private read(): Promise<LoginFacts> {
    if (!this.reading) {
      this.reading = this.deps.read().finally(() => { this.reading = null; });
      return this.reading;
    }
    this.nextRead ??= this.reading.catch(() => undefined).then(() => {
      this.nextRead = null;
      return this.read();
    });
    return this.nextRead;
  }

  private async fact<T>(pick: (facts: LoginFacts) => T, ask: (desk: Desk) => Promise<T>): Promise<T> {
    if (this.desk_) return ask(this.desk_);
    let facts: LoginFacts;
    try {
      facts = await this.read();
    } catch (err) {
      // The reader is a shortcut: whatever stops it, the desk reads the same through Dexie (and
      // reports what Dexie cannot read, as before issue 15).
      if (!(err instanceof UnreadableDeviceData)) console.warn('login reader:', err);
      return ask(await this.desk());
    }
    return pick(facts);
  }
}
