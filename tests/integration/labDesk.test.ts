import { describe, expect, it } from 'vitest';
import { LabDesk } from '../../src/device/labDesk';
import { ResultDesk } from '../../src/device/resultDesk';
import { FrontDesk } from '../../src/device/frontDesk';
import { verifyChain } from '../../src/domain/events/chain';
import { compactSpecimenId } from '../../src/domain/ids/compactSpecimenId';
import { formatSpecimenId, parseSpecimenId } from '../../src/domain/ids/specimenId';
import { DEFAULT_CATALOGUE } from '../../src/domain/lab/defaultCatalogue';
import type { SpecimenRow } from '../../src/domain/projections/labRows';
import { openBlockRow } from '../../src/domain/projections/projectLab';
import { refusal } from '../helpers/refusal';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';

const TECH = { name: 'Meena Das', role: 'lab' as const };

async function setup(options: Parameters<typeof makeDesk>[0] = {}) {
  const h = makeDesk(options);
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const front = new FrontDesk(h.desk);
  const patient = await front.register(admin, PATIENT);
  return { ...h, admin, front, lab: new LabDesk(h.desk), patient: patient.patient };
}

const order = (patient: string, over: Record<string, unknown> = {}) =>
  ({ patient, tests: ['CBC', 'ESR', 'LFT', 'URM'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer', notes: 'fever 3 days', ...over });

describe('lab requisitions', () => {
  it('groups the tests into one specimen per container, with IDs that carry a check character', async () => {
    const { lab, patient } = await setup();
    const view = await lab.request(TECH, order(patient));
    expect(view.request).toMatchObject({ request: 'LR-K7-0000001', patient, catalogueVersion: 'BASE-1', priority: 'routine', requestedBy: TECH.name, notes: 'fever 3 days' });
    expect(view.specimens.map((s) => `${s.container}:${s.tests.join('+')}`)).toEqual(['PLAIN:LFT', 'EDTA:CBC+ESR', 'URINE:URM']);
    expect(view.specimens.map((s) => s.specimen)).toEqual(view.request.specimens);
    expect(view.specimens.map((s) => parseSpecimenId(s.specimen))).toEqual([1, 2, 3].map((n) => expect.objectContaining({ ok: true, device: 'K7', number: n })));
    expect(view.specimens.every((s) => s.status === 'requested' && s.dept === 'MED' && s.priority === 'routine')).toBe(true);
    expect(view.catalogue?.version).toBe('BASE-1');

    const next = await lab.request(TECH, order(patient, { tests: ['pt', ' cbc '], priority: 'stat' }));
    expect(next.request.request).toBe('LR-K7-0000002');
    expect(next.specimens.map((s) => [parseSpecimenId(s.specimen).ok && s.specimen.slice(6, 13), s.container])).toEqual([['0000004', 'CITR'], ['0000005', 'EDTA']]);
  });

  it.each([
    [{ tests: [] }, 'tests:noTests'],
    [{ tests: undefined }, 'tests:noTests'],
    [{ tests: ['CBC', 'XYZ'] }, 'tests:unknownTest'],
    [{ tests: ['C B C'] }, 'tests.0:testCode'],
    [{ priority: 'asap' }, 'priority:priority'],
    [{ priority: '' }, 'priority:required'],
    [{ dept: 'ZZZ' }, 'dept:departmentUnknown'],
    [{ clinician: '' }, 'clinician:required'],
    [{ notes: 'x'.repeat(301) }, 'notes:tooLong'],
  ])('refuses a bad requisition and stores nothing (%#)', async (over, code) => {
    const { lab, patient, db, desk } = await setup();
    const before = await desk.eventCount();
    expect(await refusal(lab.request(TECH, order(patient, over)))).toContain(code);
    expect(await db.labRequests.count()).toBe(0);
    expect(await db.specimens.count()).toBe(0);
    expect(await desk.eventCount()).toBe(before);
  });

  it('refuses a patient the device does not know, and a clerk ordering tests', async () => {
    const { lab, patient, db } = await setup();
    expect(await refusal(lab.request(TECH, order('DT-K7-000099-0')))).toEqual(['patientNotFound']);
    expect(await refusal(lab.request({ name: 'Ravi', role: 'clerk' }, order(patient)))).toEqual(['roleNotAllowed']);
    expect(await db.labRequests.count()).toBe(0);
  });

  it('two tabs ordering at once never hand out the same specimen ID, and the chain stays whole', async () => {
    const a = await setup();
    const tabB = makeDesk({ names: a.names, locks: a.locks });
    await tabB.desk.login(ADMIN.name, ADMIN.pin);
    const labB = new LabDesk(tabB.desk);
    const views = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a.lab : labB).request(TECH, order(a.patient))));
    const ids = views.flatMap((v) => v.request.specimens);
    expect(new Set(ids).size).toBe(8 * 3);
    expect(new Set(views.map((v) => v.request.request)).size).toBe(8);
    const docs: unknown[] = [];
    for await (const page of a.desk.eventLog!.readChain('K7')) docs.push(...page);
    expect(verifyChain('K7', docs)).toMatchObject({ ok: true });
  });
});

