import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, enroll, login, registerEverything, requestLabWithNotes } from '../helpers/appDriver';
import { registerUnknownWithKeyboard } from '../helpers/appDriverEmergency';
import { admitFromVisit, defineWard } from '../helpers/appDriverWards';
import { KeyCounter } from '../helpers/keyCounter';
import { makeProfile } from '../helpers/browser';
import { cspViolations } from '../helpers/cspWatch';
import { devtoolsInventory, dumpInventory, patientSecrets, plaintextFindings, plaintextFound, thiefDump, type Secret, type ThiefDump } from '../helpers/thiefDump';
import { startWholeApp } from '../helpers/wholeApp';

let app: Awaited<ReturnType<typeof startWholeApp>>;
beforeAll(async () => { app = await startWholeApp(); });
afterAll(async () => { await app?.stop(); });

const DEVICE = 'TQ7';
const ADMIN = { name: 'Asha Verma', pin: '482913' };
const CLERK = { name: 'Kavita Joshi', pin: '730516' };

/** A patient no other test data looks like: every value is one a search of the dump can only find here. */
const PATIENT = {
  name: 'Zéphyrine Quillbrook', sex: 'F' as const, years: '34', mobile: '7394061825',
  line: 'Plot 7 Xanthoria Gali', locality: 'Vrindaquill Nagar', district: 'Ombrishpur', state: 'Meghalaya', pin: '793019',
  relation: 'husband', relative: 'Thaddeus Marrowgate',
  uhid: 'QRZ/2024/88417', abha: '91482736501928', abhaStored: '91-4827-3650-1928',
  remarks: 'Wheelchair user, keloid over the xiphoid scar',
};
const LAB = { codes: 'CBC LFT', containers: 2, clinician: 'Dr. Prosper Quenneville', notes: 'Suspected zygomycosis after floodwater exposure' };

/** An unknown patient brought by the police (issue 14): the alias, who brought them and the MLC details are patient values too. */
const UNKNOWN = { sexKey: 'M', years: '35', arrivalKey: 'P', broughtBy: 'Havildar Quintavius Morrowdale', station: 'PS Yarrowvale', officer: 'SI Philomena Zarkovska', entry: 'GD 8317X' };
const unknownSecrets: Secret[] = [
  { label: 'alias', value: `UNKNOWN MALE ${DEVICE}-0001` },
  { label: 'brought by', value: UNKNOWN.broughtBy },
  { label: 'police station', value: UNKNOWN.station },
  { label: 'police officer', value: UNKNOWN.officer },
  { label: 'GD/DD entry', value: UNKNOWN.entry },
];

/** The unknown patient's admission (issue 14): consultant and diagnosis are patient values. */
const ADMISSION = { consultant: 'Dr Wenceslas Quorthby', diagnosis: 'Quinsy with xerostomia, query Ludwig angina' };
const admissionSecrets: Secret[] = [
  { label: 'consultant', value: ADMISSION.consultant },
  { label: 'provisional diagnosis', value: ADMISSION.diagnosis },
];

/** What must not be readable on a locked or logged-out tablet. */
const secretsOf = (centralPassword: string): Secret[] => [...patientSecrets(PATIENT, LAB), ...unknownSecrets, ...admissionSecrets, { label: 'central password', value: centralPassword }];

const credentialsOf = (out: string) => {
  const m = /central account "([^"]+)"[^,]*, password (\S+)/.exec(out);
  if (!m) throw new Error(`no credentials in: ${out}`);
  return { user: m[1]!, password: m[2]! };
};

/** The central password is kept on the device once the gate is open (nothing is sent: no all-clear). */
async function openGate(page: Page, creds: { user: string; password: string }) {
  await page.getByRole('link', { name: 'Resync' }).click();
  await page.getByLabel('Device account name').fill(creds.user);
  await page.getByLabel('Device account password').fill(creds.password);
  await page.getByLabel(/declared clean/).check();
  await page.getByRole('button', { name: 'Open the gate' }).click();
  await page.getByTestId('gate-state').filter({ hasText: 'Gate open' }).waitFor();
}

