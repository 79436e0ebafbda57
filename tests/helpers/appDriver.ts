import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** What a person does on the screens, in words the tests can read. */
export async function enroll(page: Page, opts: { hospital: string; code: string; admin: string; pin: string; restore?: { bundle: string; keyFile: string } }) {
  await page.getByLabel('Hospital name').fill(opts.hospital);
  await page.getByLabel('Device code').fill(opts.code);
  await page.getByLabel('Name', { exact: true }).fill(opts.admin);
  await page.getByLabel('PIN (6–12 digits)').fill(opts.pin);
  await page.getByLabel('PIN again').fill(opts.pin);
  // A replacement for a lost tablet: the lost one's bundle and the hospital's private key file.
  if (opts.restore) {
    await page.getByLabel('Bundle file (.ddbundle)').setInputFiles(opts.restore.bundle);
    await page.getByLabel('Private backup key file (.json)').setInputFiles(opts.restore.keyFile);
  }
  await page.getByRole('button', { name: 'Enroll device' }).click();
  await putAwayRecoverySheet(page);
  await page.getByRole('heading', { name: `Welcome, ${opts.admin}` }).waitFor();
}

/** The recovery code shown once after the device's key is made: tick that its sheet is put away, go on. Returns the code. */
export async function putAwayRecoverySheet(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Print the recovery sheet' }).waitFor();
  const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
  await page.getByLabel(/recovery sheet is printed and locked away/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return code;
}

/**
 * Sets this device's printers on "This device" and waits until each is stored: the selects show
 * the stored setting, so a print started right after uses it.
 */
export async function setPrinter(page: Page, settings: { dpi?: number; paper?: '80mm' | 'A6' }) {
  await page.getByRole('link', { name: 'This device' }).click();
  for (const [id, value] of [['printer-dpi', settings.dpi === undefined ? undefined : String(settings.dpi)], ['paper', settings.paper]] as const) {
    if (value === undefined) continue;
    await page.locator(`#${id}`).selectOption(value);
    await page.waitForFunction(([i, v]) => (document.getElementById(i) as HTMLSelectElement | null)?.value === v, [id, value] as const);
  }
}

export async function login(page: Page, name: string, pin: string) {
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByText(name, { exact: true }).click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Administrators land on the welcome page, clerks straight on the registration desk.
  await page.getByText(new RegExp(`^${name} · `)).waitFor();
}

export async function addUser(page: Page, name: string, role: 'Ward clerk' | 'Lab technician' | 'Pathologist' | 'Administrator', pin: string) {
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Role').selectOption({ label: role });
  await page.getByLabel('PIN (6–12 digits)', { exact: true }).fill(pin);
  await page.getByLabel('PIN again', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByRole('status').filter({ hasText: `${name} was added` }).waitFor();
}

export async function checkChain(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'This device' }).click();
  await page.getByRole('button', { name: 'Check event chain' }).click();
  const report = page.getByTestId('chain-report');
  await report.waitFor();
  return (await report.textContent()) ?? '';
}

export async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

export interface NewPatient {
  name: string; sex: 'M' | 'F'; years: string; mobile?: string;
  locality: string; district: string; state: string; pin: string; relation: string; relative: string;
}

export const RAVI: NewPatient = {
  name: 'Ravi Kumar', sex: 'M', years: '45', mobile: '9811012345', locality: 'Lajpat Nagar', district: 'South Delhi',
  state: 'Delhi', pin: '110024', relation: 'father', relative: 'Mohan Lal',
};

/** From the desk: the name typed into the search box finds nobody, Enter opens registration; sex and age first. */
async function openRegistration(page: Page, p: NewPatient) {
  await page.getByRole('link', { name: 'Registration' }).click();
  await page.getByLabel(/^Search patient/).fill(p.name);
  await page.getByText('No patient found.').waitFor();
  await page.getByLabel(/^Search patient/).press('Enter');
  await page.getByRole('heading', { name: 'Register new patient' }).waitFor();
  await page.getByLabel('Sex').selectOption(p.sex);
  await page.getByLabel('Years').fill(p.years);
}

async function fillAddressAndRelative(page: Page, p: NewPatient) {
  await page.getByLabel('Locality / village').fill(p.locality);
  await page.getByLabel('District').fill(p.district);
  await page.getByLabel('State').fill(p.state);
  await page.getByLabel('PIN code').fill(p.pin);
  await page.getByLabel('Relation').selectOption(p.relation);
  await page.getByLabel('Relative / guardian name').fill(p.relative);
}

/** Registers `p` through the desk (see openRegistration). Returns the downtime ID. */
/** Registers a patient at the desk and issues an OPD token; the downtime ID and the token as shown. */
export async function registerAndIssue(page: Page, name: string): Promise<{ patient: string; token: string }> {
  const patient = await registerPatient(page, {
    name, sex: 'F', years: '34', locality: 'Rohini', district: 'North West Delhi', state: 'Delhi', pin: '110085',
    relation: 'husband', relative: 'Ramesh Kumar',
  });
  await page.getByRole('button', { name: 'Issue token and print' }).click();
  const token = (await page.getByTestId('last-token').textContent())!;
  await page.getByLabel(/^Search patient/).waitFor();
  return { patient, token };
}

