import { describe, expect, it, vi } from 'vitest';
import { DeskDb } from '../../src/device/db';
import { LightDoor } from '../../src/device/frontDoor';
import { KeyRing } from '../../src/device/keyRing';
import { readLoginFacts, UnreadableDeviceData } from '../../src/device/loginReader';
import { DEXIE_MUTATED, onStorageChange } from '../../src/device/storageChanges';
import { ADMIN, ENROLLMENT, makeDesk, uniqueName } from '../helpers/deviceHarness';

async function enrolledDesk() {
  const h = makeDesk();
  await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  await h.desk.addUser({ name: ADMIN.name, role: 'admin' }, { name: 'Ravi Kumar', role: 'clerk', pin: '739204', pinAgain: '739204' });
  return h;
}

const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

/** A raw IndexedDB database, made as another program (or a broken release) might have left it. */
function makeRawDb(name: string, version: number, stores: string[], rows: Record<string, unknown[]> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => {
      for (const s of stores) {
        const store = req.result.createObjectStore(s, { keyPath: 'key' });
        for (const row of rows[s] ?? []) store.put(row);
      }
    };
    req.onsuccess = () => { req.result.close(); resolve(); };
    req.onerror = () => reject(req.error);
  });
}

function versionOf(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => { const v = req.result.version; req.result.close(); resolve(v); };
    req.onerror = () => reject(req.error);
  });
}

describe("the login screen's reader (straight from IndexedDB, no Dexie)", () => {
  it('reads what the desk itself answers: the identity, the users by name, the idle time', async () => {
    const { desk, names } = await enrolledDesk();
    await desk.setIdleMinutes({ name: ADMIN.name, role: 'admin' }, 12);
    const facts = await readLoginFacts(names.dexie);
    expect(facts.identity).toEqual(await desk.identity());
    expect(facts.identity?.code).toBe('K7');
    expect(facts.users).toEqual(await desk.users());
    expect(facts.users.map((u) => u.name)).toEqual([ADMIN.name, 'Ravi Kumar']);
    expect(facts.idleMinutes).toBe(12);
    // Nothing of the key material reaches the login screen.
    expect(JSON.stringify(facts.users)).not.toMatch(/keyWrap|salt/);
  });

  it('reports a device never enrolled here as such, and creates no database: Dexie makes it with its own schema', async () => {
    const name = uniqueName('absent');
    expect(await readLoginFacts(name)).toEqual({ identity: null, users: [], idleMinutes: 5 });
    expect(await databaseNames()).not.toContain(name);
    const db = new DeskDb(name, new KeyRing());
    await db.open();
    expect(db.verno).toBe(12);
    expect(db.tables.map((t) => t.name)).toContain('users');
    db.close();
  });

  it('refuses a database not laid out as Dexie keeps it, clearly, and leaves it as it was (never upgrades it)', async () => {
    const name = uniqueName('foreign');
    await makeRawDb(name, 3, ['other']);
    await expect(readLoginFacts(name)).rejects.toThrow(UnreadableDeviceData);
    await expect(readLoginFacts(name)).rejects.toThrow(/could not be read for the login screen: no settings or users store/);
    expect(await versionOf(name)).toBe(3);

    const odd = uniqueName('odd');
    await makeRawDb(odd, 1, ['settings', 'users'], { settings: [{ key: 'identity', value: 'K7' }] });
    await expect(readLoginFacts(odd)).rejects.toThrow(/identity is not as enrolment writes it/);
    expect(await versionOf(odd)).toBe(1);
  });

  it('lets go of the database at once: Dexie upgrading it in another tab never waits for the login screen', async () => {
    const { names, db } = await enrolledDesk();
    db.close();
    const version = await versionOf(names.dexie);
    await readLoginFacts(names.dexie);
    // The reader has answered: no connection of its own is left open for an upgrade to wait on.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(names.dexie, version + 1);
      req.onblocked = () => reject(new Error('the upgrade waits for a connection left open'));
      req.onsuccess = () => { req.result.close(); resolve(); };
      req.onerror = () => reject(req.error);
    });
  });
});