/**
 * The thief's dump, checked to be worth something before its silence is believed: it covers every
 * database and store Chromium's DevTools list, with as many records; it holds the event log
 * (PouchDB) and the projections (Dexie); it shows what may stay readable (the device code, the
 * users' names on the login screen).
 */
async function meaningfulDump(page: Page): Promise<ThiefDump> {
  let dump!: ThiefDump;
  // Nothing should be writing while nobody works, but a write that lands between the two readings
  // is not a missed database: read both again until they agree.
  await expect.poll(async () => {
    dump = await thiefDump(page);
    const devtools = await devtoolsInventory(page);
    return JSON.stringify(dumpInventory(dump)) === JSON.stringify(devtools) ? 'same' : { dump: dumpInventory(dump), devtools };
  }, { timeout: 30_000 }).toBe('same');
  const names = dump.databases.map((d) => d.name);
  expect(names.some((n) => n.startsWith('_pouch_')), `PouchDB database among ${names.join(', ')}`).toBe(true);
  expect(names, 'Dexie database').toContain('downtime-desk');
  const records = dump.databases.flatMap((d) => d.stores).reduce((n, s) => n + s.count, 0);
  expect(records).toBeGreaterThanOrEqual(10);
  expect(dump.text).toContain(DEVICE);
  expect(dump.text).toContain(ADMIN.name);
  expect(dump.text).toContain(CLERK.name);
  return dump;
}

const show = (findings: ReturnType<typeof plaintextFindings>) => findings.map((f) => `${f.label} "${f.value}" as "${f.form}" in ${f.where.join(', ')}: …${f.excerpt}…`);

