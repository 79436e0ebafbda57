import Dexie from 'dexie';

/** Every record and key of every IndexedDB database, as a script with no key would read them. */
export async function everythingStored(): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    const db = new Dexie(info.name!);
    await db.open();
    for (const table of db.tables) parts.push(JSON.stringify(await table.toArray()), JSON.stringify(await table.toCollection().primaryKeys()));
    db.close();
  }
  return parts.join('\n');
}
