// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainHead } from '../../../src/domain/events/envelope';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { formatAdmissionId } from '../../../src/domain/wards/admissionId';
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

const admission = formatAdmissionId('T1', 1);
const SURG = { ward: 'SURG', bed: '3' };
const ADMIT = { admission, patient, ward: 'SURG', bed: '3', source: 'emergency', visit: 'ER-T1-000001', dept: 'SUR', consultant: 'Dr Meera Iyer', diagnosis: 'Fracture femur', mlc: true };

describe('central gateway: ward events (issue 14, point 3)', () => {
  it('refuses malformed ward set-ups, bed marks, admissions, transfers and discharges, and stores valid ones', async () => {
    const [first] = chainOf('T1', 1);
    expect(refusals(await t1.push([first!]))).toEqual([]);
    const head = { seq: first!.seq, hash: first!.hash };
    const cases: Array<[string, unknown, RegExp]> = [
      ['ward.defined', { ward: 'SURG', name: 'Surgery', beds: [{ label: '1', type: 'general', occupant: 'x' }] }, /unknownField/],
      ['ward.defined', { ward: 'SURG;', name: 'Surgery', beds: [{ label: '1', type: 'general' }] }, /ward: wardCode/],
      ['bed.marked', { ...SURG, status: { $ne: 'free' } }, /status: bedMark/],
      ['ward.admitted', { ...ADMIT, admission: 'IP-T1-000001' }, /admission: admissionId/],
      ['ward.admitted', { ...ADMIT, bed: '<img src=x onerror=alert(1)>' }, /bed: bedLabel/],
      ['ward.admitted', { ...ADMIT, mlc: 'yes' }, /mlc/],
      ['ward.transferred', { admission, from: SURG, to: { ward: 'SURG' } }, /to\.bed: required/],
      ['ward.discharged', { admission, from: SURG, outcome: 'escaped' }, /outcome: discharge/],
      ['ward.discharged', { admission, from: SURG, outcome: 'death', diedAt: 'yesterday' }, /diedAt: timestamp/],
      ['ward.discharged', { admission, from: SURG, outcome: 'death' }, /diedAt: required/],
      ['ward.wristbandPrinted', { admission, copy: 0 }, /copy/],
      // An admission entered in error: a reason is required, bounded, text only, and nothing else rides along.
      ['ward.enteredInError', { admission, from: SURG }, /reason: required/],
      ['ward.enteredInError', { admission, from: SURG, reason: '   ' }, /reason: required/],
      ['ward.enteredInError', { admission, from: SURG, reason: 'x'.repeat(201) }, /reason: tooLong/],
      ['ward.enteredInError', { admission, from: SURG, reason: { $ne: '' } }, /reason/],
      ['ward.enteredInError', { admission, from: SURG, reason: 'Wrong patient', status: 'admitted' }, /unknownField/],
      ['ward.enteredInError', { admission: 'IP-T1-000001', from: SURG, reason: 'Wrong patient' }, /admission: admissionId/],
      ['ward.enteredInError', { admission, from: { ward: 'SURG', bed: '../3' }, reason: 'Wrong patient' }, /from\.bed: bedLabel/],
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
      ['ward.defined', { ward: 'SURG', name: 'Surgery ward', nameHi: 'सर्जरी वार्ड', beds: [{ label: '3', type: 'general' }, { label: 'ICU1', type: 'icu' }] }],
      ['bed.marked', { ...SURG, status: 'reserved' }],
      ['ward.admitted', ADMIT],
      ['ward.transferred', { admission, from: SURG, to: { ward: 'SURG', bed: 'ICU1' } }],
      ['ward.wristbandPrinted', { admission, copy: 1 }],
      ['ward.discharged', { admission, from: { ward: 'SURG', bed: 'ICU1' }, outcome: 'death', diedAt: '2026-12-01T09:45:00.000Z' }],
      ['ward.admitted', { ...ADMIT, admission: formatAdmissionId('T1', 2) }],
      ['ward.enteredInError', { admission: formatAdmissionId('T1', 2), from: SURG, reason: 'Wrong patient admitted' }],
    ] as const) {
      const doc = built(type, data, h);
      docs.push(doc);
      h = { seq: doc.seq, hash: doc.hash };
    }
    expect(refusals(await t1.push(docs))).toEqual([]);
    expect((await gw.storedEvents('T1')).map((d) => d.type)).toEqual(['token.called', 'ward.defined', 'bed.marked', 'ward.admitted', 'ward.transferred', 'ward.wristbandPrinted', 'ward.discharged', 'ward.admitted', 'ward.enteredInError']);
    expect(verifyChain('T1', await gw.storedEvents('T1'))).toMatchObject({ ok: true });
  });

  it('is refused by the design document too, for a device writing to the store past the gateway', async () => {
    const stored = await gw.storedEvents('T1');
    const last = stored[stored.length - 1]!;
    const doc = forged('ward.admitted', { ...ADMIT, admission: formatAdmissionId('T1', 2), bed: { $gt: '' } }, { seq: last.seq, hash: last.hash });
    const res = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: gw.accounts.T1, body: { docs: [doc], new_edits: false } });
    expect(JSON.stringify(res.body)).toMatch(/forbidden/);
    expect(await gw.storedEvents('T1')).toHaveLength(stored.length);
    // An admission entered in error without its reason, written past the gateway: refused there too.
    const bare = forged('ward.enteredInError', { admission, from: SURG }, { seq: last.seq, hash: last.hash });
    const res2 = await storeFetch(gw.store, `${DB}/_bulk_docs`, { method: 'POST', auth: gw.accounts.T1, body: { docs: [bare], new_edits: false } });
    expect(JSON.stringify(res2.body)).toMatch(/forbidden.*ward.enteredInError: data.reason is missing/);
    expect(await gw.storedEvents('T1')).toHaveLength(stored.length);
  });
});
