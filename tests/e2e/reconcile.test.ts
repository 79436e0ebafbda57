import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { credentialsOf, enroll, openGateAndSync, RAVI, registerPatient } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { fhirErrors } from '../helpers/fhirSchema';
import { KeyCounter } from '../helpers/keyCounter';
import { startWholeApp } from '../helpers/wholeApp';
import { sideways, TABLET } from '../helpers/tabletFit';

let app: Awaited<ReturnType<typeof startWholeApp>>;
beforeAll(async () => { app = await startWholeApp(); });
afterAll(async () => { await app?.stop(); });

const HIS_CSV = [
  'UHID,Name,Sex,DOB,Age,Mobile,Address',
  'UH-100001,Sunita Devi,F,,62,,Rohini',
  'UH-100003,Ravi Kumar,M,,45,9811012345,"House 12, Lajpat Nagar, 110024"',
  'UH-100004,Ravi Shankar,M,,30,,Saket',
  'UH-100005,Mohan Lal,M,,70,,',
].join('\r\n');

async function importHisIndex(page: Page) {
  await page.getByRole('link', { name: 'HIS index' }).click();
  await page.getByLabel('HIS index file (CSV or NDJSON)').setInputFiles({ name: 'his.csv', mimeType: 'text/csv', buffer: Buffer.from(`${HIS_CSV}\r\n`) });
  await page.getByRole('button', { name: 'Read the file' }).click();
  await page.getByRole('button', { name: 'Import the 4 good rows' }).click();
  await page.getByRole('status').filter({ hasText: 'Imported: 4 patients' }).waitFor();
}

/** Registers a second time a man the desk already knows, under a longer name and without his mobile. */
async function registerAgain(page: Page, name: string): Promise<string> {
  await page.getByRole('link', { name: 'Registration' }).click();
  await page.getByLabel(/^Search patient/).fill(name);
  await page.getByText('No patient found.').waitFor();
  await page.getByLabel(/^Search patient/).press('Enter');
  await page.getByRole('heading', { name: 'Register new patient' }).waitFor();
  await page.getByLabel('Sex').selectOption(RAVI.sex);
  await page.getByLabel('Years').fill(RAVI.years);
  await page.getByLabel('Locality / village').fill(RAVI.locality);
  await page.getByLabel('PIN code').fill(RAVI.pin);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  // The desk may ask first whether this is a patient it knows (a similar name and the same age).
  const anyway = page.getByRole('button', { name: 'Register as a new patient anyway' });
  await page.getByTestId('patient-id').or(anyway).waitFor();
  if (await anyway.isVisible()) await anyway.click();
  return (await page.getByTestId('patient-id').textContent())!;
}

/** The patient under review, once its HIS candidates (and, when asked, its likely duplicates) are shown. */
async function reviewing(page: Page, name: string, opts: { candidate?: string; duplicate?: string } = {}) {
  await page.locator('#review-patient').filter({ hasText: new RegExp(`^${name} · `) }).waitFor();
  if (opts.candidate) await page.getByTestId('candidate').filter({ hasText: opts.candidate }).first().waitFor();
  if (opts.duplicate) await page.getByTestId('duplicates').filter({ hasText: opts.duplicate }).waitFor();
}

