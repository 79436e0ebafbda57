import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addUser, checkChain, putAwayRecoverySheet, registerEverything, requestLabWithNotes, waitForServiceWorker } from '../helpers/appDriver';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { buildRelease, repoRoot, startSwappableServer } from '../helpers/oldRelease';
import { patientSecrets, plaintextFindings, thiefDump } from '../helpers/thiefDump';

/**
 * Issue #11, the upgrade: a tablet running the release before encryption at rest (its plaintext
 * PouchDB log and Dexie tables, users with PIN verifiers) gets the new build on the same origin,
 * and the first login seals everything in place.
 */

/** The release before sealing ("Gateway: the handler narrows the caller…"). */
const OLD_RELEASE = '2eaf805';
/** The old log's IndexedDB database (PouchDB prefixes its names). */
const OLD_LOG_DB = '_pouch_downtime-desk-events';
const NEW_LOG_DB = '_pouch_downtime-desk-log';

const DEVICE = 'UP3';
const ADMIN = { name: 'Asha Verma', pin: '482913' };
const CLERK = { name: 'Kavita Joshi', pin: '730516', newPin: '615243' };

/** Values no other data looks like: wherever the dump finds them, they are this patient's. */
const PATIENT = {
  name: 'Ottoline Brackenfeather', sex: 'F' as const, years: '52', mobile: '7418529630',
  line: 'Plot 19 Quernstone Gali', locality: 'Wyvernholt Nagar', district: 'Peregrinpur', state: 'Meghalaya', pin: '793112',
  relation: 'husband', relative: 'Barnaby Thistlewick',
  uhid: 'UPG/2025/30917', abha: '72615839402716', abhaStored: '72-6158-3940-2716',
  remarks: 'Hearing aid in left ear, allergic to sulfonamides',
};
const LAB = { codes: 'CBC LFT', containers: 2, clinician: 'Dr. Evander Pimbleworth', notes: 'Query leptospirosis after paddy work' };

const SECRETS = patientSecrets(PATIENT, LAB);

let release: ReturnType<typeof buildRelease> | undefined;
let server: Awaited<ReturnType<typeof startSwappableServer>>;
const newDist = join(repoRoot(), 'dist');

beforeAll(async () => {
  release = buildRelease(OLD_RELEASE);
  server = await startSwappableServer(release.dist);
}, 300_000);
afterAll(async () => {
  await server?.stop();
  release?.remove();
});

/** What the old release holds once the test has worked on it. */
interface OldDevice { patient: string; tokens: string[]; specimens: string[]; events: string; request: string }

/** The old release's enrollment: there was no recovery step then. */
async function enrollOld(page: Page) {
  await page.getByLabel('Hospital name').fill('AIIMS New Delhi');
  await page.getByLabel('Device code').fill(DEVICE);
  await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
  await page.getByLabel('PIN (6–12 digits)').fill(ADMIN.pin);
  await page.getByLabel('PIN again').fill(ADMIN.pin);
  await page.getByRole('button', { name: 'Enroll device' }).click();
  await page.getByRole('heading', { name: `Welcome, ${ADMIN.name}` }).waitFor();
}

async function waitingTokens(page: Page, atLeast: number): Promise<string[]> {
  await page.getByRole('link', { name: 'Queue' }).click();
  await page.getByTestId('waiting-token').nth(atLeast - 1).waitFor();
  return page.getByTestId('waiting-token').locator('strong').allTextContents();
}

async function eventCount(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'This device' }).click();
  const count = page.getByTestId('event-count');
  await expect.poll(async () => Number(await count.textContent())).toBeGreaterThan(0);
  return (await count.textContent())!;
}

