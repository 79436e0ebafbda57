import type { Page } from 'playwright-core';
import type { KeyCounter } from './keyCounter';

/** A new patient from an empty desk screen to a printed token, with the keyboard alone. */
export async function registerWithKeyboard(page: Page, keys: KeyCounter, p: { name: string; sexKey: string; years: string; mobile: string; line: string; locality: string; district: string; state: string; pin: string; relative: string; relationKey: string }) {
  await page.getByLabel(/^Search patient/).waitFor();
  await keys.type(p.name);
  await page.getByText('No patient found.').waitFor();
  await keys.press('Enter'); // not found: open the registration with the name filled in
  await page.getByRole('heading', { name: 'Register new patient' }).waitFor();
  await keys.type(p.sexKey); // focus starts on Sex
  await keys.press('Tab');
  await keys.type(p.years);
  await keys.press('Tab');
  await keys.type(p.mobile);
  await keys.press('Tab');
  await keys.type(p.line);
  await keys.press('Tab');
  await keys.type(p.locality);
  await keys.press('Tab');
  await page.keyboard.press('ControlOrMeta+A'); keys.count += 1; // district may be remembered from the last patient
  await keys.type(p.district);
  await keys.press('Tab');
  await page.keyboard.press('ControlOrMeta+A'); keys.count += 1;
  await keys.type(p.state);
  await keys.press('Tab');
  await keys.type(p.pin);
  await keys.press('Tab');
  await keys.type(p.relationKey);
  await keys.press('Tab');
  await keys.type(p.relative);
  await keys.press('Enter'); // register
  await page.getByRole('button', { name: 'Issue token and print' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Issue token and print');
  await keys.press('Enter'); // issue the token and print the slip
  await page.getByLabel(/^Search patient/).waitFor(); // back at the desk for the next patient
}

/** Two outpatients as a clerk types them; the keys are the form's one-letter choices. */
export const people = [
  { name: 'Ravi Kumar', sexKey: 'M', years: '45', mobile: '9811012345', line: 'H 12', locality: 'Lajpat Nagar', district: 'South Delhi', state: 'Delhi', pin: '110024', relative: 'Mohan Lal', relationKey: 'F' },
  { name: 'Sunita Devi', sexKey: 'F', years: '38', mobile: '9899012345', line: 'B 4', locality: 'Rohini', district: 'North West Delhi', state: 'Delhi', pin: '110085', relative: 'Ramesh Kumar', relationKey: 'H' },
];