export async function registerPatient(page: Page, p: NewPatient = RAVI): Promise<string> {
  await openRegistration(page, p);
  if (p.mobile) await page.getByLabel('Mobile number').fill(p.mobile);
  await fillAddressAndRelative(page, p);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  return (await page.getByTestId('patient-id').textContent())!;
}

/** A requisition for a patient found by downtime ID, saved (and its labels printed). */
export async function requestLab(page: Page, patient: string, codes: string, containers: number) {
  await page.getByRole('link', { name: 'Lab' }).click();
  await page.getByRole('link', { name: 'New requisition' }).click();
  await page.getByLabel(/^Find the patient/).fill(patient);
  await page.getByLabel(/^Find the patient/).press('Enter');
  await page.getByLabel(/^Test codes/).fill(codes);
  await page.getByLabel(/^Test codes/).press('Enter');
  await page.getByText(`Containers to fill: ${containers}`).waitFor();
  await page.getByLabel('Ordering clinician').fill('Dr. Meena Iyer');
  await page.getByRole('button', { name: 'Save and print labels' }).click();
  await page.getByRole('heading', { name: /^Requisition LR-/ }).waitFor();
}

/** A patient with every field the registration form has. */
export interface FullPatient extends NewPatient {
  mobile: string; line: string; uhid: string; abha: string; remarks: string;
}

/** Registration with every field the form has, then an OPD token. Returns the downtime ID. */
export async function registerEverything(page: Page, p: FullPatient): Promise<string> {
  await openRegistration(page, p);
  await page.getByLabel('Mobile number').fill(p.mobile);
  await page.getByLabel('House / street').fill(p.line);
  await fillAddressAndRelative(page, p);
  await page.getByLabel('Hospital UHID (if the patient has a card)').fill(p.uhid);
  await page.getByLabel('ABHA number (14 digits)').fill(p.abha);
  await page.getByLabel('Remarks').fill(p.remarks);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const id = (await page.getByTestId('patient-id').textContent())!;
  await page.getByRole('button', { name: 'Issue token and print' }).click();
  await page.getByLabel(/^Search patient/).waitFor();
  return id;
}

/** The device's first requisition, with its clinician and notes. Returns it and its specimen IDs. */
export async function requestLabWithNotes(page: Page, device: string, patient: string, lab: { codes: string; containers: number; clinician: string; notes: string }) {
  await page.getByRole('link', { name: 'Lab' }).click();
  await page.getByRole('link', { name: 'New requisition' }).click();
  await page.getByLabel(/^Find the patient/).fill(patient);
  await page.getByLabel(/^Find the patient/).press('Enter');
  await page.getByLabel(/^Test codes/).fill(lab.codes);
  await page.getByLabel(/^Test codes/).press('Enter');
  await page.getByText(`Containers to fill: ${lab.containers}`).waitFor();
  await page.getByLabel('Ordering clinician').fill(lab.clinician);
  await page.getByLabel('Clinical notes (optional)').fill(lab.notes);
  await page.getByRole('button', { name: 'Save and print labels' }).click();
  const request = `LR-${device}-0000001`;
  await page.getByRole('heading', { name: new RegExp(`^Requisition ${request}`) }).waitFor();
  await page.getByTestId('request-specimen').nth(lab.containers - 1).waitFor();
  return { request, specimens: await page.getByTestId('request-specimen').locator('code').allTextContents() };
}

/** Opens the device's resync gate with a device account (as the administrator's device: `pull`) and syncs once. */
export async function openGateAndSync(page: Page, creds: { user: string; password: string }, pull: boolean) {
  await page.getByRole('link', { name: 'Resync' }).click();
  await page.getByLabel('Device account name').fill(creds.user);
  await page.getByLabel('Device account password').fill(creds.password);
  await page.getByLabel(/declared clean/).check();
  if (pull) await page.getByLabel(/Administrator’s device|Administrator's device/).check();
  await page.getByRole('button', { name: 'Open the gate' }).click();
  await page.getByTestId('gate-state').filter({ hasText: 'Gate open' }).waitFor();
  await page.getByRole('button', { name: 'Resync now' }).click();
  const message = page.getByTestId('sync-message');
  await message.filter({ hasText: /Synced|Stopped|nothing was sent|refused/ }).waitFor({ timeout: 120_000 });
  return (await message.textContent()) ?? '';
}

/** The account `npm run central -- add-device` printed. */
export const credentialsOf = (out: string) => {
  const m = /central account "([^"]+)"[^,]*, password (\S+)/.exec(out);
  if (!m) throw new Error(`no credentials in: ${out}`);
  return { user: m[1]!, password: m[2]! };
};