/** Pick a user on the login screen and type the PIN (the outcome is the caller's to wait for). */
async function submitLogin(page: Page, name: string, pin: string) {
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByText(name, { exact: true }).click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The administrator's screens are open (the recovery step shows instead of them). */
const adminScreens = (page: Page) => page.getByRole('link', { name: 'Users' });

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

const databaseNames = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').sort());

/** Patient values readable in IndexedDB or web storage. */
async function plaintextInIndexedDb(page: Page): Promise<string[]> {
  const dump = await thiefDump(page);
  return plaintextFindings(dump.text, SECRETS).map((f) => `${f.label} (as "${f.form}" in ${f.where.join(', ')})`);
}

/**
 * The old release in use: enrolled, a clerk, a patient with every field, an OPD token, a lab
 * requisition with notes; then logged out, its plaintext checked to be there (so that the test
 * can see it go).
 */
async function useOldRelease(page: Page): Promise<OldDevice> {
  server.deploy(release!.dist);
  await page.goto(server.url);
  await enrollOld(page);
  await waitForServiceWorker(page);
  // The old release: no recovery code was ever asked for (guards against serving the wrong build).
  expect(await page.getByText('Print the recovery sheet').count()).toBe(0);
  await addUser(page, CLERK.name, 'Ward clerk', CLERK.pin);
  const patient = await registerEverything(page, PATIENT);
  const { request, specimens } = await requestLabWithNotes(page, DEVICE, patient, LAB);
  const tokens = await waitingTokens(page, 1);
  expect(tokens).toHaveLength(1);
  expect(specimens).toHaveLength(LAB.containers);
  const events = await eventCount(page);
  await logOut(page);

  const names = await databaseNames(page);
  expect(names).toContain(OLD_LOG_DB);
  expect(names).toContain('downtime-desk');
  const plain = await plaintextInIndexedDb(page);
  for (const secret of SECRETS) expect(plain.join('\n'), `the old release keeps the ${secret.label} in plaintext`).toContain(secret.label);
  return { patient, tokens, specimens, events, request };
}

/** The new build deployed on the same origin; the old app offers it and the user accepts. */
async function updateToNewBuild(page: Page) {
  server.deploy(newDist);
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update(); });
  await page.getByText('A new version of Downtime Desk is ready.').waitFor();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  // The new build is the one running: it has the recovery code link on its login screen.
  await page.getByRole('button', { name: /Use the recovery code/ }).waitFor();
}

/** Every text the login screen's progress shows, as it is rendered (a MutationObserver, so a quick one is seen too). */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role=status]')) {
        const bar = el.querySelector('progress');
        const text = `${el.textContent ?? ''}${bar ? ` [${bar.value}/${bar.max}]` : ''}`;
        if (seen.at(-1) !== text) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return async () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

/** What the updated tablet must still show, logged in as the administrator. */
async function everythingStillThere(page: Page, old: OldDevice) {
  await page.getByRole('link', { name: 'Registration' }).click();
  for (const query of [PATIENT.name, 'brackenfeather otto', PATIENT.mobile, PATIENT.mobile.slice(-4), PATIENT.uhid]) {
    await page.getByLabel(/^Search patient/).fill(query);
    await page.getByRole('button', { name: new RegExp(PATIENT.name) }).waitFor();
  }
  await page.getByRole('button', { name: new RegExp(PATIENT.name) }).click();
  await page.getByTestId('patient-id').filter({ hasText: old.patient }).waitFor();
  for (const value of [PATIENT.uhid, PATIENT.relative, PATIENT.locality, PATIENT.remarks, old.tokens[0]!]) {
    await page.getByText(value).first().waitFor();
  }

  expect(await waitingTokens(page, old.tokens.length)).toEqual(old.tokens);

  await page.getByRole('link', { name: 'Lab' }).click();
  await page.getByTestId('worklist-row').nth(old.specimens.length - 1).waitFor();
  const rows = await page.getByTestId('worklist-row').allTextContents();
  expect(rows).toHaveLength(old.specimens.length);
  for (const specimen of old.specimens) expect(rows.filter((r) => r.includes(specimen) && r.includes(PATIENT.name))).toHaveLength(1);
  await page.getByRole('link', { name: old.specimens[0]! }).click();
  await page.getByRole('link', { name: new RegExp(old.request) }).click();
  await page.getByRole('heading', { name: new RegExp(`^Requisition ${old.request}`) }).waitFor();
  await page.getByText(LAB.clinician, { exact: false }).waitFor();
  await page.getByText(LAB.notes).waitFor();
  expect(await page.getByTestId('request-specimen').locator('code').allTextContents()).toEqual(old.specimens);

  // Nothing lost, nothing doubled: the same events, their chain intact.
  expect(await eventCount(page)).toBe(old.events);
  expect(await checkChain(page)).toContain(`All ${old.events} events of ${DEVICE} are intact`);
}

