import PouchDB from 'pouchdb-browser';
import { describe, expect, it } from 'vitest';
import { idbEventRange } from '../../src/device/idbEventRange';
import { KeyRing } from '../../src/device/keyRing';
import { openedEvents } from '../../src/device/sealedEvents';
import { eventId, eventIdRange } from '../../src/domain/events/envelope';
import { openLog, uniqueName } from '../helpers/deviceHarness';

const user = (i: number) => ({ name: `Clerk ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, role: 'clerk' });

/** What PouchDB itself answers for the same range. */
async function throughPouch(name: string, device: string, from: number, limit: number) {
  const { end } = eventIdRange(device);
  const res = await new PouchDB(name).allDocs({ startkey: eventId(device, from), endkey: end, include_docs: true, limit });
  return res.rows.map((r) => r.doc);
}

describe('reading a run of events straight from IndexedDB', () => {
  it('gives what PouchDB gives, from any point and for any count, and nothing of another device', async () => {
    const name = uniqueName('range');
    const k7 = openLog(name, 'K7');
    const m2 = openLog(name, 'M2');
    for (let i = 0; i < 12; i += 1) {
      await k7.append('user.added', user(i), 'Asha');
      await m2.append('user.added', user(i + 40), 'Ravi');
    }
    const read = idbEventRange(name, (docs) => Promise.resolve(docs));
    const { end } = eventIdRange('K7');
    for (const [from, limit] of [[1, 5], [4, 100], [12, 1], [13, 5]] as const) {
      const fast = await read(eventId('K7', from), end, limit);
      expect(fast).toEqual(await throughPouch(name, 'K7', from, limit));
    }
    expect((await read(eventId('K7', 1), end, 100))!.map((d) => d.device)).toEqual(Array(12).fill('K7'));
  });

  it("opens a sealed log's data as the log hands it out", async () => {
    const name = uniqueName('sealed');
    const keyRing = new KeyRing();
    await keyRing.open(crypto.getRandomValues(new Uint8Array(32)));
    const log = openLog(name, 'K7', undefined, undefined, keyRing);
    for (let i = 0; i < 3; i += 1) await log.append('user.added', user(i), 'Asha');
    const stored = await throughPouch(name, 'K7', 1, 3);
    expect(JSON.stringify(stored)).not.toContain('Clerk');
    const fast = await idbEventRange(name, openedEvents(keyRing))(eventId('K7', 1), eventIdRange('K7').end, 3);
    expect(fast!.map((d) => d.data)).toEqual([user(0), user(1), user(2)]);
    expect(await log.readRange('K7', 1, 3)).toEqual(fast);
  });

  it('hands an event whose data does not open out without it, and opens the rest of the run', async () => {
    const keyRing = new KeyRing();
    await keyRing.open(crypto.getRandomValues(new Uint8Array(32)));
    const docs = [1, 2, 3].map((seq) => ({ _id: eventId('K7', seq), seq, data: keyRing.seal(eventId('K7', seq), user(seq)) }));
    // Event 2 carries event 3's sealed data: moved at rest, it must not open as event 2's.
    const moved = docs.map((doc, i) => (i === 1 ? { ...doc, data: docs[2]!.data } : doc));
    expect((await openedEvents(keyRing)(moved)).map((d) => d.data)).toEqual([user(1), undefined, user(3)]);
    expect((await openedEvents(keyRing)(docs)).map((d) => d.data)).toEqual([user(1), user(2), user(3)]);
  });

  it('leaves an event stored under two revisions to PouchDB, which picks the winner', async () => {
    const name = uniqueName('twice');
    const log = openLog(name, 'K7');
    for (let i = 0; i < 4; i += 1) await log.append('user.added', user(i), 'Asha');
    // A second revision of event 4 (an edit left until compaction), and of event 2 inside the run.
    const pouch = new PouchDB(name);
    for (const seq of [2, 4]) {
      const doc = await pouch.get(eventId('K7', seq));
      await pouch.put({ ...doc, by: 'Edited' });
    }
    const read = idbEventRange(name, (docs) => Promise.resolve(docs));
    const { end } = eventIdRange('K7');
    // Event 4 is the last asked for: its second revision lies just past the run, and still shows.
    expect(await read(eventId('K7', 3), end, 2)).toBeNull();
    expect(await read(eventId('K7', 1), end, 3)).toBeNull();
    // Event 3 alone is one revision: read straight.
    expect(await read(eventId('K7', 3), end, 1)).toHaveLength(1);
    const viaLog = await log.readRange('K7', 1, 4);
    expect(viaLog).toEqual(await throughPouch(name, 'K7', 1, 4));
    expect(viaLog.map((d) => d.by)).toEqual(['Asha', 'Edited', 'Asha', 'Edited']);
  });

  it('never creates a database PouchDB has not made, which PouchDB then makes as usual', async () => {
    const name = uniqueName('absent');
    expect(await idbEventRange(name, (docs) => Promise.resolve(docs))(eventId('K7', 1), eventIdRange('K7').end, 10)).toBeNull();
    const log = openLog(name, 'K7');
    await log.append('user.added', user(0), 'Asha');
    expect(await log.readRange('K7', 1, 10)).toHaveLength(1);
  });

  it('lets PouchDB delete its database while the reader holds it open', async () => {
    const name = uniqueName('destroyed');
    const log = openLog(name, 'K7');
    await log.append('user.added', user(0), 'Asha');
    const read = idbEventRange(name, (docs) => Promise.resolve(docs));
    expect(await read(eventId('K7', 1), eventIdRange('K7').end, 10)).toHaveLength(1);
    await new PouchDB(name).destroy();
    expect(await read(eventId('K7', 1), eventIdRange('K7').end, 10)).toBeNull();
  });
});
