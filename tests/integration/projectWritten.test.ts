import { describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/device/db';
import { KeyRing } from '../../src/device/keyRing';
import { inProcessLocks } from '../../src/device/locks';
import { Projector } from '../../src/device/projector';
import { openLog, uniqueName } from '../helpers/deviceHarness';

async function setup() {
  const log = openLog(uniqueName('log'), 'K7');
  const keyRing = new KeyRing();
  await keyRing.open(crypto.getRandomValues(new Uint8Array(32)));
  const db = new DeskDb(uniqueName('projected'), keyRing);
  const projector = new Projector(log, db, inProcessLocks());
  await projector.catchUp();
  const staff = async () => (await db.table('staff').toArray()).map((row: { name: string }) => row.name);
  return { log, db, projector, staff };
}

describe('projecting an event this tab has just appended', () => {
  it('applies the event it holds when the check of its sequence answers only after the rows are read', async () => {
    const { log, db, projector, staff } = await setup();
    const written = await log.append('user.added', { name: 'Meena Das', role: 'clerk' }, 'Asha');
    // The check answers once the staff rows have been read, in a later task: the transaction is kept open for it.
    const table = db.table('staff');
    const bulkGet = table.bulkGet.bind(table);
    table.bulkGet = ((keys: string[]) => bulkGet(keys).then((rows) => {
      setTimeout(() => void written.localSeq.then(answer), 0);
      return rows;
    })) as typeof table.bulkGet;
    let answer!: (seq: number | null) => void;
    const late = { ...written, localSeq: new Promise<number | null>((resolve) => { answer = resolve; }) };
    const rows = await projector.projectWritten(late);
    expect(rows?.get('staff')?.size).toBe(1);
    expect(await staff()).toEqual(['Meena Das']);
    expect(await projector.checkpoint()).toBe(await log.lastSeq());
  });

  it('shows both events from the feed, in order, when another write came between', async () => {
    const { log, projector, staff } = await setup();
    const written = await log.append('user.added', { name: 'Meena Das', role: 'clerk' }, 'Asha');
    await log.append('user.added', { name: 'Kiran Rao', role: 'clerk' }, 'Asha');
    await expect(projector.projectWritten({ ...written, localSeq: Promise.resolve(null) })).resolves.toBeNull();
    expect((await staff()).sort()).toEqual(['Kiran Rao', 'Meena Das']);
    expect(await projector.checkpoint()).toBe(await log.lastSeq());
  });

  it('shows a stored event from the feed when the check of its sequence fails, and does not report the write failed', async () => {
    const { log, db, projector } = await setup();
    const written = await log.append('user.added', { name: 'Meena Das', role: 'clerk' }, 'Asha');
    // As when Dexie gives up waiting for the check (a minute): the event is in the log all the same.
    const unchecked = { ...written, localSeq: Promise.reject(new Error('the sequence check never answered')) };
    await expect(projector.projectWritten(unchecked)).resolves.toBeNull();
    expect((await db.table('staff').toArray()).map((row: { name: string }) => row.name)).toEqual(['Meena Das']);
    expect(await projector.checkpoint()).toBe(await log.lastSeq());
  });
});