/** Logged out: the plaintext is gone from IndexedDB, and so is the old log's database. */
async function plaintextGone(page: Page) {
  const names = await databaseNames(page);
  expect(names).not.toContain(OLD_LOG_DB);
  // The dump is worth believing: it reads the sealed log and the tables, and what may stay readable.
  expect(names).toEqual(expect.arrayContaining([NEW_LOG_DB, 'downtime-desk']));
  const dump = await thiefDump(page);
  expect(dump.databases.flatMap((d) => d.stores).reduce((n, s) => n + s.count, 0)).toBeGreaterThanOrEqual(10);
  expect(dump.text).toContain(DEVICE);
  expect(dump.text).toContain(CLERK.name);
  expect(await plaintextInIndexedDb(page)).toEqual([]);
}

/** The clerk from the old release: right PIN, but no key yet; the administrator sets a new PIN. */
async function clerkGetsNewPin(page: Page) {
  await submitLogin(page, CLERK.name, CLERK.pin);
  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  expect.soft(await refusal.textContent()).toMatch(/^Your PIN is right, but since the update the records open only with a new key for you/);

  await submitLogin(page, ADMIN.name, ADMIN.pin);
  await adminScreens(page).click();
  await page.getByLabel('User', { exact: true }).selectOption({ label: CLERK.name });
  await page.getByLabel('New PIN (6–12 digits)', { exact: true }).fill(CLERK.newPin);
  await page.getByLabel('New PIN again', { exact: true }).fill(CLERK.newPin);
  await page.getByRole('button', { name: 'Set a new PIN' }).click();
  await page.getByRole('status').filter({ hasText: `${CLERK.name} has a new PIN.` }).waitFor();
  await logOut(page);

  await submitLogin(page, CLERK.name, CLERK.newPin);
  await page.getByText(`${CLERK.name} · Ward clerk`).waitFor();
  await page.getByRole('link', { name: 'Registration' }).click();
  await page.getByLabel(/^Search patient/).fill(PATIENT.mobile);
  await page.getByRole('button', { name: new RegExp(PATIENT.name) }).waitFor();
  await logOut(page);
}

function progressOf(seen: string[], step: RegExp): Array<{ done: number; total: number }> {
  return seen.flatMap((text) => {
    const m = step.exec(text);
    return m ? [{ done: Number(m[1]), total: Number(m[2]) }] : [];
  });
}
const SEALING = /^Encrypting this device's records after the update: (\d+) of (\d+)\./;
const OPENING = /^Opening the records: (\d+) of (\d+)/;