describe('reconciliation with the HIS in Chromium', () => {
  it('an administrator imports an HIS index, links a patient, merges a duplicate and marks one new by keyboard, and downloads the FHIR export', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.setViewportSize(TABLET);
      await page.goto(app.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'R1', admin: 'Asha Verma', pin: '482913' });
      // The same man registered twice (the second time with his surname, no mobile), and a woman in Devanagari.
      const ravi = await registerPatient(page, RAVI);
      const raviAgain = await registerAgain(page, 'Ravi Kumar Sharma');
      const sunita = await registerPatient(page, { ...RAVI, name: 'सुनीता देवी', sex: 'F', years: '38', mobile: undefined, relation: 'husband', relative: 'Ramesh' });
      await importHisIndex(page);

      // Decisions are pushed by the administrator's device only: until it pulls everything, the screen says so.
      await page.getByRole('link', { name: 'Reconcile' }).click();
      await page.getByTestId('reconcile-not-here').waitFor();
      const reader = credentialsOf(app.central('add-device', 'R1', '--reader').out);
      expect(app.central('all-clear', '--by', 'Asha Verma').status).toBe(0);
      expect(await openGateAndSync(page, reader, true)).toMatch(/Synced/);
      await page.getByRole('link', { name: 'Reconcile' }).click();
      await page.getByTestId('reconcile-count').filter({ hasText: '3 patients' }).waitFor();
      expect(await page.getByTestId('reconcile-keys').textContent()).toMatch(/j \/ ↓ next.*1–3 pick.*l link.*n new in HIS.*m merge.*u undo/);
      const keys = new KeyCounter(page);

      // Ravi Kumar: the HIS's Ravi Kumar is the best candidate, with its evidence; 1 picks it, L links, Enter confirms the reason offered.
      await reviewing(page, 'Ravi Kumar', { candidate: 'UH-100003' });
      const best = page.getByTestId('candidate').first();
      expect(await best.textContent()).toMatch(/UH-100003.*Name: same.*Mobile: same/);
      expect(await sideways(page)).toBeNull();
      await keys.press('1');
      await keys.press('l');
      expect(await page.getByLabel('UHID (from the HIS index)').inputValue()).toBe('UH-100003');
      await keys.press('Enter');
      await page.getByRole('status').filter({ hasText: `${ravi} linked to UH-100003.` }).waitFor();

      // Ravi Kumar Sharma is next: M offers Ravi Kumar (the likely duplicate) to merge into.
      await reviewing(page, 'Ravi Kumar Sharma', { duplicate: ravi });
      await keys.press('m');
      expect(await page.getByLabel(/^Keep \(downtime ID\)/).inputValue()).toBe(ravi);
      await keys.press('Enter');
      await page.getByRole('status').filter({ hasText: `${raviAgain} merged into ${ravi}.` }).waitFor();

      // सुनीता देवी: the HIS's Sunita Devi is 24 years older and elsewhere; N marks her new in the HIS.
      await reviewing(page, 'सुनीता देवी', { candidate: 'UH-100001' });
      expect(await page.getByTestId('candidate').first().textContent()).toMatch(/Sunita Devi.*Name: same.*Age: differs/);
      await keys.press('n');
      await keys.press('Enter');
      await page.getByRole('status').filter({ hasText: `${sunita} marked new in the HIS.` }).waitFor();
      await page.getByText('No patient matches the filter.').waitFor();
      // Three patients, seven keys: at this pace 100 patients take some 230 keys.
      expect(keys.count).toBe(7);

      // Every decision is listed with who and why; in Hindi the screen reads in Hindi and still fits.
      await page.getByLabel('Show').selectOption('all');
      await page.getByTestId('reconcile-count').filter({ hasText: '3 patients' }).waitFor();
      await reviewing(page, 'Ravi Kumar');
      expect(await page.getByTestId('decisions').textContent()).toMatch(/linked UH-100003 — Asha Verma \(R1\), .*IST: Matches on Name, Sex, Mobile, Address/);
      await page.getByRole('button', { name: 'भाषा: हिन्दी' }).click();
      await page.getByRole('heading', { name: 'HIS से मिलान' }).waitFor();
      expect(await page.getByTestId('reconcile-keys').textContent()).toContain('कुंजियाँ');
      expect(await sideways(page)).toBeNull();
      await page.getByRole('button', { name: 'Language: English' }).click();

      // The export: one Patient for Ravi carrying both downtime IDs and the linked UHID; the other inactive, replaced by it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download FHIR export' }).click()]);
      const bundles = readFileSync((await download.path())!, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { entry: Array<{ resource: Record<string, unknown> }> });
      for (const b of bundles) expect(fhirErrors(b)).toEqual([]);
      const patients = bundles.flatMap((b) => b.entry.map((x) => x.resource)).filter((r) => r.resourceType === 'Patient');
      const ids = (r: Record<string, unknown>) => ((r.identifier ?? []) as Array<{ use?: string; value: string }>).map((i) => `${i.use} ${i.value}`);
      expect(patients.map(ids)).toEqual(expect.arrayContaining([
        [`secondary ${ravi}`, `old ${raviAgain}`, 'official UH-100003'],
        [`secondary ${sunita}`],
        [`secondary ${raviAgain}`],
      ]));
      expect(patients.find((r) => ids(r).join() === `secondary ${raviAgain}`)).toMatchObject({ active: false, link: [{ type: 'replaced-by' }] });
      await page.getByRole('status').filter({ hasText: /Exported \d+ resources in 1 transaction bundles \(NDJSON\); 0 problems\./ }).waitFor();
      expect(await page.getByTestId('reconcile-not-here').count()).toBe(0);

      // The decisions reach the central store: it takes them from the administrator's device, and the chain verifies.
      await page.getByRole('link', { name: 'Resync' }).click();
      await page.getByRole('button', { name: 'Resync now' }).click();
      await page.getByTestId('sync-message').filter({ hasText: /^Synced: all \d+ events confirmed/ }).waitFor({ timeout: 120_000 });
      const verify = app.central('verify');
      expect(verify.status).toBe(0);
      expect(verify.out).toMatch(/R1: OK/);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
