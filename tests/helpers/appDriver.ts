import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** What a person does on the screens, in words the tests can read. */
export async function enroll(page: Page, opts: { hospital: string; code: string; admin: string; pin: string }) {
  await page.getByLabel('Hospital name').fill(opts.hospital);
  await page.getByLabel('Device code').fill(opts.code);
  await page.getByLabel('Name', { exact: true }).fill(opts.admin);
  await page.getByLabel('PIN (6–12 digits)').fill(opts.pin);
  await page.getByLabel('PIN again').fill(opts.pin);
  await page.getByRole('button', { name: 'Enroll device' }).click();
  await page.getByRole('heading', { name: `Welcome, ${opts.admin}` }).waitFor();
}

export async function login(page: Page, name: string, pin: string) {
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByText(name, { exact: true }).click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Administrators land on the welcome page, clerks straight on the registration desk.
  await page.getByText(new RegExp(`^${name} · `)).waitFor();
}

export async function addUser(page: Page, name: string, role: 'Ward clerk' | 'Lab technician' | 'Administrator', pin: string) {
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Role').selectOption({ label: role });
  await page.getByLabel('PIN (6–12 digits)').fill(pin);
  await page.getByLabel('PIN again').fill(pin);
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