describe('sample status', () => {
  it('moves a tube from collected to reported, recording who and when', async () => {
    const { lab, patient } = await setup();
    const [edta] = (await lab.request(TECH, order(patient, { tests: ['CBC'] }))).specimens;
    const id = edta!.specimen;
    const [collected] = await lab.collect(TECH, [id], { collectedBy: 'Sister Anjali' });
    expect(collected).toMatchObject({ status: 'collected', collectedBy: 'Sister Anjali' });
    expect(collected!.collectedAt).toMatch(/^2026-11-26T/);
    await lab.receive(TECH, [id]);
    const [reported] = await lab.report(TECH, [id], 'Hb 9.2, see slip');
    expect(reported).toMatchObject({ status: 'reported', receivedBy: TECH.name, reportedBy: TECH.name, reportNote: 'Hb 9.2, see slip' });
  });

  it('refuses moves that make no sense, with a message that says why, and stores nothing', async () => {
    const { lab, patient, desk } = await setup();
    const [a, b] = (await lab.request(TECH, order(patient, { tests: ['CBC', 'LFT'] }))).specimens.map((s) => s.specimen);
    const count = () => desk.eventCount();
    const before = await count();
    expect(await refusal(lab.receive(TECH, [a!]))).toEqual(['receiveBeforeCollect']);
    expect(await refusal(lab.report(TECH, [a!]))).toEqual(['reportBeforeReceive']);
    expect(await refusal(lab.reject(TECH, a!, 'haemolysed'))).toEqual(['rejectBeforeCollect']);
    expect(await count()).toBe(before);

    await lab.collect(TECH, [a!, b!]);
    expect(await refusal(lab.reject(TECH, a!, ''))).toEqual(['reason:rejectReason']);
    expect(await refusal(lab.reject(TECH, a!, undefined))).toEqual(['reason:rejectReason']);
    expect(await refusal(lab.reject(TECH, a!, 'other'))).toEqual(['note:rejectNote']);
    const [rejected] = [await lab.reject(TECH, a!, 'haemolysed', 'pink serum')];
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'haemolysed', rejectNote: 'pink serum' });
    const afterReject = await count();
    expect(await refusal(lab.receive(TECH, [a!]))).toEqual(['specimenRejected']);
    expect(await refusal(lab.report(TECH, [a!]))).toEqual(['specimenRejected']);
    // One bad tube in a rack refuses the whole rack: nothing half-done.
    expect(await refusal(lab.receive(TECH, [b!, a!]))).toEqual(['specimenRejected']);
    expect((await lab.specimen(b!))?.status).toBe('collected');
    expect(await refusal(lab.receive(TECH, ['SP-K7-0009999-0']))).toEqual(['specimenNotFound']);
    expect(await count()).toBe(afterReject);
  });

  it('refuses a collection time in the future or before the order, and a collector who is not a name', async () => {
    const { lab, patient } = await setup();
    const [s] = (await lab.request(TECH, order(patient, { tests: ['CBC'] }))).specimens;
    expect(await refusal(lab.collect(TECH, [s!.specimen], { collectedAt: '2027-01-01T00:00:00.000Z' }))).toEqual(['collectedAt:timeFuture']);
    expect(await refusal(lab.collect(TECH, [s!.specimen], { collectedAt: '2026-11-25T00:00:00.000Z' }))).toEqual(['collectedAt:collectedBeforeRequest']);
    expect(await refusal(lab.collect(TECH, [s!.specimen], { collectedAt: 'yesterday' }))).toEqual(['collectedAt:timestamp']);
    expect(await refusal(lab.collect(TECH, [s!.specimen], { collectedBy: '1234' }))).toEqual(['collectedBy:personName']);
    expect((await lab.specimen(s!.specimen))?.status).toBe('requested');
  });

  it('numbers every print, per label and per slip', async () => {
    const { lab, patient } = await setup();
    const view = await lab.request(TECH, order(patient));
    const [first, second] = view.request.specimens;
    expect(await lab.recordLabelPrint(TECH, first!, '50x25')).toBe(1);
    expect(await lab.recordLabelPrint(TECH, second!, '50x25')).toBe(1);
    expect(await lab.recordLabelPrint(TECH, first!, '38x25')).toBe(2);
    expect(await lab.recordSlipPrint(TECH, view.request.request)).toBe(1);
    expect(await lab.recordSlipPrint(TECH, view.request.request)).toBe(2);
    expect((await lab.specimen(first!))?.labelPrints).toBe(2);
    expect(await refusal(lab.recordSlipPrint(TECH, 'LR-K7-0000099'))).toEqual(['labRequestNotFound']);
  });
});

