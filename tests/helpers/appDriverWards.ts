import type { Page } from 'playwright-core';
import { confirmDisposition } from './appDriverEmergency';

/** What an administrator and a ward clerk do for the wards, in words the tests can read. */

/** On "This device": a ward with its beds typed as the form takes them ("1-6\nICU1-ICU2 icu"). */
export async function defineWard(page: Page, w: { code: string; name: string; nameHi?: string; beds: string; count: number }) {
  await page.getByRole('link', { name: 'This device' }).click();
  await page.getByLabel('Ward code').fill(w.code);
  await page.getByLabel('Ward name', { exact: true }).fill(w.name);
  if (w.nameHi) await page.getByLabel('Ward name in Hindi').fill(w.nameHi);
  await page.getByLabel('Beds', { exact: true }).fill(w.beds);
  await page.getByRole('button', { name: 'Save ward' }).click();
  await page.getByRole('status').filter({ hasText: `Ward ${w.code} saved with ${w.count} beds.` }).waitFor();
}

/** On an open emergency visit: "Admitted to ward", then the admit form it leads to. Returns the IP number. */
export async function admitFromVisit(page: Page, a: { bed?: string; consultant: string; diagnosis: string }): Promise<string> {
  await page.getByLabel('Disposition', { exact: true }).selectOption({ label: 'Admitted to ward' });
  await page.getByRole('button', { name: 'Record disposition' }).click();
  await confirmDisposition(page);
  await page.getByRole('heading', { name: /^Admit to a ward: / }).waitFor();
  if (a.bed) await page.getByLabel('Bed', { exact: true }).selectOption(a.bed);
  await page.getByLabel('Consultant').fill(a.consultant);
  await page.getByLabel('Provisional diagnosis').fill(a.diagnosis);
  await page.getByRole('button', { name: 'Admit', exact: true }).click();
  return (await page.getByTestId('admission-id').textContent())!;
}