describe('a lost or stolen tablet gives away nothing', () => {
  it('the thief\'s console dump of every IndexedDB database finds no patient data and no central password after a lock, a logout, a reload and a browser restart; the user with the PIN still finds the patient', async () => {
    const profile = makeProfile();
    try {
      let context = await profile.launch();
      let page = await context.newPage();
      await page.goto(app.url);
      await enroll(page, { hospital: 'AIIMS New Delhi', code: DEVICE, admin: ADMIN.name, pin: ADMIN.pin });
      await addUser(page, CLERK.name, 'Ward clerk', CLERK.pin);
      const patient = await registerEverything(page, PATIENT);
      await requestLabWithNotes(page, DEVICE, patient, LAB);
      await defineWard(page, { code: 'SURG', name: 'Surgery ward', beds: '1-4', count: 4 });
      await registerUnknownWithKeyboard(page, new KeyCounter(page), UNKNOWN);
      await admitFromVisit(page, ADMISSION);
      const creds = credentialsOf(app.central('add-device', DEVICE).out);
      await openGate(page, creds);
      // Web storage as well as IndexedDB: nothing of the patient anywhere.
      const secrets = secretsOf(creds.password);

      const look = async (moment: string) => {
        const dump = await meaningfulDump(page);
        const findings = plaintextFindings(dump.text, secrets);
        if (findings.length > 0) console.log(`Thief's dump ${moment} found:\n  ${show(findings).join('\n  ')}`);
        expect.soft(findings.map((f) => `${f.label}: ${f.value} (as "${f.form}" in ${f.where.join(', ')})`), `plaintext ${moment}`).toEqual([]);
      };

      // (a) The screen is locked by hand.
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByRole('heading', { name: 'Screen locked' }).waitFor();
      await look('after a lock');

      // (b) Unlocked, then logged out.
      await page.getByLabel('PIN', { exact: true }).fill(ADMIN.pin);
      await page.getByRole('button', { name: 'Unlock' }).click();
      // The top bar shows who is working under the lock screen too: the lock screen going is the unlock.
      await page.getByRole('heading', { name: 'Screen locked' }).waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'Resync with the central store' }).waitFor();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await look('after a logout');

      // (c) The page reloaded with nobody logged in: whatever the app does at start, it does without a PIN.
      await page.reload();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.getByText(CLERK.name, { exact: true }).waitFor();
      await look('after a reload with nobody logged in');

      // The tablet switched off and on: the browser starts again on the same profile.
      expect(cspViolations(context)).toEqual([]);
      await context.close();
      context = await profile.launch();
      page = await context.newPage();
      await page.goto(app.url);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.getByText(CLERK.name, { exact: true }).waitFor();
      await look('after a browser restart with nobody logged in');

      // (d) The data is still there for whoever has the PIN.
      await login(page, CLERK.name, CLERK.pin);
      await page.getByRole('link', { name: 'Registration' }).click();
      for (const query of [PATIENT.name, 'zephyrine quill', PATIENT.mobile, PATIENT.mobile.slice(-4)]) {
        await page.getByLabel(/^Search patient/).fill(query);
        await page.getByRole('button', { name: new RegExp(PATIENT.name) }).waitFor();
      }
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('the dump sees what a store keeps as bytes, Blobs, binary keys, Maps and encoded text, and changes nothing', async () => {
    const profile = makeProfile();
    try {
      const context = await profile.launch();
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByLabel('Device code').waitFor();
      // A database of the test's own, holding values in every shape IndexedDB can keep.
      await page.evaluate(CANARY_SCRIPT);
      const before = await thiefDump(page);
      const canary = before.databases.find((d) => d.name === 'thief-canary');
      expect(canary?.version).toBe(3);
      expect(plaintextFound(before.text, CANARIES)).toEqual(CANARIES);
      expect(dumpInventory(before)).toEqual(await devtoolsInventory(page));
      // Dumping again finds the same: nothing was created, upgraded or written.
      const again = await thiefDump(page);
      expect(again.text).toBe(before.text);
      expect(await page.evaluate('indexedDB.databases().then((l) => JSON.stringify(l.map((d) => [d.name, d.version]).sort()))'))
        .toBe(JSON.stringify(before.databases.map((d) => [d.name, d.version]).sort()));
      await context.close();
    } finally {
      profile.remove();
    }
  });
});

const CANARIES = ['bytes-canary-Pomegranate', 'blob-canary-Tamarind', 'keybytes-canary-Saffron', 'map-canary-Fenugreek',
  'b64-canary-Asafoetida', 'hex-canary-Cardamom', 'index-canary-Nutmeg'];

const CANARY_SCRIPT = String.raw`new Promise((resolve, reject) => {
  const r = indexedDB.open('thief-canary', 3);
  r.onupgradeneeded = () => {
    r.result.createObjectStore('things');
    r.result.createObjectStore('rows', { keyPath: 'id' }).createIndex('by-word', 'word');
  };
  r.onerror = () => reject(r.error);
  r.onsuccess = () => {
    const db = r.result;
    const tx = db.transaction(['things', 'rows'], 'readwrite');
    const bytes = (s) => new TextEncoder().encode(s);
    const hex = (s) => [...bytes(s)].map((b) => b.toString(16).padStart(2, '0')).join('');
    tx.objectStore('things').put({ bytes: bytes('bytes-canary-Pomegranate').buffer, blob: new Blob(['blob-canary-Tamarind']), when: new Date(0) }, 'a');
    tx.objectStore('things').put(new Map([['m', 'map-canary-Fenugreek']]), bytes('keybytes-canary-Saffron'));
    tx.objectStore('things').put({ b64: btoa('b64-canary-Asafoetida'), hex: hex('hex-canary-Cardamom') }, ['c', 1]);
    tx.objectStore('rows').put({ id: 1, word: 'index-canary-Nutmeg' });
    tx.oncomplete = () => { db.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
})`;