describe('worklist and lookup', () => {
  it('filters by status, priority, department and container, oldest first', async () => {
    const { lab, patient } = await setup();
    const r1 = await lab.request(TECH, order(patient, { tests: ['CBC', 'LFT'] }));
    const r2 = await lab.request(TECH, order(patient, { tests: ['CBC'], priority: 'stat', dept: 'PED' }));
    const r3 = await lab.request(TECH, order(patient, { tests: ['PT'], priority: 'urgent' }));
    const ids = (w: { rows: Array<{ specimen: string }> }) => w.rows.map((r) => r.specimen);
    const [lft, cbc1] = r1.request.specimens;
    const [cbc2] = r2.request.specimens;
    const [pt] = r3.request.specimens;
    expect(ids(await lab.worklist())).toEqual([lft, cbc1, cbc2, pt]);
    expect((await lab.worklist()).rows[0]?.patientName).toBe('Ravi Kumar');
    expect(ids(await lab.worklist({ priority: 'stat' }))).toEqual([cbc2]);
    expect(ids(await lab.worklist({ container: 'EDTA' }))).toEqual([cbc1, cbc2]);
    expect(ids(await lab.worklist({ dept: 'MED', container: 'EDTA' }))).toEqual([cbc1]);
    expect(ids(await lab.worklist({ priority: 'stat', dept: 'MED' }))).toEqual([]);

    await lab.collect(TECH, [cbc2!, lft!]);
    await lab.receive(TECH, [lft!]);
    expect(ids(await lab.worklist({ status: 'requested' }))).toEqual([cbc1, pt]);
    expect(ids(await lab.worklist({ status: 'collected' }))).toEqual([cbc2]);
    expect(ids(await lab.worklist({ status: 'received' }))).toEqual([lft]);
    expect(ids(await lab.worklist({ status: 'pending' }))).toEqual([lft, cbc1, cbc2, pt]);
    await lab.report(TECH, [lft!]);
    expect(ids(await lab.worklist())).toEqual([cbc1, cbc2, pt]);
    expect(ids(await lab.worklist({ status: 'reported' }))).toEqual([lft]);

    const page = await lab.worklist({}, 2);
    expect(page).toMatchObject({ more: true });
    expect(ids(page)).toEqual([cbc1, cbc2]);
  });

  it('pages the oldest open work across many blocks, wherever in the numbering it sits', async () => {
    const { lab, db, patient } = await setup();
    // Nine blocks of another tablet, pulled: numbers and request times need not go together.
    const at = (minute: number) => new Date(Date.parse('2026-11-20T04:00:00.000Z') + minute * 60_000).toISOString();
    const specimens: SpecimenRow[] = [];
    const blocks = Array.from({ length: 9 }, (_, b) => {
      const items = [0, 1].map((k) => {
        const number = b * 1000 + k + 1;
        const item = { specimen: formatSpecimenId('P2', number), requestedAt: at(b === 6 ? k : 100 + b * 10 + k), priority: 'routine' as const, dept: 'MED', container: 'EDTA' as const };
        specimens.push({ ...item, request: 'LR-P2-0000001', patient, device: 'P2', number, sample: 'wholeBlood', tests: ['CBC'], status: 'requested', labelPrints: 0 });
        return item;
      });
      return openBlockRow(`P2:${String(b).padStart(4, '0')}`, items);
    });
    await db.transaction('rw', db.labOpen, db.specimens, async () => {
      await db.labOpen.bulkPut(blocks);
      await db.specimens.bulkPut(specimens);
    });
    const first = await lab.worklist({}, 3);
    expect(first.rows.map((r) => r.specimen)).toEqual([formatSpecimenId('P2', 6001), formatSpecimenId('P2', 6002), formatSpecimenId('P2', 1)]);
    expect(first.more).toBe(true);
    const all = await lab.worklist({}, 100);
    expect(all.rows).toHaveLength(18);
    expect(all.rows.map((r) => r.requestedAt)).toEqual([...all.rows.map((r) => r.requestedAt)].sort());
  });

  it('finds a scanned specimen, and says when a scan has a wrong check character', async () => {
    const { lab, patient } = await setup();
    const [s] = (await lab.request(TECH, order(patient, { tests: ['CBC'] }))).request.specimens;
    expect(await lab.lookup(s!.toLowerCase())).toMatchObject({ kind: 'found', specimen: { specimen: s } });
    const wrong = s!.slice(0, -1) + (s!.endsWith('A') ? 'B' : 'A');
    expect(await lab.lookup(wrong)).toEqual({ kind: 'badId', reason: 'idCheck' });
    expect(await lab.lookup('SP-K7-12')).toEqual({ kind: 'badId', reason: 'idFormat' });
    const unknownValid = 'SP-K7-0000099-' + (await import('../../src/domain/ids/checkChar')).checkChar('K70000099');
    expect(await lab.lookup(unknownValid)).toEqual({ kind: 'notFound', id: unknownValid });
    expect(await lab.lookup('  ')).toEqual({ kind: 'empty' });
  });

  it('finds a specimen from the compact form a narrow label\'s barcode carries, and refuses one whose check fails', async () => {
    const { lab, patient } = await setup();
    const [s] = (await lab.request(TECH, order(patient, { tests: ['CBC'] }))).request.specimens;
    const compact = compactSpecimenId(s!);
    expect(await lab.lookup(compact)).toMatchObject({ kind: 'found', specimen: { specimen: s } });
    const badCheck = compact.slice(0, -2) + (compact.endsWith('00') ? '01' : '00');
    expect(await lab.lookup(badCheck)).toEqual({ kind: 'badId', reason: 'idCheck' });
    const other = compactSpecimenId(formatSpecimenId('K7', 99));
    expect(await lab.lookup(other)).toEqual({ kind: 'notFound', id: formatSpecimenId('K7', 99) });
  });
});

