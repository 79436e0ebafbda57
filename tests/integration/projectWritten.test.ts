import { describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/device/db';
import { KeyRing } from '../../src/device/keyRing';
import { inProcessLocks } from '../../src/device/locks';
import { Projector } from '../../src/device/projector';
import { openLog, uniqueName } from '../helpers/deviceHarness';

describe('projecting an event this tab has just appended', () => {
  it('shows a stored event from the feed when the check of its sequence fails, and does not report the write failed', async () => {
    const log = openLog(uniqueName('log'), 'K7');
    const keyRing = new KeyRing();
    await keyRing.open(crypto.getRandomValues(new Uint8Array(32)));
    const db = new DeskDb(uniqueName('projected'), keyRing);
    const projector = new Projector(log, db, inProcessLocks());
    await projector.catchUp();
    const written = await log.append('user.added', { name: 'Meena Das', role: 'clerk' }, 'Asha');
    // As when Dexie gives up waiting for the check (a minute): the event is in the log all the same.
    const unchecked = { ...written, localSeq: Promise.reject(new Error('the sequence check never answered')) };
    await expect(projector.projectWritten(unchecked)).resolves.toBeNull();
    expect((await db.table('staff').toArray()).map((row: { name: string }) => row.name)).toEqual(['Meena Das']);
    expect(await projector.checkpoint()).toBe(await log.lastSeq());
  });
});
