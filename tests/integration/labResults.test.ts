import { describe, expect, it } from 'vitest';
import { FrontDesk } from '../../src/device/frontDesk';
import { LabDesk } from '../../src/device/labDesk';
import { ResultDesk } from '../../src/device/resultDesk';
import { resultState } from '../../src/domain/lab/results/resultState';
import { refusal } from '../helpers/refusal';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../helpers/deviceHarness';

const TECH = { name: 'Meena Das', role: 'lab' as const };
const PATHOLOGIST = { name: 'Kavita Rao', role: 'pathologist' as const };

const CBC = {
  'CBC.HB': '13.1', 'CBC.RBC': '4.80', 'CBC.HCT': '41.0', 'CBC.MCV': '85.0', 'CBC.MCH': '28.0', 'CBC.MCHC': '33.0', 'CBC.WBC': '8.50',
  'CBC.NEUT': '70', 'CBC.LYMPH': '22', 'CBC.MONO': '5', 'CBC.EOS': '2', 'CBC.BASO': '1', 'CBC.PLT': '250',
};

async function setup(options: Parameters<typeof makeDesk>[0] = {}) {
  const h = makeDesk(options);
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  const patient = (await new FrontDesk(h.desk).register(admin, PATIENT)).patient;
  const lab = new LabDesk(h.desk);
  const results = new ResultDesk(h.desk);
  const view = await lab.request(TECH, { patient, tests: ['CBC'], priority: 'stat', dept: 'MED', clinician: 'Dr. Meena Iyer' });
  const sp = view.request.specimens[0]!;
  await lab.collect(TECH, [sp]);
  await lab.receive(TECH, [sp]);
  return { ...h, admin, lab, results, sp };
}

const count = async (h: Awaited<ReturnType<typeof setup>>) => h.desk.eventCount();