describe('test catalogue', () => {
  it('publishes edits as new versions and never changes what an old request shows', async () => {
    const { lab, admin, patient } = await setup();
    const old = await lab.request(TECH, order(patient, { tests: ['ESR', 'CBC'] }));
    const edited = DEFAULT_CATALOGUE.tests.filter((t) => t.code !== 'ESR').map((t) => (t.code === 'CBC' ? { ...t, name: 'CBC with differential' } : t));
    const v2 = await lab.publishCatalogue(admin, edited);
    expect(v2.version).toBe('K7-1');
    expect((await lab.currentCatalogue()).version).toBe('K7-1');
    expect((await lab.catalogueHistory())[0]).toMatchObject({ version: 'K7-1', basedOn: 'BASE-1', publishedBy: ADMIN.name });

    const shown = await lab.requestView(old.request.request);
    expect(shown?.catalogue?.version).toBe('BASE-1');
    expect(shown?.catalogue?.tests.find((t) => t.code === 'ESR')?.name).toBe('Erythrocyte sedimentation rate');
    expect(shown?.catalogue?.tests.find((t) => t.code === 'CBC')?.name).toBe('Complete blood count');
    expect(shown?.specimens[0]?.tests).toEqual(['ESR', 'CBC']);

    expect(await refusal(lab.request(TECH, order(patient, { tests: ['ESR'] })))).toEqual(['tests:unknownTest']);
    const fresh = await lab.request(TECH, order(patient, { tests: ['CBC'] }));
    expect(fresh.request.catalogueVersion).toBe('K7-1');
    expect(fresh.catalogue?.tests.find((t) => t.code === 'CBC')?.name).toBe('CBC with differential');
    expect((await lab.publishCatalogue(admin, DEFAULT_CATALOGUE.tests)).version).toBe('K7-2');
    // The same tests again, now that the current version came from an event: nothing to publish.
    expect(await refusal(lab.publishCatalogue(admin, DEFAULT_CATALOGUE.tests))).toEqual([':noChanges']);
  });

  it('lets only an administrator edit it, and refuses bad or empty edits', async () => {
    const { lab, admin, db } = await setup();
    expect(await refusal(lab.publishCatalogue(TECH, DEFAULT_CATALOGUE.tests))).toEqual(['adminOnly']);
    expect(await refusal(lab.publishCatalogue(admin, DEFAULT_CATALOGUE.tests))).toEqual([':noChanges']);
    expect(await refusal(lab.publishCatalogue(admin, []))).toEqual(['tests:noTests']);
    expect(await refusal(lab.publishCatalogue(admin, [{ ...DEFAULT_CATALOGUE.tests[0], code: 'c b c' }]))).toEqual(['tests.0.code:testCode']);
    expect(await db.catalogues.count()).toBe(0);
  });
});

