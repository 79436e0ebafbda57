// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainOf, gatewayHarness, refusals } from '../../helpers/gatewayHarness';

let gw: Awaited<ReturnType<typeof gatewayHarness>>;
let t1: Awaited<ReturnType<typeof gw.tablet>>;
let t2: Awaited<ReturnType<typeof gw.tablet>>;
beforeAll(async () => {
  gw = await gatewayHarness();
  t1 = await gw.tablet('T1');
  t2 = await gw.tablet('T2');
  await gw.allClear();
});
afterAll(async () => { await gw?.close(); });

const storedIds = async (device: string) => (await gw.storedEvents(device)).map((d) => d._id);
/** Resolves once the gateway has sent the store a write of this event (it was judged). */
const forwardedWith = async (id: string) => {
  while (!gw.requests.some((r) => r.path.endsWith('_bulk_docs') && r.body?.includes(`"${id}"`))) await new Promise((r) => setTimeout(r, 5));
};

// Whether the second batch meets the first still being written depends on timing here; that the
// gateway judges it meanwhile and writes it only after is shown in tests/unit/gateway/pushPipeline.test.ts.
// This shows the outcome through the real gateway and store either way.
describe('central gateway: a batch sent right behind the one before it', () => {
  it('stores both, in order, when the first was taken in full', async () => {
    const chain = chainOf('T1', 600);
    const first = t1.push(chain.slice(0, 300));
    await forwardedWith(chain[0]!._id);
    const [one, two] = await Promise.all([first, t1.push(chain.slice(300))]);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect([...refusals(one), ...refusals(two)]).toEqual([]);
    expect(await storedIds('T1')).toEqual(chain.map((d) => d._id));
  });

  it('refuses the second whole when the first broke the chain, as if sent one after the other', async () => {
    const chain = chainOf('T2', 600);
    const forged = { ...chain[200]!, by: 'Forger' };
    const first = t2.push([...chain.slice(0, 200), forged, ...chain.slice(201, 300)]);
    await forwardedWith(chain[0]!._id);
    const [one, two] = await Promise.all([first, t2.push(chain.slice(300))]);
    expect(refusals(one).map((r) => r.id)).toEqual(chain.slice(200, 300).map((d) => d._id));
    expect(refusals(one)[0]!.reason).toMatch(/hash does not match/);
    expect(refusals(two).map((r) => r.id)).toEqual(chain.slice(300).map((d) => d._id));
    expect(refusals(two)[0]!.reason).toMatch(/event 300 of device T2 is not on the central store/);
    expect(await storedIds('T2')).toEqual(chain.slice(0, 200).map((d) => d._id));
  });
});
