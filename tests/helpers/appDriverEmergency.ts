import type { Page } from 'playwright-core';
import type { KeyCounter } from './keyCounter';

/** What a clerk does in the emergency department, in words the tests can read. */

export interface UnknownArrival {
  sexKey: string; years: string; arrivalKey: string; broughtBy: string; station: string; officer: string; entry: string;
}

/**
 * From wherever the clerk is: Alt+U, then sex, estimated age, "police" (which marks the case
 * medico-legal), who brought them, station, officer and GD/DD number, Enter. Returns the visit ID.
 */
export async function registerUnknownWithKeyboard(page: Page, keys: KeyCounter, p: UnknownArrival): Promise<string> {
  await keys.press('Alt+U');
  await page.getByRole('heading', { name: 'Register an unknown patient' }).waitFor();
  await keys.type(p.sexKey); // focus starts on Sex
  await keys.press('Tab');
  await keys.type(p.years);
  await keys.press('Tab');
  await keys.type(p.arrivalKey);
  await keys.press('Tab');
  await keys.type(p.broughtBy);
  await keys.press('Tab'); // the MLC box, ticked for the police
  await keys.press('Tab');
  await keys.type(p.station);
  await keys.press('Tab');
  await keys.type(p.officer);
  await keys.press('Tab');
  await keys.type(p.entry);
  await keys.press('Enter'); // register and open the visit
  return (await page.getByTestId('visit-id').textContent())!;
}

/** On the visit: the category by its first letter, the area, Enter. */
export async function triageWithKeyboard(page: Page, category: string, area: string) {
  await page.getByLabel('Triage category', { exact: true }).focus();
  await page.keyboard.type(category.slice(0, 1));
  await page.keyboard.press('Tab');
  await page.keyboard.type(area);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: `Triage saved: ${category}.` }).waitFor();
}

export async function dispose(page: Page, disposition: string, note: string) {
  await page.getByLabel('Disposition', { exact: true }).selectOption({ label: disposition });
  await page.getByLabel(/^Note/).fill(note);
  await page.getByRole('button', { name: 'Record disposition' }).click();
  await confirmDisposition(page);
  await page.getByRole('status').filter({ hasText: disposition }).waitFor();
}

/** The disposition asks first: "Yes, record it" has the focus, so Enter records it. */
export async function confirmDisposition(page: Page) {
  const yes = page.getByRole('button', { name: 'Yes, record it' });
  await yes.waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Yes, record it');
  await page.keyboard.press('Enter');
}
