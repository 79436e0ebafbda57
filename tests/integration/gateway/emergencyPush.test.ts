// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainHead } from '../../../src/domain/events/envelope';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { verifyChain } from '../../../src/domain/events/chain';
import { storeFetch } from '../../helpers/pouchServer';
import { chainOf, DB, gatewayHarness, refusals } from '../../helpers/gatewayHarness';
import { built, forged } from '../../helpers/handWritten';

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
let t1: Awaited<ReturnType<typeof gw.tablet>>;
beforeAll(async () => {
  gw = await gatewayHarness();
  t1 = await gw.tablet('T1');
  await gw.allClear();
});
afterAll(async () => { await gw?.close(); });

const patient = formatDowntimeId('T1', 1);
const visit = 'ER-T1-000001';

const UNKNOWN_FIELDS = { alias: 'UNKNOWN MALE T1-0001', sex: 'U', birth: { kind: 'age', years: 35, months: 0, days: 0, estimated: true } };

describe('central gateway: unknown patients and emergency events (issue 14)', () => {
  it('refuses malformed registrations and emergency events, and stores valid ones, old-style registrations included', async () => {
    const [first] = chainOf('T1', 1);
    expect(refusals(await t1.push([first!]))).toEqual([]);
    const head = { seq: first!.seq, hash: first!.hash };
    const cases: Array<[string, unknown, RegExp]> = [
      ['patient.registered', { patient, day: '2026-12-01', fields: { sex: 'M', birth: UNKNOWN_FIELDS.birth } }, /fields\.name: nameOrAlias/],
      ['patient.registered', { patient, day: '2026-12-01', fields: { ...UNKNOWN_FIELDS, alias: { $ne: null } } }, /fields\.alias/],
      ['patient.registered', { patient, day: '2026-12-01', fields: { ...UNKNOWN_FIELDS, birth: { ...UNKNOWN_FIELDS.birth, estimated: 'maybe' } } }, /fields\.birth\.estimated/],
      ['emergency.arrived', { visit, patient, arrival: 'teleport' }, /arrival: arrival/],
      ['emergency.arrived', { visit, patient, arrival: 'police', mlc: { station: 'PS 1', entry: '<img src=x onerror=alert(1)>' } }, /mlc\.entry: diaryEntry/],
      ['emergency.arrived', { visit: 'ER-T1-1;drop', patient, arrival: 'self' }, /visit: visitId/],
      ['emergency.triaged', { visit, category: 'blue' }, /category: triage/],
      ['emergency.triaged', { visit, category: 'red', doctor: 'Dr Who' }, /unknownField/],
      ['emergency.disposed', { visit, disposition: 'escaped' }, /disposition: disposition/],
      ['emergency.disposed', { visit, disposition: 'died', note: 'x'.repeat(201) }, /note: tooLong/],
    ];
    for (const [type, data, reason] of cases) {
      const res = await t1.push([forged(type, data, head)]);
      expect(res.status).toBe(201);
      expect(refusals(res).map((r) => r.reason).join(' | '), `${type} ${JSON.stringify(data)}`).toMatch(reason);
    }
    expect((await gw.storedEvents('T1')).map((d) => d._id)).toEqual([first!._id]);

    const docs = [];
    let h: ChainHead = head;
    for (const [type, data] of [
      ['patient.registered', { patient, day: '2026-12-01', fields: UNKNOWN_FIELDS }],
      ['emergency.arrived', { visit, patient, arrival: 'police', broughtBy: 'HC Suresh', mlc: { station: 'PS Hauz Khas', officer: 'SI Rajbir Singh', entry: 'GD 42A/2026' } }],
      ['emergency.triaged', { visit, category: 'black' }],
      ['emergency.disposed', { visit, disposition: 'died' }],
      // A registration as the release before issue 14 wrote it: every field.
      ['patient.registered', { patient: formatDowntimeId('T1', 2), day: '2026-12-01', fields: {
        name: 'Ravi Kumar', sex: 'M', birth: { kind: 'age', years: 45, months: 0, days: 0 },
        address: { locality: 'Lajpat Nagar', district: 'South Delhi', state: 'Delhi', pin: '110024' }, relative: { name: 'Mohan Lal', relation: 'father' } } }],
    ] as const) {
      const doc = built(type, data, h);
      docs.push(doc);
      h = { seq: doc.seq, hash: doc.hash };
    }
    expect(refusals(await t1.push(docs))).toEqual([]);
    expect((await gw.storedEvents('T1')).map((d) => d.type)).toEqual(['token.called', 'patient.registered', 'emergency.arrived', 'emergency.triaged', 'emergency.disposed', 'patient.registered']);
    // `npm run central -- verify` walks the chain with the same parser: the new types are known to it.
    expect(verifyChain('T1', await gw.storedEvents('T1'))).toMatchObject({ ok: true });
  });

  it('is refused by the design document too, for a device writing to the store past the gateway', async () => {
    const stored = await gw.storedEvents('T1');
    const last = stored[stored.length - 1]!;
    const doc = forged('emergency.triaged', { visit, category: { $gt: '' } }, { seq: last.seq, hash: last.hash });
    const res = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: gw.accounts.T1, body: { docs: [doc], new_edits: false } });
    expect(JSON.stringify(res.body)).toMatch(/forbidden/);
    expect(await gw.storedEvents('T1')).toHaveLength(stored.length);
  });
});