describe('projection', () => {
  it('rebuilds to exactly the rows that incremental application gave', async () => {
    const { lab, patient, desk, db, admin } = await setup();
    const v = await lab.request(TECH, order(patient));
    const [a, b] = v.request.specimens;
    await lab.collect(TECH, [a!, b!]);
    await lab.receive(TECH, [a!]);
    await lab.reject(TECH, b!, 'insufficient');
    await lab.recordLabelPrint(TECH, a!, '50x25');
    await lab.publishCatalogue(admin, DEFAULT_CATALOGUE.tests.slice(1));
    // Results too (issue 18): a draft, then the entry; the specimen stays open until verified.
    const results = new ResultDesk(desk);
    await results.saveDraft(TECH, a!, { 'LFT.TBIL': '2.4' });
    await results.enter(TECH, a!, { 'LFT.TBIL': '2.4', 'LFT.DBIL': '0.6', 'LFT.AST': '35', 'LFT.ALT': '30', 'LFT.ALP': '90', 'LFT.TP': '7.0', 'LFT.ALB': '4.0' });
    const snapshot = async () => ({
      specimens: await db.specimens.toArray(), requests: await db.labRequests.toArray(), catalogues: await db.catalogues.toArray(),
      device: await db.devices.get('K7'), results: await db.labResults.toArray(), open: await db.labOpen.toArray(),
    });
    const before = await snapshot();
    await desk.projections!.rebuild();
    expect(await snapshot()).toEqual(before);
    expect(before.device).toMatchObject({ lastSpecimenNumber: 3, lastRequestNumber: 1 });
    expect(before.results).toEqual([expect.objectContaining({ specimen: a, status: 'entered', enteredBy: TECH.name })]);
  });
});
