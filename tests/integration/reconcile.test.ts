import { describe, expect, it, vi } from 'vitest';
import { FrontDesk } from '../../src/device/frontDesk';
import { KeyRing } from '../../src/device/keyRing';
import { HisImport } from '../../src/device/hisImport';
import { ReconcileDesk } from '../../src/device/reconcileDesk';
import { DEFAULT_SYSTEMS } from '../../src/domain/export/systems';
import { guessMapping } from '../../src/domain/hisIndex/mapping';
import { ADMIN, bring, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';
import { everythingStored } from '../helpers/everythingStored';
import { refusal } from '../helpers/refusal';
import { fhirErrors } from '../helpers/fhirSchema';
import { GATE, PULL_CHECKED } from '../../src/sync/gateSettings';

const HEADER = 'UHID,Name,Sex,DOB,Age,Mobile,Address';
const INDEX = [
  'UH-100001,Sunita Devi,F,,38,9811055555,"Gali 2, Laxmi Nagar, 110092"',
  'UH-100002,Sunita Devi,F,,62,,Rohini',
  'UH-100003,Ravi Kumar,M,,45,9811012345,"House 12, Lajpat Nagar, 110024"',
  'UH-100004,Mohan Lal,M,,70,,',
];
/** Values no other record holds: a search of the raw stores can only find them in the reconciliation. */
const SECRET_REASON = 'Zephyrine checked against the Aadhaar copy';

/**
 * The administrator's device: its gate opened as the device that pulls everything, and a pull
 * come through (what the resync leaves in its settings; events are brought with bring()).
 * `pulls: false`: an administrator on any other device.
 */
/** Every patient the workbench lists for `query`, all pages. */
const review = async (d: { rec: ReconcileDesk }, query: Parameters<ReconcileDesk['reviewPage']>[0]) => (await d.rec.reviewPage(query, Number.POSITIVE_INFINITY)).items;

/** The reconciliation rows `during` opens (unseals) on the device: the rows it read. */
async function reconciliationRowsOpened(d: { keyRing: KeyRing }, during: () => Promise<unknown>): Promise<string[]> {
  const opened: string[] = [];
  const note = (context: string) => { if (context.startsWith('reconciliation:')) opened.push(context.slice('reconciliation:'.length)); };
  const one = vi.spyOn(d.keyRing, 'unseal').mockImplementation(function (this: KeyRing, context, sealed) {
    note(context);
    return KeyRing.prototype.unseal.call(this, context, sealed);
  });
  const many = vi.spyOn(d.keyRing, 'unsealMany').mockImplementation(function (this: KeyRing, items) {
    for (const i of items) note(i.context);
    return KeyRing.prototype.unsealMany.call(this, items);
  });
  try {
    await during();
  } finally {
    one.mockRestore();
    many.mockRestore();
  }
  return [...new Set(opened)].sort();
}

async function adminDevice(code: string, { pulls = true } = {}) {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code }, admin: ADMIN });
  if (pulls) {
    await h.db.settings.bulkPut([
      { key: GATE, value: { open: true, url: '/central/downtime', username: `device-${code}`, password: 'secret', pull: true, openedAt: '2026-12-01T04:30:00.000Z', openedBy: ADMIN.name } },
      { key: PULL_CHECKED, value: 0 },
    ]);
  }
  const his = new HisImport(h.desk);
  const file = new File([`${[HEADER, ...INDEX].join('\r\n')}\r\n`], 'his.csv', { type: 'text/csv' });
  const staged = await his.stage(file, 'csv', admin, { mapping: guessMapping(HEADER.split(',')), uhidSystem: DEFAULT_SYSTEMS.uhid });
  await his.confirm(staged, admin);
  return { ...h, admin, rec: new ReconcileDesk(h.desk) };
}

/** A clerk's tablet that registered three patients: one in Devanagari, one twice. */
async function clerkTablet() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: { ...ENROLLMENT, code: 'K7' }, admin: ADMIN });
  const front = new FrontDesk(h.desk);
  const sunita = await front.register(admin, { ...PATIENT, name: 'सुनीता देवी', sex: 'F', birth: { kind: 'age', years: 38, months: 0, days: 0 }, mobile: '9811055555', uhid: 'UH-100009', relative: {}, address: { locality: 'Laxmi Nagar', pin: '110092' } });
  const ravi = await front.register(admin, PATIENT);
  const raviAgain = await front.register(admin, { ...PATIENT, mobile: '' });
  return { ...h, patients: { sunita: sunita.patient, ravi: ravi.patient, raviAgain: raviAgain.patient } };
}

