// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, computeHash, type AnyEvent, type ChainHead } from '../../../src/domain/events/envelope';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { storeFetch } from '../../helpers/pouchServer';
import { chainOf, DB, gatewayHarness, refusals, withRevision } from '../../helpers/gatewayHarness';

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
let t1: Awaited<ReturnType<typeof gw.tablet>>;
let ad: Awaited<ReturnType<typeof gw.tablet>>;
beforeAll(async () => {
  gw = await gatewayHarness();
  t1 = await gw.tablet('T1');
  ad = await gw.tablet('AD');
  await gw.allClear();
});
afterAll(async () => { await gw?.close(); });

const AT = '2026-12-01T10:00:00.000Z';
const p1 = formatDowntimeId('T1', 1);
const p2 = formatDowntimeId('T2', 1);

/** An event of `device` after `head` as a hostile tablet writes it by hand: hashed right, so only the checks can tell. */
function forged(device: string, type: string, data: unknown, head: ChainHead) {
  const body = { _id: `ev:${device}:${String(head.seq + 1).padStart(10, '0')}`, type, device, seq: head.seq + 1, at: AT, by: 'Asha Verma', prev: head.hash, data };
  return withRevision({ ...body, hash: computeHash(body as never) } as AnyEvent);
}
const built = (device: string, type: string, data: unknown, head: ChainHead) =>
  withRevision(buildEvent({ type: type as never, data, device, head, at: AT, by: 'Asha Verma' }) as AnyEvent);
const headOf = async (device: string) => {
  const stored = await gw.storedEvents(device);
  const last = stored[stored.length - 1]!;
  return { seq: last.seq, hash: last.hash };
};

describe('central gateway: reconciliation events (issue 13, point 2)', () => {
  it('refuses every reconciliation decision from a tablet that is not the administrator\'s device, however well formed', async () => {
    const [first] = chainOf('T1', 1);
    expect(refusals(await t1.push([first!]))).toEqual([]);
    const head = { seq: first!.seq, hash: first!.hash };
    for (const [type, data] of [
      ['patient.linked', { patient: p1, uhid: 'UH-100234', reason: 'Same name, mobile and age' }],
      ['patient.markedNew', { patient: p1, reason: 'Not in the HIS' }],
      ['patient.merged', { kept: p1, merged: p2, reason: 'Registered twice' }],
      ['reconcile.undone', { undoes: 'ev:AD:0000000002', patient: p1, reason: 'Wrong patient' }],
    ] as const) {
      const res = await t1.push([built('T1', type, data, head)]);
      expect(res.status).toBe(201);
      expect(refusals(res).map((r) => r.reason).join(' | '), type).toMatch(/administrator's device \(reader\) only/);
    }
    expect((await gw.storedEvents('T1')).map((d) => d._id)).toEqual([first!._id]);
  });

  it('refuses malformed decisions from the administrator\'s device, and stores valid ones', async () => {
    const [first] = chainOf('AD', 1);
    expect(refusals(await ad.push([first!]))).toEqual([]);
    let head: ChainHead = { seq: first!.seq, hash: first!.hash };
    const cases: Array<[string, unknown, RegExp]> = [
      ['patient.linked', { patient: p1, uhid: 'UH-100234' }, /reason: required/],
      ['patient.linked', { patient: p1, uhid: { $ne: '' }, reason: 'x' }, /uhid/],
      ['patient.linked', { patient: p1, uhid: 'UH 1; drop', reason: 'x' }, /uhid: uhid/],
      ['patient.linked', { patient: 'DT-T1-000001', uhid: 'UH-100234', reason: 'x' }, /patient: downtimeId/],
      ['patient.linked', { patient: p1, uhid: 'UH-100234', reason: 'x', by: 'Someone else' }, /unknownField/],
      ['patient.markedNew', { patient: p1, reason: '   ' }, /reason: required/],
      ['patient.merged', { kept: p1, merged: p1, reason: 'same' }, /merged: mergeItself/],
      ['patient.merged', { kept: p1, merged: [p2], reason: 'x' }, /merged/],
      ['reconcile.undone', { undoes: '../../_users', patient: p1, reason: 'x' }, /undoes: eventRef/],
      ['reconcile.undone', { undoes: 'ev:AD:0000000002', patient: p1, reason: 'x'.repeat(201) }, /reason: tooLong/],
    ];
    for (const [type, data, reason] of cases) {
      const res = await ad.push([forged('AD', type, data, head)]);
      expect(res.status).toBe(201);
      expect(refusals(res).map((r) => r.reason).join(' | '), `${type} ${JSON.stringify(data)}`).toMatch(reason);
    }
    expect(await gw.storedEvents('AD')).toHaveLength(1);

    const docs = [];
    for (const [type, data] of [
      ['patient.linked', { patient: p1, uhid: 'uh-100234', reason: 'Same name, mobile and age' }],
      ['patient.merged', { kept: p1, merged: p2, reason: 'Registered on two tablets' }],
      ['reconcile.undone', { undoes: 'ev:AD:0000000003', patient: p2, reason: 'Twins, not one person' }],
      ['patient.markedNew', { patient: p2, reason: 'Not in the HIS' }],
    ] as const) {
      const doc = built('AD', type, data, head);
      docs.push(doc);
      head = { seq: doc.seq, hash: doc.hash };
    }
    expect(refusals(await ad.push(docs))).toEqual([]);
    const stored = await gw.storedEvents('AD');
    expect(stored.map((d) => d.type)).toEqual(['token.called', 'patient.linked', 'patient.merged', 'reconcile.undone', 'patient.markedNew']);
    // The UHID is stored as the HIS writes it.
    expect(stored[1]!.data).toMatchObject({ uhid: 'UH-100234' });
  });

  it('is refused by the design document too, for a tablet writing to the store past the gateway', async () => {
    const t1Head = await headOf('T1');
    const link = built('T1', 'patient.linked', { patient: p1, uhid: 'UH-100234', reason: 'Same mobile' }, t1Head);
    const res = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: gw.accounts.T1, body: { docs: [link], new_edits: false } });
    expect(JSON.stringify(res.body)).toMatch(/forbidden.*administrator's device \(reader\) only/);
    expect(await gw.storedEvents('T1')).toHaveLength(1);

    // The administrator's device past the gateway: a decision of the wrong shape is refused.
    const adHead = await headOf('AD');
    for (const [type, data] of [
      ['patient.linked', { patient: p1, uhid: { $gt: '' }, reason: 'x' }],
      ['patient.merged', { kept: p1, merged: p2, reason: 'x', note: 'extra' }],
      ['reconcile.undone', { undoes: 'nothing', patient: p1, reason: 'x' }],
    ] as const) {
      const r = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: gw.accounts.AD, body: { docs: [forged('AD', type, data, adHead)], new_edits: false } });
      expect(JSON.stringify(r.body), type).toMatch(/forbidden/);
    }
    expect(await gw.storedEvents('AD')).toHaveLength(5);
  });
});