describe("Dexie's word that the data changed, heard without Dexie", () => {
  it("hears a write to this device's database, as the installed Dexie tells it", async () => {
    const { desk, names } = await enrolledDesk();
    const heard = vi.fn();
    const stop = onStorageChange(names.dexie, heard);
    try {
      await desk.setIdleMinutes({ name: ADMIN.name, role: 'admin' }, 7);
      await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    } finally {
      stop();
    }
  });

  it("ignores another database's writes (the window event is dispatched synchronously)", () => {
    const heard = vi.fn();
    const stop = onStorageChange('downtime-desk', heard);
    try {
      dispatchEvent(new CustomEvent(DEXIE_MUTATED, { detail: { 'idb://downtime-desk-old/settings/': {} } }));
      expect(heard).not.toHaveBeenCalled();
      dispatchEvent(new CustomEvent(DEXIE_MUTATED, { detail: { 'idb://downtime-desk/users/': {} } }));
      expect(heard).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });
});

describe('the front door', () => {
  it('answers the login screen without loading the desk, and loads it once when asked', async () => {
    const { desk, names } = await enrolledDesk();
    const openDesk = vi.fn(async () => desk);
    const door = new LightDoor({ read: () => readLoginFacts(names.dexie), changes: (l) => onStorageChange(names.dexie, l), openDesk });
    expect((await door.identity())?.code).toBe('K7');
    expect(await door.users()).toHaveLength(2);
    door.lock();
    expect(openDesk).not.toHaveBeenCalled();
    expect(door.loaded).toBeNull();
    const first = door.desk();
    expect(door.desk()).toBe(first);
    expect(await first).toBe(desk);
    expect(door.loaded).toBe(desk);
    expect(openDesk).toHaveBeenCalledTimes(1);
  });

  it('asks the desk when the reader cannot read the database, and asks again for a desk that failed to load', async () => {
    const { desk } = await enrolledDesk();
    let fail = true;
    const openDesk = vi.fn(async () => {
      if (fail) throw new Error('chunk missing');
      return desk;
    });
    const door = new LightDoor({ read: async () => { throw new UnreadableDeviceData('no users store'); }, changes: () => () => undefined, openDesk });
    await expect(door.identity()).rejects.toThrow('chunk missing');
    fail = false;
    expect((await door.identity())?.code).toBe('K7');
    expect(openDesk).toHaveBeenCalledTimes(2);

    // Whatever else stops the reader (a browser's IndexedDB error), the desk answers too.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const other = new LightDoor({ read: async () => { throw new Error('Internal error opening backing store'); }, changes: () => () => undefined, openDesk: async () => desk });
      expect(await other.users()).toEqual(await desk.users());
    } finally {
      warn.mockRestore();
    }
  });

  it('opens the database for one read at a time, and answers a caller who asked during a read with a later read', async () => {
    const { desk, names } = await enrolledDesk();
    let open = 0;
    let most = 0;
    let reads = 0;
    const read = async () => {
      reads += 1;
      most = Math.max(most, ++open);
      try {
        return await readLoginFacts(names.dexie);
      } finally {
        open -= 1;
      }
    };
    const door = new LightDoor({ read, changes: () => () => undefined, openDesk: async () => desk });
    const [identity, users, idle] = await Promise.all([door.identity(), door.users(), door.idleMinutes()]);
    expect(identity?.code).toBe('K7');
    expect(users).toHaveLength(2);
    expect(idle).toBe(5);
    expect(most).toBe(1);
    // The first read, then one for the two who asked during it.
    expect(reads).toBe(2);
  });

  it('keeps a query live: a user added (in any tab) shows without a reload', async () => {
    const { desk, names } = await enrolledDesk();
    const door = new LightDoor({ read: () => readLoginFacts(names.dexie), changes: (l) => onStorageChange(names.dexie, l), openDesk: async () => desk });
    const seen: string[][] = [];
    const stop = door.observe(() => door.users(), (users) => seen.push(users.map((u) => u.name)));
    try {
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      await desk.addUser({ name: ADMIN.name, role: 'admin' }, { name: 'Meena Das', role: 'lab', pin: '739205', pinAgain: '739205' });
      await vi.waitFor(() => expect(seen.at(-1)).toContain('Meena Das'));
    } finally {
      stop();
    }
  });
});