/** A clerk's tablet whose events two administrators' devices have pulled, each then offline. */
async function twoAdministrators() {
  const k7 = await clerkTablet();
  const ad = await adminDevice('AD');
  const a2 = await adminDevice('A2');
  await bring(k7, 'K7', ad);
  await bring(k7, 'K7', a2);
  return { k7, ad, a2 };
}

describe('the reconciliation workbench\'s use-cases', () => {
  it('finds HIS candidates in either script, checks the typed UHID, records decisions with reasons, and refuses what it must', async () => {
    const k7 = await clerkTablet();
    const ad = await adminDevice('AD');
    await bring(k7, 'K7', ad);
    const { sunita, ravi, raviAgain } = k7.patients;

    const items = await review(ad, { show: 'unreviewed' });
    expect(items.map((i) => i.patient.patient)).toEqual([sunita, ravi, raviAgain]);
    const found = await ad.rec.candidates(items[0]!.patient);
    // सुनीता देवी is Sunita Devi; her mobile and age pick the right one; the UHID typed at her registration is in no HIS record.
    expect(found.candidates.map((c) => c.uhid)).toEqual(['UH-100001', 'UH-100002']);
    expect(found.candidates[0]!.evidence.find((e) => e.field === 'name')).toMatchObject({ verdict: 'match' });
    expect(found.candidates[0]!.evidence.find((e) => e.field === 'uhid')).toMatchObject({ verdict: 'conflict' });
    expect(found.typed).toEqual({ uhid: 'UH-100009', inIndex: false });

    const clerk = { name: 'Kavita Joshi', role: 'clerk' as const };
    const count = await ad.desk.eventCount();
    expect(await refusal(ad.rec.link(clerk, sunita, 'UH-100001', 'x'))).toEqual(['adminOnly']);
    expect(await refusal(ad.rec.link(ad.admin, sunita, 'UH-999999', 'Looks right'))).toEqual(['uhid:uhidNotInIndex']);
    expect(await refusal(ad.rec.link(ad.admin, sunita, 'UH-100001', '  '))).toEqual(['reason:required']);
    expect(await refusal(ad.rec.merge(ad.admin, ravi, ravi, 'same'))).toEqual(['mergeItself']);
    expect(await ad.desk.eventCount()).toBe(count);

    expect(await ad.rec.link(ad.admin, sunita, 'uh-100001', SECRET_REASON)).toMatchObject({ status: 'linked', uhid: 'UH-100001' });
    expect(await refusal(ad.rec.markNew(ad.admin, sunita, 'Not in the HIS'))).toEqual(['alreadyDecided']);
    // The merge's suggestion: the same name, sex, age and address registered again (without the mobile).
    expect((await ad.rec.duplicates(items[2]!.patient)).map((c) => c.uhid)).toEqual([ravi]);
    await ad.rec.merge(ad.admin, ravi, raviAgain, 'Registered twice at the desk');
    expect(await refusal(ad.rec.merge(ad.admin, raviAgain, ravi, 'the other way'))).toEqual(['mergeCycle']);
    const all = await review(ad, { show: 'all' });
    expect(all.map((i) => [i.status, i.under ?? '', i.mergedIn.join()])).toEqual([['linked', '', ''], ['unreviewed', '', raviAgain], ['merged', ravi, '']]);
    expect((await review(ad, { show: 'unreviewed' })).map((i) => i.patient.patient)).toEqual([ravi]);
    expect(await review(ad, { show: 'all', device: 'M2' })).toEqual([]);

    const row = (await ad.db.reconciliation.get(sunita))!;
    expect(await refusal(ad.rec.undo(ad.admin, sunita, 'ev:AD:0000000099', 'x'))).toEqual(['nothingToUndo']);
    expect(await ad.rec.undo(ad.admin, sunita, row.decisions[0]!.id, 'Wrong Sunita')).toMatchObject({ status: 'unreviewed' });
    expect(await ad.rec.markNew(ad.admin, sunita, 'Not in the HIS')).toMatchObject({ status: 'new' });

    // The export from this device: Ravi once, carrying both downtime IDs; every bundle a valid R4 transaction.
    expect(await refusal(ad.rec.exportFhir(clerk))).toEqual(['adminOnly']);
    const out = await ad.rec.exportFhir(ad.admin);
    expect(out.problems).toEqual([]);
    const bundles = out.ndjson.trimEnd().split('\n').map((l) => JSON.parse(l) as { entry: Array<{ resource: Record<string, unknown> }> });
    for (const b of bundles) expect(fhirErrors(b)).toEqual([]);
    const patients = bundles.flatMap((b) => b.entry.map((x) => x.resource)).filter((r) => r.resourceType === 'Patient');
    const values = (r: Record<string, unknown>) => (r.identifier as Array<{ value: string }> | undefined)?.map((i) => i.value) ?? [];
    expect(patients.map(values)).toEqual(expect.arrayContaining([[raviAgain], [ravi, raviAgain]]));
    // Sunita's link was undone (new in the HIS): the UHID typed at the desk goes as given, as before reconciliation.
    expect(values(patients.find((r) => values(r).includes(sunita))!)).toEqual([sunita, 'UH-100009']);

    // Sealed at rest: the UHID linked and the reasons are nowhere in the stores' raw contents.
    const raw = await everythingStored();
    expect(raw.includes(SECRET_REASON)).toBe(false);
    expect(raw.includes('UH-100001')).toBe(false);
    expect(raw).toMatch(/"status":"new"/);
  });

  it('records no decision on an administrator\'s device that does not pull everything: the central store would refuse it, and with it every later event', async () => {
    const k7 = await clerkTablet();
    const tablet = await adminDevice('M2', { pulls: false });
    await bring(k7, 'K7', tablet);
    const count = await tablet.desk.eventCount();
    expect(await tablet.rec.decidesHere()).toBe(false);
    expect(await refusal(tablet.rec.link(tablet.admin, k7.patients.ravi, 'UH-100003', 'Same mobile'))).toEqual(['notReaderDevice']);
    expect(await refusal(tablet.rec.markNew(tablet.admin, k7.patients.sunita, 'Not in the HIS'))).toEqual(['notReaderDevice']);
    expect(await refusal(tablet.rec.merge(tablet.admin, k7.patients.ravi, k7.patients.raviAgain, 'Twice'))).toEqual(['notReaderDevice']);
    expect(await tablet.desk.eventCount()).toBe(count);
    // The gate closed again: the device no longer takes decisions either.
    const ad = await adminDevice('AD');
    expect(await ad.rec.decidesHere()).toBe(true);
    const gate = (await ad.db.settings.get(GATE))!.value as Record<string, unknown>;
    await ad.db.settings.put({ key: GATE, value: { ...gate, open: false } });
    expect(await ad.rec.decidesHere()).toBe(false);
  });

  it('keeps two administrators\' decisions made offline as a conflict on both devices, whichever arrives first, until one is undone', async () => {
    const { k7, ad, a2 } = await twoAdministrators();
    const { sunita, ravi, raviAgain } = k7.patients;

    // Offline, each decides differently: two UHIDs for Sunita; a merge on one, a link of the merged patient on the other.
    await ad.rec.link(ad.admin, sunita, 'UH-100001', 'Same mobile');
    await ad.rec.merge(ad.admin, ravi, raviAgain, 'Registered twice');
    await a2.rec.link(a2.admin, sunita, 'UH-100002', 'Same UHID as typed');
    await a2.rec.link(a2.admin, raviAgain, 'UH-100003', 'Same name and age');

    // Each brings the other's decisions: AD's own were folded first, A2's the other way round.
    await bring(a2, 'A2', ad);
    await bring(ad, 'AD', a2);
    const conflicts = async (d: typeof ad) => (await review(d, { show: 'conflicting' })).map((i) => [i.patient.patient, i.row!.decisions.map((x) => x.uhid ?? x.kept).sort()]);
    const expected = [[sunita, ['UH-100001', 'UH-100002']], [raviAgain, [ravi, 'UH-100003'].sort()]];
    expect(await conflicts(ad)).toEqual(expected);
    expect(await conflicts(a2)).toEqual(expected);
    const rowsOf = (d: typeof ad) => d.db.reconciliation.orderBy('patient').toArray();
    expect(await rowsOf(a2)).toEqual(await rowsOf(ad));

    // A rebuild from the log gives exactly the rows incremental folding gave.
    const before = await rowsOf(ad);
    await ad.desk.projections!.rebuild();
    expect(await rowsOf(ad)).toEqual(before);

    // Resolved by undoing one side; the undo reaches the other device like any event.
    const wrong = before.find((r) => r.patient === sunita)!.decisions.find((d) => d.uhid === 'UH-100002')!;
    await ad.rec.undo(ad.admin, sunita, wrong.id, 'Her mobile is on UH-100001');
    await bring(ad, 'AD', a2);
    for (const d of [ad, a2]) expect((await d.db.reconciliation.get(sunita))).toMatchObject({ status: 'linked', uhid: 'UH-100001' });
    expect((await review(a2, { show: 'conflicting' })).map((i) => i.patient.patient)).toEqual([raviAgain]);
    // The filter opens the conflicting row only, not Sunita's (now linked) as well.
    expect(await reconciliationRowsOpened(a2, () => review(a2, { show: 'conflicting' }))).toEqual([raviAgain]);
    expect(await reconciliationRowsOpened(a2, () => review(a2, { show: 'all' }))).toEqual([sunita, raviAgain].sort());
  });

  it('lists a circle of merges made offline as conflicting, though each row alone is a merge, and opens no linked row to find it', async () => {
    const { k7, ad, a2 } = await twoAdministrators();
    const { sunita, ravi, raviAgain } = k7.patients;
    await ad.rec.link(ad.admin, sunita, 'UH-100001', 'Same mobile');
    await ad.rec.merge(ad.admin, ravi, raviAgain, 'Registered twice');
    await a2.rec.merge(a2.admin, raviAgain, ravi, 'Registered twice');
    await bring(a2, 'A2', ad);
    const shown = await reconciliationRowsOpened(ad, async () => {
      const items = await review(ad, { show: 'conflicting' });
      expect(items.map((i) => [i.patient.patient, i.row!.status, i.status])).toEqual([[ravi, 'merged', 'conflict'], [raviAgain, 'merged', 'conflict']]);
    });
    expect(shown).toEqual([ravi, raviAgain].sort());
  });

  it('downloads the changes since this device\'s last download: a link made after it goes as an update the HIS applies, not a create it skips', async () => {
    const k7 = await clerkTablet();
    const ad = await adminDevice('AD');
    await bring(k7, 'K7', ad);
    const { ravi } = k7.patients;
    const bundlesOf = (ndjson: string) => ndjson.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { entry: Array<{ resource: Record<string, unknown>; request: { method: string; url: string; ifNoneExist?: string } }> });
    const entries = (ndjson: string) => bundlesOf(ndjson).flatMap((b) => b.entry);

    // Nothing downloaded yet: "changes" has no starting point, and nothing is remembered.
    expect(await ad.rec.lastDownload()).toBeNull();
    expect(await refusal(ad.rec.exportFhir(ad.admin, 'changes'))).toEqual(['noEarlierDownload']);
    expect(await ad.rec.lastDownload()).toBeNull();

    const first = await ad.rec.exportFhir(ad.admin, 'everything');
    expect(first.exportId).toMatch(/^AD-\d+\.K7-\d+$/);
    const firstFile = `downtime-fhir-${first.exportId}.ndjson`;
    // Made, not yet taken by the HIS: pending, and no marker to start "changes" from.
    expect(await ad.rec.lastDownload()).toBeNull();
    expect(await ad.rec.pendingDownloads()).toMatchObject([{ exportId: first.exportId, file: firstFile, by: ADMIN.name }]);
    expect(await refusal(ad.rec.exportFhir(ad.admin, 'changes'))).toEqual(['noEarlierDownload']);
    expect(await refusal(ad.rec.confirmTaken(ad.admin, 'downtime-fhir-AD-1.K7-1.ndjson'))).toEqual(['notPendingDownload']);
    expect(await refusal(ad.rec.confirmTaken({ name: 'Kavita Joshi', role: 'clerk' }, firstFile))).toEqual(['adminOnly']);
    expect(await ad.rec.confirmTaken(ad.admin, firstFile)).toMatchObject({ exportId: first.exportId, confirmedBy: ADMIN.name });
    expect(await ad.rec.lastDownload()).toMatchObject({ exportId: first.exportId, by: ADMIN.name, confirmedBy: ADMIN.name });
    expect(await ad.rec.pendingDownloads()).toEqual([]);
    expect(await refusal(ad.rec.confirmTaken(ad.admin, firstFile))).toEqual(['notPendingDownload']);
    const created = entries(first.ndjson).filter((x) => x.resource.resourceType === 'Patient');
    expect(created.map((x) => x.request.method)).toEqual(['POST', 'POST', 'POST']);
    // Everything again, once a download was taken: a copy that never becomes the marker.
    await ad.rec.exportFhir(ad.admin, 'everything');
    expect(await ad.rec.pendingDownloads()).toEqual([]);

    // Linked after the first download.
    await ad.rec.link(ad.admin, ravi, 'UH-100003', 'Same name, age and mobile');
    const changes = await ad.rec.exportFhir(ad.admin, 'changes');
    expect(changes.problems).toEqual([]);
    for (const b of bundlesOf(changes.ndjson)) expect(fhirErrors(b)).toEqual([]);
    const sent = entries(changes.ndjson);
    // Only the linked patient, as a conditional update carrying the UHID (and its provenance): nothing the HIS already has.
    expect(sent.map((x) => [x.resource.resourceType, x.request.method])).toEqual([['Patient', 'PUT'], ['Provenance', 'PUT']]);
    expect(sent[0]!.request.url).toContain(ravi);
    expect(JSON.stringify(sent[0]!.resource.identifier)).toContain('UH-100003');
    expect(changes.exportId).not.toBe(first.exportId);
    // The file is lost before the HIS took it: the marker stays, so the next download holds the link again.
    expect(await ad.rec.lastDownload()).toMatchObject({ exportId: first.exportId });
    const again = await ad.rec.exportFhir(ad.admin, 'changes');
    expect(entries(again.ndjson).map((x) => [x.resource.resourceType, x.request.method])).toEqual([['Patient', 'PUT'], ['Provenance', 'PUT']]);
    // The same file made twice is one entry.
    expect((await ad.rec.pendingDownloads()).map((d) => d.file)).toEqual([`downtime-fhir-changes-${again.exportId}.ndjson`]);

    // The HIS took that file; before it was confirmed, another download was made after a second link.
    await ad.rec.link(ad.admin, k7.patients.sunita, 'UH-100001', 'Same name and mobile');
    const later = await ad.rec.exportFhir(ad.admin, 'changes');
    expect(later.exportId).not.toBe(again.exportId);
    const againFile = `downtime-fhir-changes-${again.exportId}.ndjson`;
    const laterFile = `downtime-fhir-changes-${later.exportId}.ndjson`;
    expect((await ad.rec.pendingDownloads()).map((d) => [d.file, d.since])).toEqual([[againFile, first.exportId], [laterFile, first.exportId]]);
    // Confirming the file the HIS took moves the marker to it, not to the newer one, which stays pending.
    await ad.rec.confirmTaken(ad.admin, againFile);
    expect(await ad.rec.lastDownload()).toMatchObject({ exportId: again.exportId, since: first.exportId, confirmedBy: ADMIN.name });
    expect((await ad.rec.pendingDownloads()).map((d) => d.file)).toEqual([laterFile]);
    // So the second link is still in the next download of changes.
    const next = await ad.rec.exportFhir(ad.admin, 'changes');
    expect(entries(next.ndjson).filter((x) => x.resource.resourceType === 'Patient').map((x) => x.request.url)).toEqual([expect.stringContaining(k7.patients.sunita)]);
    // Confirming the newest settles every older pending file; an older one can no longer be confirmed.
    await ad.rec.confirmTaken(ad.admin, `downtime-fhir-changes-${next.exportId}.ndjson`);
    expect(await ad.rec.pendingDownloads()).toEqual([]);
    expect(await refusal(ad.rec.confirmTaken(ad.admin, laterFile))).toEqual(['notPendingDownload']);

    // Nothing new since: an empty download. Everything is still there when asked for.
    expect((await ad.rec.exportFhir(ad.admin, 'changes')).ndjson).toBe('');
    expect(entries((await ad.rec.exportFhir(ad.admin, 'everything')).ndjson).filter((x) => x.resource.resourceType === 'Patient')).toHaveLength(3);
  });
});
