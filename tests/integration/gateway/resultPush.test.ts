// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, type ChainHead } from '../../../src/domain/events/envelope';
import { formatSpecimenId } from '../../../src/domain/ids/specimenId';
import { DEFAULT_ANALYTES } from '../../../src/domain/lab/results/defaultAnalytes';
import { storeFetch } from '../../helpers/pouchServer';
import { chainOf, DB, gatewayHarness, refusals, withRevision } from '../../helpers/gatewayHarness';
import { forged as forgedBy } from '../../helpers/handWritten';

const forged = (type: string, data: unknown, head: ChainHead) => forgedBy(type, data, head, 'Meena Das');

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
let t1: Awaited<ReturnType<typeof gw.tablet>>;
beforeAll(async () => {
  gw = await gatewayHarness();
  t1 = await gw.tablet('T1');
  await gw.allClear();
});
afterAll(async () => { await gw?.close(); });

const sp = formatSpecimenId('T1', 1);

describe('central gateway: lab result events', () => {
  it('refuses malformed result events a tablet did not build through the app, and stores a valid one', async () => {
    const [first] = chainOf('T1', 1);
    expect(refusals(await t1.push([first!]))).toEqual([]);
    const head = { seq: first!.seq, hash: first!.hash };
    const entry = { test: 'CBC', analyte: 'HB', value: 9.1 };
    const cases: Array<[string, unknown, RegExp]> = [
      ['result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [{ ...entry, value: { $where: 'sleep(1000)' } }] }, /not a valid event \(data\.values\.0\.value/],
      ['result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [{ ...entry, value: null }] }, /not a valid event \(data\.values\.0\.value/],
      ['result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [entry, entry] }, /values: duplicateAnalyte/],
      ['result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [{ ...entry, analyte: 'hb; drop' }] }, /analyteCode/],
      ['result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [entry], verifiedBy: 'Myself' }, /unknownField/],
      ['result.verified', { specimen: sp, version: '../../_users' }, /version: eventRef/],
      ['result.calledOut', { specimen: sp, values: [entry], to: 'Sister Anjali', readBack: 'yes', calledAt: '2026-12-01T09:00:00.000Z' }, /readBack/],
      ['result.amended', { specimen: sp, analyteVersion: 'BASE-1', values: [entry], amends: 'ev:T1:0000000001' }, /reason: required/],
    ];
    for (const [type, data, reason] of cases) {
      const res = await t1.push([forged(type, data, head)]);
      expect(res.status).toBe(201);
      expect(refusals(res).map((r) => r.reason).join(' | '), type).toMatch(reason);
    }
    expect((await gw.storedEvents('T1')).map((d) => d._id)).toEqual([first!._id]);

    const good = withRevision(buildEvent({ type: 'result.entered', data: { specimen: sp, analyteVersion: 'BASE-1', values: [entry] }, device: 'T1', head, at: '2026-12-01T10:00:00.000Z', by: 'Meena Das' }));
    expect(refusals(await t1.push([good]))).toEqual([]);
    expect((await gw.storedEvents('T1')).map((d) => d.type)).toEqual(['token.called', 'result.entered']);
  });

  it('refuses analyte versions that contradict themselves or carry more than analytes, and stores a valid one', async () => {
    const stored = await gw.storedEvents('T1');
    const last = stored[stored.length - 1]!;
    const head = { seq: last.seq, hash: last.hash };
    const kft = DEFAULT_ANALYTES.tests.KFT!;
    const creat = (over: Record<string, unknown>) => kft.map((a) => (a.code === 'CREAT' ? { ...a, ...over } : a));
    const update = (over: Record<string, unknown>) => ({ version: 'T1-1', basedOn: 'BASE-1', test: 'KFT', analytes: kft, ...over });
    const cases: Array<[unknown, RegExp]> = [
      [update({ analytes: creat({ ranges: [{ band: 'adult', low: 1.3, high: 0.7 }] }) }), /analytes\.1\.ranges\.0\.low: rangeOrder/],
      [update({ analytes: creat({ criticalHigh: 1 }) }), /analytes\.1\.criticalHigh: criticalInsideRange/],
      [update({ analytes: creat({ decimals: -1 }) }), /analytes\.1\.decimals/],
      [update({ analytes: creat({ unit: { $ne: '' } }) }), /analytes\.1/],
      [update({ analytes: creat({ script: '<img src=x onerror=alert(1)>' }) }), /unknownField/],
      [update({ analytes: [] }), /analytes/],
      [update({ version: 'T1-1', basedOn: 'T1-1' }), /basedOn: basedOnItself/],
      [update({ version: '../../_users' }), /version: catalogueVersion/],
      // Another device's version name, or the built-in one's: two contents under one name.
      [update({ version: 'T2-1' }), /version: notThisDevicesVersion/],
      [update({ version: 'BASE-2' }), /version: notThisDevicesVersion/],
      [update({ test: 'kft; drop' }), /test: testCode/],
      [update({ analytes: Array.from({ length: 41 }, (_, i) => ({ ...kft[0]!, code: `A${i}` })) }), /analytes/],
    ];
    for (const [data, reason] of cases) {
      const res = await t1.push([forged('analytes.updated', data, head)]);
      expect(res.status).toBe(201);
      expect(refusals(res).map((r) => r.reason).join(' | '), JSON.stringify(data).slice(0, 120)).toMatch(reason);
    }
    expect(await gw.storedEvents('T1')).toHaveLength(stored.length);

    const good = withRevision(buildEvent({ type: 'analytes.updated', data: update({ analytes: creat({ ranges: [{ band: 'adult', low: 0.6, high: 1.2 }] }) }), device: 'T1', head, at: '2026-12-01T10:05:00.000Z', by: 'Asha Verma' }));
    expect(refusals(await t1.push([good]))).toEqual([]);
    expect((await gw.storedEvents('T1')).map((d) => d.type).slice(-1)).toEqual(['analytes.updated']);
  });

  it('is refused by the design document too, for a device writing to the store past the gateway', async () => {
    const stored = await gw.storedEvents('T1');
    const last = stored[stored.length - 1]!;
    const doc = forged('result.entered', { specimen: sp, analyteVersion: 'BASE-1', values: [{ test: 'CBC', analyte: 'HB', value: { $gt: 0 } }] }, { seq: last.seq, hash: last.hash });
    const res = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: gw.accounts.T1, body: { docs: [doc], new_edits: false } });
    expect(JSON.stringify(res.body)).toMatch(/forbidden/);
    expect(await gw.storedEvents('T1')).toHaveLength(stored.length);
    // An analyte version whose shape is wrong: a value where a number belongs, a field too many;
    const kft = DEFAULT_ANALYTES.tests.KFT!;
    // ...and a good one published under another device's version name.
    for (const [version, analytes] of [['T1-2', kft.map((a) => ({ ...a, decimals: { $gt: 0 } }))], ['T1-2', kft.map((a) => ({ ...a, verifiedBy: 'x' }))], ['T2-7', kft]] as const) {
      const bad = forged('analytes.updated', { version, basedOn: 'BASE-1', test: 'KFT', analytes }, { seq: last.seq, hash: last.hash });
      const r = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: gw.accounts.T1, body: { docs: [bad], new_edits: false } });
      expect(JSON.stringify(r.body)).toMatch(/forbidden/);
    }
    expect(await gw.storedEvents('T1')).toHaveLength(stored.length);
  });
});
