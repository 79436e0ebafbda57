import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { credentialsOf, enroll, openGateAndSync, registerAndIssue, waitForServiceWorker } from '../helpers/appDriver';
import { launchTablets } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { startWholeApp } from '../helpers/wholeApp';

const HOSPITAL = 'AIIMS New Delhi';

let app: Awaited<ReturnType<typeof startWholeApp>>;
beforeAll(async () => { app = await startWholeApp(); });
afterAll(async () => { await app?.stop(); });

/** `MED-E7-002` → its department, device and count. */
const tokenParts = (token: string) => {
  const m = /^([A-Z]+)-([A-Z0-9]+)-(\d+)$/.exec(token);
  if (!m) throw new Error(`not a token: ${token}`);
  return { dept: m[1]!, device: m[2]!, n: Number(m[3]) };
};

/** The device's events on "This device", once read (busy until then). */
async function eventCount(page: Page) {
  await page.getByRole('link', { name: 'This device' }).click();
  const count = page.locator('[data-testid="event-count"][aria-busy="false"]');
  await count.waitFor();
  return Number(await count.textContent());
}

describe('a lost tablet\'s backup bundle, with no network between the tablets and the store (issue 16)', () => {
  it('A works offline, bundles, is lost; B replaces it from the bundle and goes on numbering; the administrator reads it; the store imports it; after the resyncs verify passes and each event is stored once', async () => {
    // The hospital's backup key: the private half stays with the administrators, the public line goes to the tablets.
    const keyFile = join(app.dataDir, 'backup-key.json');
    const made = app.central('backup-key', '--hospital', HOSPITAL, '--out', keyFile);
    expect(made.status, made.out).toBe(0);
    const keyLine = /^DDBK1\.\S+$/m.exec(made.out)?.[0];
    expect(keyLine).toBeTruthy();

    const browser = await launchTablets();
    try {
      // Tablet A: enrolled while the network was up, its backup key entered, then the outage.
      const a = await browser.tablet();
      // Chromium's save picker needs a person at the dialog: this tablet's browser downloads instead.
      await a.addInitScript(() => { delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker; });
      const pageA = await a.newPage();
      await pageA.goto(app.url);
      await enroll(pageA, { hospital: HOSPITAL, code: 'E7', admin: 'Asha Verma', pin: '482913' });
      await waitForServiceWorker(pageA);
      await pageA.getByRole('link', { name: 'This device' }).click();
      await pageA.getByLabel(/^Backup key/).fill(keyLine!);
      await pageA.getByRole('button', { name: 'Save backup key' }).click();
      await pageA.getByRole('status').filter({ hasText: /^Backup key [0-9a-f]{16} saved\.$/ }).waitFor();
      // What the administrators note from the screen (or the recovery sheet) to vouch for its bundles later.
      const fingerprint = (await pageA.getByTestId('device-fingerprint').textContent())!.trim();
      await a.setOffline(true);
      const meena = await registerAndIssue(pageA, 'Meena Kumari');
      const kamla = await registerAndIssue(pageA, 'Kamla Rani');

      await pageA.getByRole('link', { name: 'This device' }).click();
      const download = pageA.waitForEvent('download');
      await pageA.getByRole('button', { name: 'Make a backup bundle' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^AIIMS-New-Delhi_E7_1-\d+_\d{4}-\d\d-\d\dT\d{4}Z\.ddbundle$/);
      const bundle = join(app.dataDir, file.suggestedFilename());
      await file.saveAs(bundle);
      await pageA.getByTestId('not-in-bundle').filter({ hasText: /^0$/ }).waitFor();
      const bundled = await eventCount(pageA);
      expect(readFileSync(bundle, 'latin1')).not.toMatch(/Meena|Kamla/);
      expect(cspViolations(a)).toEqual([]);
      // Tablet A is dropped: nothing of it reaches anyone but through its bundle.
      await a.close();

      // The central store, from the bundle alone: A never synced, so its key is vouched for by hand.
      const refused = app.central('import', bundle, '--key', keyFile);
      expect(refused.status, refused.out).toBe(1);
      expect(refused.out).toContain(fingerprint);
      const imported = app.central('import', bundle, '--key', keyFile, '--trust-key', fingerprint);
      expect(imported.status, imported.out).toBe(0);
      expect(imported.out).toContain(`Imported events 1–${bundled} of device E7: ${bundled} stored`);
      expect(app.central('import', bundle, '--key', keyFile).out).toContain(`Nothing new: the central store already holds events 1–${bundled} of device E7`);

      // Tablet B enrolls as E7 from the bundle and carries on from A's last numbers.
      const b = await browser.tablet();
      const pageB = await b.newPage();
      await pageB.goto(app.url);
      await enroll(pageB, { hospital: HOSPITAL, code: 'E7', admin: 'Asha Verma', pin: '482913', restore: { bundle, keyFile } });
      await waitForServiceWorker(pageB);
      await pageB.getByRole('link', { name: 'This device' }).click();
      await pageB.getByTestId('restored').filter({ hasText: `${bundled} events came back from its bundle` })
        .filter({ hasText: 'Its key takes over the lost tablet\'s device code when the gate is first opened' }).waitFor();
      await b.setOffline(true);
      const sunita = await registerAndIssue(pageB, 'Sunita Devi');
      expect(Number(sunita.patient.split('-')[2])).toBe(Number(kamla.patient.split('-')[2]) + 1);
      expect(tokenParts(sunita.token)).toEqual({ ...tokenParts(kamla.token), n: tokenParts(kamla.token).n + 1 });
      expect(tokenParts(kamla.token).n).toBe(tokenParts(meena.token).n + 1);

      // The administrator's tablet reads the same bundle read-only, before any network.
      const office = await browser.tablet();
      const admin = await office.newPage();
      await admin.goto(app.url);
      await enroll(admin, { hospital: HOSPITAL, code: 'AD', admin: 'Dr Mehta', pin: '731902' });
      await waitForServiceWorker(admin);
      await office.setOffline(true);
      await admin.getByRole('link', { name: 'This device' }).click();
      await admin.getByLabel('Bundle file (.ddbundle)').setInputFiles(bundle);
      await admin.getByLabel('Private backup key file (.json)').setInputFiles(keyFile);
      await admin.getByRole('button', { name: 'Import read-only' }).click();
      await admin.getByRole('status').filter({ hasText: `Device E7, events 1–${bundled}: ${bundled} new events added.` }).waitFor();
      await admin.getByRole('link', { name: 'Registration' }).click();
      await admin.getByLabel(/^Search patient/).fill('Kamla Rani');
      await admin.getByRole('button', { name: /Kamla Rani/ }).waitFor();

      // The all-clear. The import registered A's key for E7; B's gate presents the statement its
      // restore signed with the backup key file, and the gateway retires A's key: no administrator step.
      expect(app.central('all-clear', '--by', 'Dr Mehta').status).toBe(0);
      const e7 = credentialsOf(app.central('add-device', 'E7').out);
      await b.setOffline(false);
      expect(await openGateAndSync(pageB, e7, false)).toMatch(/^Synced/);
      const replacementEvents = await eventCount(pageB);
      expect(replacementEvents).toBeGreaterThan(bundled);

      await office.setOffline(false);
      expect(await openGateAndSync(admin, credentialsOf(app.central('add-device', 'AD', '--reader').out), true)).toMatch(/^Synced/);
      const officeEvents = await eventCount(admin);
      await admin.getByRole('link', { name: 'Registration' }).click();
      await admin.getByLabel(/^Search patient/).fill('Sunita Devi');
      await admin.getByRole('button', { name: /Sunita Devi/ }).waitFor();
      // A's patient came twice to this tablet (bundle, then pull): one patient.
      await admin.getByLabel(/^Search patient/).fill('Meena Kumari');
      await admin.getByRole('button', { name: /Meena Kumari/ }).waitFor();
      expect(await admin.getByRole('button', { name: /Meena Kumari/ }).count()).toBe(1);

      // verify walks every chain and reports forks: E7 holds events 1 to B's head, each once.
      const verify = app.central('verify');
      expect(verify.status, verify.out).toBe(0);
      expect(verify.out).toContain(`E7: OK, ${replacementEvents} events`);
      // The bundle's events on the administrator's tablet stayed E7's: AD pushed only its own.
      expect(verify.out).toContain(`AD: OK, ${officeEvents} events`);
      // The bundle once more, now that the store holds E7 beyond it: an older bundle, nothing stored.
      const replayed = app.central('import', bundle, '--key', keyFile);
      expect(replayed.status, replayed.out).toBe(1);
      expect(replayed.out).toMatch(/^Refused \(olderThanHeld\): .* Nothing was stored\.$/m);
      for (const page of [pageB, admin]) expect(cspViolations(page.context())).toEqual([]);
    } finally {
      await browser.close();
    }
  // Three tablets, two CLI runs and four resyncs: about a minute alone, over three on a loaded machine.
  }, 420_000);
});
