import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, registerPatient } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { startWholeApp } from '../helpers/wholeApp';

let app: Awaited<ReturnType<typeof startWholeApp>>;
beforeAll(async () => { app = await startWholeApp(); });
afterAll(async () => { await app?.stop(); });

describe('a backup bundle from a tablet into the central store, with no network between them', () => {
  it('the tablet writes a bundle (download), the CLI imports it once, and verify vouches for the chain', async () => {
    const keyFile = join(app.dataDir, 'backup-key.json');
    const made = app.central('backup-key', '--hospital', 'AIIMS New Delhi', '--out', keyFile);
    expect(made.status, made.out).toBe(0);
    const keyLine = /^DDBK1\.\S+$/m.exec(made.out)?.[0];
    expect(keyLine).toBeTruthy();

    const profile = makeProfile();
    const context = await profile.launch({ offline: false });
    try {
      // Chromium's save picker needs a person at the dialog: this tablet's browser downloads instead.
      await context.addInitScript(() => { delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker; });
      const page = await context.newPage();
      await page.goto(app.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: 'E7', admin: 'Asha Verma', pin: '482913' });
      await registerPatient(page);
      await page.getByRole('link', { name: 'This device' }).click();
      await page.getByLabel(/^Backup key/).fill(keyLine!);
      await page.getByRole('button', { name: 'Save backup key' }).click();
      await page.getByRole('status').filter({ hasText: /^Backup key [0-9a-f]{16} saved\.$/ }).waitFor();
      const fingerprint = (await page.getByTestId('device-fingerprint').textContent())!.trim();

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Make a backup bundle' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^AIIMS-New-Delhi_E7_1-\d+_\d{4}-\d\d-\d\dT\d{4}Z\.ddbundle$/);
      const path = join(app.dataDir, file.suggestedFilename());
      await file.saveAs(path);
      await page.getByTestId('not-in-bundle').filter({ hasText: /^0$/ }).waitFor();
      expect(readFileSync(path, 'latin1')).not.toContain('Ravi');

      const refused = app.central('import', path, '--key', keyFile);
      expect(refused.status, refused.out).toBe(1);
      expect(refused.out).toContain(fingerprint);
      const imported = app.central('import', path, '--key', keyFile, '--trust-key', fingerprint);
      expect(imported.status, imported.out).toBe(0);
      const count = Number(/Imported events 1–(\d+) of device E7: \1 stored/.exec(imported.out)?.[1]);
      expect(count).toBeGreaterThan(1);
      const again = app.central('import', path, '--key', keyFile);
      expect(again.out).toMatch(/Nothing new: the central store already holds events 1–\d+ of device E7/);
      const verify = app.central('verify');
      expect(verify.status, verify.out).toBe(0);
      expect(verify.out).toContain(`E7: OK, ${count} events`);
    } finally {
      await context.close();
      profile.remove();
    }
  });
});
