import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import { verifyChain } from '../../src/domain/events/chain';
import { inProcessLocks } from '../../src/device/locks';
import { buildEvent } from '../../src/domain/events/envelope';
import { fixedClock, openLog, pouchWithLanding, uniqueName } from '../helpers/deviceHarness';

async function allDocs(log: ReturnType<typeof openLog>, device = 'K7') {
  const docs: unknown[] = [];
  for await (const page of log.readChain(device, 7)) docs.push(...page);
  return docs;
}

const user = (i: number) => ({ name: `Clerk ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, role: 'clerk' });

describe('event log on PouchDB (IndexedDB)', () => {
  it('appends a verifiable chain and reads it back page by page', async () => {
    const log = openLog(uniqueName('log'), 'K7');
    for (let i = 0; i < 20; i += 1) await log.append('user.added', user(i), 'Asha');
    const docs = await allDocs(log);
    expect(docs).toHaveLength(20);
    expect(verifyChain('K7', docs)).toMatchObject({ ok: true, count: 20, head: { seq: 20 } });
    expect(await log.head()).toMatchObject({ seq: 20 });
  });

  it('writes nothing for an invalid event, and the chain continues after it', async () => {
    const log = openLog(uniqueName('log'), 'K7');
    await log.append('user.added', user(0), 'Asha');
    await expect(log.append('user.added', { name: 'Ravi', role: 'clerk', extra: 1 }, 'Asha')).rejects.toThrow(ValidationError);
    await expect(log.append('no.such' as never, {}, 'Asha')).rejects.toThrow(/unknownEventType/);
    await expect(log.appendMany([{ type: 'user.added', data: user(1) }, { type: 'user.added', data: { name: '' } }], 'Asha'))
      .rejects.toThrow(ValidationError);
    expect(await log.count()).toBe(1);
    await log.append('user.added', user(2), 'Asha');
    expect(verifyChain('K7', await allDocs(log))).toMatchObject({ ok: true, count: 2 });
  });

  it('two tabs appending at once share the lock: no fork, no reused sequence', async () => {
    const name = uniqueName('log');
    const locks = inProcessLocks();
    const tabA = openLog(name, 'K7', locks);
    const tabB = openLog(name, 'K7', locks);
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? tabA : tabB).append('user.added', user(i), 'Asha')));
    const docs = await allDocs(tabA);
    expect(docs).toHaveLength(30);
    expect(verifyChain('K7', docs)).toMatchObject({ ok: true, count: 30 });
  });

  it('even without a shared lock, a stale writer retries on the next free sequence instead of forking', async () => {
    const name = uniqueName('log');
    const tabA = openLog(name, 'K7', inProcessLocks());
    const tabB = openLog(name, 'K7', inProcessLocks());
    await tabA.append('user.added', user(0), 'Asha');
    await tabB.append('user.added', user(1), 'Asha'); // B has now cached head 2
    await tabA.append('user.added', user(2), 'Asha'); // A's cached head (1) is stale: 409, re-read, seq 3
    await tabB.append('user.added', user(3), 'Asha');
    expect(verifyChain('K7', await allDocs(tabA))).toMatchObject({ ok: true, count: 4 });
  });

  it('appendMany chains a batch onto what is already there', async () => {
    const log = openLog(uniqueName('log'), 'K7');
    await log.append('user.added', user(0), 'Asha');
    const written = await log.appendMany(Array.from({ length: 50 }, (_, i) => ({ type: 'user.added' as const, data: user(i + 1) })), 'Asha');
    expect(written.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(verifyChain('K7', await allDocs(log))).toMatchObject({ ok: true, count: 51 });
  });

  it('tells the local sequence of a write only when nothing else was written in between', async () => {
    const name = uniqueName('log');
    const { db, landNext } = pouchWithLanding(name);
    const log = openLog(db, 'K7');
    const seqOf = async (id: string) => (await log.changes(0, 100)).results.find((c) => (c.doc as { _id: string })._id === id)?.seq;
    const alone = await log.append('user.added', user(0), 'Asha');
    expect(await alone.localSeq).toBe(await seqOf(alone.event._id));
    expect(alone.expectedSeq).toBe(await alone.localSeq);
    landNext(buildEvent({ type: 'user.added', data: user(9), device: 'M3', head: null, at: fixedClock()().toISOString(), by: 'x' }));
    const crowded = await log.append('user.added', user(1), 'Asha');
    expect(await crowded.localSeq).toBeNull();
    expect(await seqOf(crowded.event._id)).toBeDefined();
    expect(await log.count()).toBe(3);
  });
});