describe('a tablet updated from the release before encryption at rest', () => {
  it('encrypts its records in place at the first login, with progress, then shows the recovery sheet; every record is still there and the plaintext is gone', async () => {
    const profile = makeProfile();
    let context: BrowserContext | undefined;
    try {
      context = await profile.launch();
      const page = await context.newPage();
      const old = await useOldRelease(page);

      await updateToNewBuild(page);
      const progress = await recordProgress(page);
      await submitLogin(page, ADMIN.name, ADMIN.pin);
      const code = await putAwayRecoverySheet(page);
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
      await adminScreens(page).waitFor();

      const seen = await progress();
      const sealing = progressOf(seen, SEALING);
      const opening = progressOf(seen, OPENING);
      const total = Number(old.events);
      expect(sealing.length, `sealing progress among ${JSON.stringify(seen)}`).toBeGreaterThan(0);
      expect(sealing.at(-1)).toEqual({ done: total, total });
      expect(sealing.every((p) => p.total === total && p.done <= total)).toBe(true);
      expect(opening.at(-1)?.total, `opening progress among ${JSON.stringify(seen)}`).toBe(total);
      // The bar is the one labelled by the text.
      expect(seen.some((s) => SEALING.test(s) && s.endsWith(`[${total}/${total}]`))).toBe(true);

      await everythingStillThere(page, old);
      await logOut(page);
      await plaintextGone(page);

      await clerkGetsNewPin(page);
      await plaintextGone(page);
      expect(cspViolations(context)).toEqual([]);
    } finally {
      await context?.close();
      profile.remove();
    }
  });

  /**
   * Where the tab is closed: as the sealing progress first shows, or the moment the app asks the
   * browser to delete the old log (every record copied; watching the progress text for that would
   * race the deletion, which runs on without waiting for the screen).
   */
  const STOPS = [
    { when: 'as the encryption starts', progress: /^Encrypting this device's records after the update: 0 of \d+\./.source, deleting: null },
    { when: 'with every record copied, before the old log is deleted', progress: null, deleting: OLD_LOG_DB },
  ];
  it.each(STOPS)('carries on where it stopped when the tab is closed $when: nothing lost, nothing doubled, no plaintext left', async (stop) => {
    const profile = makeProfile();
    let context: BrowserContext | undefined;
    try {
      context = await profile.launch();
      let page = await context.newPage();
      const old = await useOldRelease(page);
      await updateToNewBuild(page);

      // The tab stops dead at the chosen point (a `debugger` statement under the DevTools
      // protocol: no more of the page's JavaScript runs, no request it has not made yet goes
      // out), and is closed.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Debugger.enable');
      const stopped = new Promise<void>((resolve) => cdp.once('Debugger.paused', () => resolve()));
      await page.evaluate(({ progress, deleting }) => {
        const here = window as unknown as { stoppedAt: string };
        if (progress) {
          const re = new RegExp(progress);
          const observer = new MutationObserver(() => {
            const text = [...document.querySelectorAll('[role=status]')].map((el) => el.textContent ?? '').find((t) => re.test(t));
            if (!text) return;
            observer.disconnect();
            here.stoppedAt = text;
            // eslint-disable-next-line no-debugger
            debugger;
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        if (deleting) {
          const deleteDatabase = IDBFactory.prototype.deleteDatabase;
          IDBFactory.prototype.deleteDatabase = function (this: IDBFactory, name: string) {
            if (name !== deleting) return deleteDatabase.call(this, name);
            here.stoppedAt = `deleting ${name}`;
            // eslint-disable-next-line no-debugger
            debugger;
            // Closing the tab detaches the debugger, and the script runs on for a moment: the
            // deletion it asked for never reaches the browser, as if the tab had died first.
            return {} as IDBOpenDBRequest;
          };
        }
      }, stop);
      await submitLogin(page, ADMIN.name, ADMIN.pin);
      await stopped;
      const stoppedAt = await cdp.send('Runtime.evaluate', { expression: 'window.stoppedAt', returnByValue: true });
      console.log(`Tab closed at: ${String(stoppedAt.result.value)}`);
      expect(String(stoppedAt.result.value)).toMatch(stop.progress ? new RegExp(stop.progress) : `deleting ${OLD_LOG_DB}`);
      await page.close({ runBeforeUnload: false });

      // A new tab on the same tablet: the old log is still there (the sealing did not finish).
      page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      expect(await databaseNames(page)).toContain(OLD_LOG_DB);
      const progress = await recordProgress(page);
      await submitLogin(page, ADMIN.name, ADMIN.pin);
      // The recovery code the interrupted login made was never shown: this login shows it.
      await putAwayRecoverySheet(page);
      await adminScreens(page).waitFor();
      const sealing = progressOf(await progress(), SEALING);
      expect(sealing.at(-1)).toEqual({ done: Number(old.events), total: Number(old.events) });

      await everythingStillThere(page, old);
      await logOut(page);
      await plaintextGone(page);
      expect(cspViolations(context)).toEqual([]);
    } finally {
      await context?.close();
      profile.remove();
    }
  });
});