describe('lab results', () => {
  it('saves a partial entry as a draft, finishes it, and a second person releases it', async () => {
    const h = await setup();
    const { results, sp } = h;
    const draft = await results.saveDraft(TECH, sp, { 'CBC.HB': '13.1', 'CBC.WBC': '8.50' });
    expect(draft.state.status).toBe('draft');
    expect(draft.typed).toEqual({ 'CBC.HB': '13.1', 'CBC.WBC': '8.50' });
    // Entry must be complete: every required analyte, each named.
    expect(await refusal(results.enter(TECH, sp, draft.typed))).toContain('CBC.PLT:resultRequired');
    const entered = await results.enter(TECH, sp, CBC);
    expect(entered.state.status).toBe('entered');
    expect(entered.state.pending?.values.find((v) => v.analyte === 'ANC')).toEqual({ test: 'CBC', analyte: 'ANC', value: 5.95, calculated: true });

    expect(await refusal(results.verify(TECH, sp))).toEqual(['resultVerifyRole']);
    expect(await refusal(results.verify({ ...PATHOLOGIST, name: 'meena das' }, sp))).toEqual(['resultOwnEntry']);
    const released = await results.verify(PATHOLOGIST, sp);
    expect(released.state.status).toBe('verified');
    expect(released.row).toMatchObject({ status: 'verified', enteredBy: TECH.name, verifiedBy: PATHOLOGIST.name });
    expect(released.specimen).toMatchObject({ status: 'reported', reportedBy: PATHOLOGIST.name });
    expect((await h.lab.worklist()).rows).toEqual([]);
    expect(await refusal(results.enter(TECH, sp, CBC))).toEqual(['resultAlreadyReleased']);
  });

  it('hands back after each write the view a fresh read gives', async () => {
    const h = await setup();
    const { results, sp } = h;
    const fresh = async () => (await new ResultDesk(h.desk).view(sp))!;
    expect(await results.saveDraft(TECH, sp, { 'CBC.HB': '13.1' })).toEqual(await fresh());
    expect(await results.enter(TECH, sp, { ...CBC, 'CBC.PLT': '15' })).toEqual(await fresh());
    expect(await results.callOut(TECH, sp, { to: 'Sister Asha', readBack: true })).toEqual(await fresh());
    const released = await results.verify(PATHOLOGIST, sp);
    expect(released.specimen.status).toBe('reported');
    expect(released).toEqual(await fresh());
    expect(await results.amend(PATHOLOGIST, sp, CBC, 'typo')).toEqual(await fresh());
  });

  it('releases once when two pathologists verify at the same moment', async () => {
    const h = await setup();
    await h.results.enter(TECH, h.sp, CBC);
    const other = new ResultDesk(h.desk);
    const outcomes = await Promise.allSettled([h.results.verify(PATHOLOGIST, h.sp), other.verify({ ...PATHOLOGIST, name: 'Anil Gupta' }, h.sp)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(await refusal(Promise.reject(refused.reason))).toEqual(['resultAlreadyReleased']);
    expect((await h.db.labResults.get(h.sp))!.records.filter((r) => r.kind === 'verified')).toHaveLength(1);
  });

  it('refuses garbage with its reason and writes nothing at all', async () => {
    const h = await setup();
    const before = await count(h);
    const bad = { ...CBC, 'CBC.HB': '80', 'CBC.PLT': '2x0', 'CBC.WBC': '-1' };
    expect(await refusal(h.results.enter(TECH, h.sp, bad))).toEqual(['CBC.HB:resultImpossible', 'CBC.WBC:resultNegative', 'CBC.PLT:resultNotNumber']);
    expect(await refusal(h.results.saveDraft(TECH, h.sp, { 'CBC.HB': 'high' }))).toEqual(['CBC.HB:resultNotNumber']);
    expect(await refusal(h.results.saveDraft(TECH, h.sp, {}))).toEqual([':noResults']);
    expect(await refusal(h.results.enter({ name: 'Ravi', role: 'clerk' }, h.sp, CBC))).toEqual(['roleNotAllowed']);
    expect(await count(h)).toBe(before);
    expect(await h.db.labResults.count()).toBe(0);
  });

  it('holds a critical value back until the call-out is recorded, read back, and shows who was told', async () => {
    const h = await setup();
    const { results, sp } = h;
    await results.enter(TECH, sp, { ...CBC, 'CBC.HB': '5.9' });
    expect(await refusal(results.verify(PATHOLOGIST, sp))).toEqual(['resultCallOutMissing']);
    expect(await refusal(results.callOut(TECH, sp, { to: 'Sister Anjali', readBack: false }))).toEqual(['readBack:readBack']);
    expect(await refusal(results.callOut(TECH, sp, { to: '', readBack: true }))).toEqual(['to:required']);
    const called = await results.callOut(TECH, sp, { to: 'Sister Anjali', readBack: true });
    expect(called.state.callOuts).toEqual([expect.objectContaining({ by: TECH.name, to: 'Sister Anjali', values: [{ test: 'CBC', analyte: 'HB', value: 5.9 }] })]);
    expect(await refusal(results.callOut(TECH, sp, { to: 'Sister Anjali', readBack: true }))).toEqual(['resultNoCritical']);
    expect((await results.verify(PATHOLOGIST, sp)).state.status).toBe('verified');
  });

  it('amends a released result with a reason, keeps the earlier version, and needs a call-out for a new critical value', async () => {
    const h = await setup();
    const { results, sp } = h;
    await results.enter(TECH, sp, CBC);
    await results.verify(PATHOLOGIST, sp);
    expect(await refusal(results.amend(TECH, sp, CBC, 'x'))).toEqual(['resultVerifyRole']);
    expect(await refusal(results.amend(PATHOLOGIST, sp, CBC, 'no change'))).toEqual([':noChanges']);
    expect(await refusal(results.amend(PATHOLOGIST, sp, { ...CBC, 'CBC.PLT': '250' }, ''))).toEqual([':noChanges']);
    expect(await refusal(results.amend(PATHOLOGIST, sp, { ...CBC, 'CBC.PLT': '120' }, ''))).toEqual(['reason:required']);
    expect(await refusal(results.amend(PATHOLOGIST, sp, { ...CBC, 'CBC.PLT': '12' }, 'clumps'))).toEqual(['resultCallOutMissing']);
    await results.callOut(PATHOLOGIST, sp, { to: 'Dr. Meena Iyer', readBack: true }, { ...CBC, 'CBC.PLT': '12' });
    const amended = await results.amend(PATHOLOGIST, sp, { ...CBC, 'CBC.PLT': '12' }, 'platelet clumps excluded on smear');
    expect(amended.state.status).toBe('amended');
    expect(amended.state.releases.map((v) => v.values.find((e) => e.analyte === 'PLT')?.value)).toEqual([250, 12]);
    expect(amended.state.released).toMatchObject({ reason: 'platelet clumps excluded on smear', by: PATHOLOGIST.name });

    // A later CBC of the same patient shows this one's released (amended) values beside it.
    const next = await h.lab.request(TECH, { patient: amended.patient.patient, tests: ['CBC'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
    const later = (await results.view(next.request.specimens[0]!))!;
    expect(await results.earlier(later)).toEqual([expect.objectContaining({ specimen: sp, values: amended.state.released!.values })]);
  });

  it('refuses results on a tube not yet received, and lets another tablet finish a draft it pulled', async () => {
    const h = await setup();
    const fresh = await h.lab.request(TECH, { patient: (await h.lab.specimen(h.sp))!.patient, tests: ['KFT'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
    expect(await refusal(h.results.saveDraft(TECH, fresh.request.specimens[0]!, { 'KFT.UREA': '30' }))).toEqual(['reportBeforeReceive']);
    await h.results.saveDraft(TECH, h.sp, { 'CBC.HB': '13.1' });
    const tabB = makeDesk({ names: h.names, locks: h.locks });
    await tabB.desk.login(ADMIN.name, ADMIN.pin);
    const other = new ResultDesk(tabB.desk);
    const view = (await other.view(h.sp))!;
    expect(view.typed).toEqual({ 'CBC.HB': '13.1' });
    await other.enter({ name: 'Suresh Pal', role: 'lab' }, h.sp, { ...view.typed, ...CBC });
    expect(resultState((await h.db.labResults.get(h.sp))!.records).pending?.by).toBe('Suresh Pal');
  });

  it('rebuilds to exactly the rows that incremental application gave', async () => {
    const h = await setup();
    const { results, sp } = h;
    await results.saveDraft(TECH, sp, { 'CBC.HB': '5.9' });
    await results.enter(TECH, sp, { ...CBC, 'CBC.HB': '5.9' });
    await results.callOut(TECH, sp, { to: 'Sister Anjali', readBack: true });
    await results.verify(PATHOLOGIST, sp);
    await results.amend(PATHOLOGIST, sp, { ...CBC, 'CBC.HB': '7.9' }, 'repeat sample');
    const snapshot = async () => ({ results: await h.db.labResults.toArray(), specimens: await h.db.specimens.toArray(), open: await h.db.labOpen.toArray() });
    const before = await snapshot();
    await h.desk.projections!.rebuild();
    expect(await snapshot()).toEqual(before);
    expect(before.results[0]).toMatchObject({ status: 'amended' });
  });

  it('lists the specimens whose results wait for verification, and drops one once released', async () => {
    const h = await setup();
    const { results, lab, sp } = h;
    const second = await lab.request(TECH, { patient: (await lab.specimen(sp))!.patient, tests: ['HB'], priority: 'routine', dept: 'MED', clinician: 'Dr. Meena Iyer' });
    const other = second.request.specimens[0]!;
    await lab.collect(TECH, [other]);
    await lab.receive(TECH, [other]);
    const toVerify = async () => (await lab.worklist({ status: 'toVerify' })).rows.map((r) => r.specimen);
    await results.saveDraft(TECH, sp, { 'CBC.HB': '13.1' });
    expect(await toVerify()).toEqual([]);
    await results.enter(TECH, sp, CBC);
    await results.enter(TECH, other, { 'HB.HB': '12.0' });
    expect(await toVerify()).toEqual([sp, other]);
    expect((await lab.worklist({ status: 'toVerify', priority: 'stat' })).rows.map((r) => r.specimen)).toEqual([sp]);
    // The technician's own verification is refused and changes nothing; the pathologist's releases.
    expect(await refusal(results.verify({ ...PATHOLOGIST, name: TECH.name }, sp))).toEqual(['resultOwnEntry']);
    expect(await toVerify()).toEqual([sp, other]);
    await results.verify(PATHOLOGIST, sp);
    expect(await toVerify()).toEqual([other]);
    expect((await lab.worklist({ status: 'received' })).rows.map((r) => r.specimen)).toEqual([other]);
  });
});
