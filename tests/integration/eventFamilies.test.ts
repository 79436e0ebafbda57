import { describe, expect, it, vi } from 'vitest';
import { computeHash, eventId } from '../../src/domain/events/envelope';
import { familyCode } from '../../src/domain/events/families';
import { GENESIS_PREV } from '../../src/domain/hash';
import { ADMIN, ENROLLMENT, makeDesk } from '../helpers/deviceHarness';

// This file imports nothing of the server's up front (that puts every family in use at once): as on
// a clerk's tablet, a department's code loads only with its first event.

/** Another tablet's event as a pull brings it: chained, hashed, with its revision. */
function pulledEvent(type: string, data: unknown) {
  const body = { _id: eventId('Q9', 1), type, device: 'Q9', seq: 1, at: '2026-11-26T05:00:00.000Z', by: 'Sister Mary', prev: GENESIS_PREV, data };
  return { ...body, hash: computeHash(body as never), _rev: '1-0123456789abcdef0123456789abcdef' };
}

const WARD = { ward: 'MW', name: 'Medical Ward', beds: [{ label: '1', type: 'general' }, { label: '2', type: 'general' }] };

describe("another department's events on a tablet that has never loaded their code", () => {
  it('folds a pulled ward into its row, and still refuses a type no department has', async () => {
    const h = makeDesk();
    await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const { log, projector } = await h.desk.context();
    expect(() => familyCode('wards')).toThrow(/not loaded/);

    await log.importDocs([pulledEvent('ward.defined', WARD)]);
    await projector.catchUp();

    expect(await h.db.wards.get('MW')).toMatchObject({ name: 'Medical Ward', beds: [{ label: '1' }, { label: '2' }] });
    expect(await h.db.rejects.count()).toBe(0);

    const other = makeDesk();
    await other.desk.enroll({ enrollment: { ...ENROLLMENT, code: 'K8' }, admin: ADMIN });
    const second = await other.desk.context();
    await second.log.importDocs([pulledEvent('ward.exploded', WARD)]);
    await second.projector.catchUp();
    expect((await other.db.rejects.toArray()).map((r) => r.reason)).toEqual([expect.stringMatching(/unknownEventType/)]);
    expect(await other.db.wards.count()).toBe(0);
  });

  it("writes and folds a department's first event of its own", async () => {
    vi.resetModules();
    const families = await import('../../src/domain/events/families');
    const harness = await import('../helpers/deviceHarness');
    const { WardDesk } = await import('../../src/device/wardDesk');
    expect(() => families.familyCode('wards')).toThrow(/not loaded/);

    const h = harness.makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const ward = await new WardDesk(h.desk).defineWard(admin, { ward: 'MW', name: 'Medical Ward', beds: '1-2' });

    expect(ward).toMatchObject({ ward: 'MW', name: 'Medical Ward', beds: [{ label: '1' }, { label: '2' }] });
    expect(await h.db.wards.get('MW')).toMatchObject({ name: 'Medical Ward' });
    expect(families.familyCode('wards').family).toBe('wards');
  });

  it("has the gateway check every department's events from its first push", async () => {
    vi.resetModules();
    const families = await import('../../src/domain/events/families');
    expect(() => families.familyCode('lab')).toThrow(/not loaded/);
    await import('../../src/server/gateway/pushRules');
    for (const family of ['lab', 'emergency', 'wards', 'reconcile'] as const) expect(families.familyCode(family).family).toBe(family);
  });
});
